import { returnAllOrLimit } from '../../descriptions/common.description';
import { categoryOutput, listCategories } from '../../../shared/mail/categories';
import { limitOf } from '../../helpers/paging';
import { defineOperation } from '../defineOperation';

export default defineOperation({
	resource: 'category',
	operation: 'getMany',
	option: { name: 'Get Many', description: "List the mailbox's master list of categories", action: 'Get many categories' },
	properties: returnAllOrLimit(),
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const categories = await listCategories(client, mailbox, { limit: limitOf(this, itemIndex), itemIndex });
		return categories.map((category) => ({ json: categoryOutput({ ...category }) }));
	},
});
