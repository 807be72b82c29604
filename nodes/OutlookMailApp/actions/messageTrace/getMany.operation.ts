import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { choice, collection } from '../../../shared/descriptions/fields.description';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageTracesPath } from '../../../shared/mail/paths';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { limitOf } from '../../helpers/paging';
import { traceFilter } from '../../helpers/messageTraces';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	collection('Filters', 'filters', 'Add Filter', [
		{
			displayName: 'Received After',
			name: 'receivedAfter',
			type: 'dateTime',
			default: '',
			description: 'Start of the time window: within the last 90 days, at most 10 days before Received Before. With neither: the last 48 hours.',
		},
		{
			displayName: 'Received Before',
			name: 'receivedBefore',
			type: 'dateTime',
			default: '',
			description: 'End of the time window; a time still to come counts as now',
		},
		{ displayName: 'Recipient Address', name: 'recipientAddress', type: 'string', default: '', placeholder: 'e.g. alex@contoso.com' },
		{ displayName: 'Sender Address', name: 'senderAddress', type: 'string', default: '', placeholder: 'e.g. adele@contoso.com' },
		choice('Status', 'status', 'delivered', [
			{ name: 'Delivered', value: 'delivered' },
			{ name: 'Expanded (to a Group)', value: 'expanded' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Filtered as Spam', value: 'filteredAsSpam' },
			{ name: 'Getting Status', value: 'gettingStatus' },
			{ name: 'Pending', value: 'pending' },
			{ name: 'Quarantined', value: 'quarantined' },
		]),
		{ displayName: 'Subject Contains', name: 'subjectContains', type: 'string', default: '' },
	]),
];

export default defineOperation({
	resource: 'messageTrace',
	operation: 'getMany',
	option: {
		name: 'Get Many',
		description: 'Search the tenant\'s message trace: which mail was sent to whom and what became of it',
		action: 'Search the message trace',
	},
	properties,
	async execute(client, itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const $filter = traceFilter(filters, client.now(), this.getTimezone());
		const limit = limitOf(this, itemIndex);
		const rows = await client.paginate<IDataObject>({ method: 'GET', path: messageTracesPath(), query: { $filter }, itemIndex }, { limit });
		return rows.map((row) => ({ json: withoutAnnotations(row) }));
	},
});
