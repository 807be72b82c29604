import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createGraphClient } from '../../nodes/shared/graph/client';
import { asNodeError } from '../../nodes/shared/graph/errors';
import { messagePath, messagesPath, userPath } from '../../nodes/shared/mail/paths';

/**
 * Test-only node that drives the Graph client from input items through n8n's engine:
 * `get` reads a message by the item's `messageId`, `list` pages through a folder, `send` sends mail.
 */
export class GraphProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Graph Probe',
		name: 'graphProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls Graph through the shared client (tests only)',
		defaults: { name: 'Graph Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'outlookMailAppApi', required: true }],
		properties: [
			{
				displayName: 'Action',
				name: 'action',
				type: 'options',
				options: [
					{ name: 'Get', value: 'get' },
					{ name: 'List', value: 'list' },
					{ name: 'Send', value: 'send' },
				],
				default: 'get',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await createGraphClient(this);
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const action = this.getNodeParameter('action', itemIndex) as string;
			const input = items[itemIndex].json;
			const mailbox = client.mailbox(input.mailbox);
			try {
				let json: IDataObject;
				if (action === 'get') {
					json = await client.request<IDataObject>({
						method: 'GET',
						path: messagePath(mailbox, input.messageId, 'Message ID'),
						query: { $select: 'id,subject' },
						itemIndex,
					});
				} else if (action === 'list') {
					const messages = await client.paginate<IDataObject>(
						{ method: 'GET', path: messagesPath(mailbox), query: { $select: 'id' }, itemIndex },
						{ limit: input.limit as number | undefined },
					);
					json = { count: messages.length };
				} else {
					await client.request({
						method: 'POST',
						path: userPath(mailbox).child('sendMail'),
						body: {
							message: {
								subject: input.subject ?? 'Probe',
								body: { contentType: 'Text', content: 'Probe' },
								toRecipients: [{ emailAddress: { address: input.to } }],
							},
						},
						itemIndex,
					});
					json = { sent: true };
				}
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
