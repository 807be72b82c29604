import { masterCategoryPath } from '../../../shared/mail/paths';
import { categoryLocator } from '../../descriptions/locators.description';
import { categoryFromLocator } from './locator';
import { defineOperation } from '../defineOperation';

export default defineOperation({
	resource: 'category',
	operation: 'delete',
	option: {
		name: 'Delete',
		description: "Remove a category from the mailbox's master list (messages keep the name, shown without colour)",
		action: 'Delete a category',
	},
	properties: [categoryLocator],
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const { id } = await categoryFromLocator(this, client, mailbox, itemIndex);
		await client.request({ method: 'DELETE', path: masterCategoryPath(mailbox, id), itemIndex });
		return [{ json: { success: true, id } }];
	},
});
