import { messageRulePath } from '../../../shared/mail/paths';
import { ruleLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

export default defineOperation({
	resource: 'rule',
	operation: 'delete',
	option: { name: 'Delete', description: 'Delete an Inbox rule', action: 'Delete an Inbox rule' },
	properties: [ruleLocator],
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const ruleId = locatorValue(this, 'ruleId', itemIndex, 'Rule');
		await client.request({ method: 'DELETE', path: messageRulePath(mailbox, ruleId), itemIndex });
		return [{ json: { success: true, id: ruleId } }];
	},
});
