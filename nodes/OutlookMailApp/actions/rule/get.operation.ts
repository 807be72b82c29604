import type { IDataObject } from 'n8n-workflow';

import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageRulePath } from '../../../shared/mail/paths';
import { ruleLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

export default defineOperation({
	resource: 'rule',
	operation: 'get',
	option: { name: 'Get', description: 'Get an Inbox rule', action: 'Get an Inbox rule' },
	properties: [ruleLocator],
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const ruleId = locatorValue(this, 'ruleId', itemIndex, 'Rule');
		const rule = await client.request<IDataObject>({ method: 'GET', path: messageRulePath(mailbox, ruleId), itemIndex });
		return [{ json: withoutAnnotations(rule) }];
	},
});
