import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';

const properties: INodeProperties[] = [
	messageLocator,
	{
		displayName: 'Delete Permanently',
		name: 'permanent',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the message for good (to the Purges folder, out of the user\'s reach) instead of moving it to Deleted Items',
	},
];

export const description = forOperation('message', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const message = messagePath(mailbox, messageId);
	if (this.getNodeParameter('permanent', itemIndex, false) === true) {
		await client.request({ method: 'POST', path: message.child('permanentDelete'), itemIndex });
	} else {
		await client.request({ method: 'DELETE', path: message, itemIndex });
	}
	return [{ json: { success: true } }];
}
