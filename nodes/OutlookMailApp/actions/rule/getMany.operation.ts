import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageRulesPath } from '../../../shared/mail/paths';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { limitOf } from '../../helpers/paging';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export default defineOperation({
	resource: 'rule',
	operation: 'getMany',
	option: { name: 'Get Many', description: 'List the Inbox rules of the mailbox, in the order they run', action: 'Get many Inbox rules' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const limit = limitOf(this, itemIndex);
		// Graph answers every rule in one page; the pager follows a next link should one come.
		const rules = await client.paginate<IDataObject>({ method: 'GET', path: messageRulesPath(mailbox), itemIndex }, { limit, pageSize: 0 });
		return rules.map((rule) => ({ json: withoutAnnotations(rule) }));
	},
});
