import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { GraphInputError } from '../../../shared/graph/errors';
import { INPUT_TEXTS } from '../../../shared/graph/errorTexts';
import { messagePath } from '../../../shared/mail/paths';
import { folderLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation, type OperationModule } from '../operation';
import { withoutAnnotations } from '../../../shared/mail/odata';

/**
 * Move and Copy differ only in Graph's action: both output the message in the destination folder, under
 * the new ID Graph gives it.
 */
export function messageTransfer(action: 'move' | 'copy'): OperationModule {
	const properties: INodeProperties[] = [
		messageLocator,
		folderLocator(
			'folderId',
			'Destination Folder',
			`The folder to ${action} the message to, by full path from the list, or by ID or well-known name`,
		),
	];
	async function execute(
		this: IExecuteFunctions,
		client: GraphClient,
		itemIndex: number,
	): Promise<INodeExecutionData[]> {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const destinationId = locatorValue(this, 'folderId', itemIndex, 'Destination Folder');
		if (destinationId === '') throw new GraphInputError('Destination Folder', INPUT_TEXTS.empty('Destination Folder'));
		const message = await client.request<IDataObject>({
			method: 'POST',
			path: messagePath(mailbox, messageId).child(action),
			body: { destinationId },
			itemIndex,
		});
		return [{ json: withoutAnnotations(message) }];
	}
	return { description: forOperation('message', action, properties), execute };
}
