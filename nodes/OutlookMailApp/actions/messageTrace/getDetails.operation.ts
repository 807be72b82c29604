import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageTraceDetailsPath } from '../../../shared/mail/paths';
import { traceAddress, traceId } from '../../helpers/messageTraces';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{
		displayName: 'Message Trace ID',
		name: 'traceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4c2a1c4e-59b8-4b1a-8f0e-3c5d7a2b9e10',
		description: 'The ID of a row of Message Trace > Get Many (shared by the rows of one message)',
	},
	{
		displayName: 'Recipient Address',
		name: 'recipientAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alex@contoso.com',
		description: 'The recipient whose delivery events to get',
	},
];

export default defineOperation({
	resource: 'messageTrace',
	operation: 'getDetails',
	option: {
		name: 'Get Details',
		description: 'The delivery events of one traced message for one recipient',
		action: 'Get the message trace details for a recipient',
	},
	properties,
	async execute(client, itemIndex) {
		const id = traceId(this.getNodeParameter('traceId', itemIndex, ''));
		const recipient = traceAddress(this.getNodeParameter('recipientAddress', itemIndex, ''), 'Recipient Address');
		const details = await client.paginate<IDataObject>({ method: 'GET', path: messageTraceDetailsPath(id, recipient), itemIndex }, { pageSize: 0 });
		return details.map((detail) => ({ json: withoutAnnotations(detail) }));
	},
});
