import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { GraphInputError } from '../../../shared/graph/errors';
import { segment, userPath } from '../../../shared/graph/paths';
import { folderLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { withoutAnnotations } from '../../helpers/messageOutput';
import { forOperation } from '../operation';

const properties: INodeProperties[] = [
	messageLocator,
	folderLocator('folderId', 'Destination Folder', 'The folder to copy the message to, by full path from the list, or by ID or well-known name'),
];

export const description = forOperation('message', 'copy', properties);

/** The copy, in the destination folder: Graph gives it a new ID, which the output carries. */
export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const destinationId = locatorValue(this, 'folderId', itemIndex, 'Destination Folder');
	if (destinationId === '') throw new GraphInputError('Destination Folder', 'Destination Folder is empty');
	const message = await client.request<IDataObject>({
		method: 'POST',
		path: userPath(mailbox, 'messages', segment(messageId, 'Message'), 'copy'),
		body: { destinationId },
		mailbox,
		itemIndex,
	});
	return [{ json: withoutAnnotations(message) }];
}
