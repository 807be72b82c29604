import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { segment, mailFolderPath } from '../../../shared/mail/paths';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation, type OperationModule } from '../operation';
import { folderOutput } from '../../../shared/mail/folders';
import { type MailFolder } from '../../../shared/mail/types';

/**
 * Move and Copy differ only in Graph's action: Move outputs the folder in its new place (Graph may give
 * it a new ID), Copy outputs the new copy; either takes the folder's messages and subfolders along.
 */
export function folderTransfer(action: 'move' | 'copy'): OperationModule {
	const properties: INodeProperties[] = [
		folderLocator('folderId', 'Folder'),
		folderLocator(
			'destinationFolderId',
			'Destination Folder',
			`The folder to ${action} it into. Well-known names work as IDs: inbox, archive, msgfolderroot (the top of the mailbox).`,
		),
	];
	async function execute(
		this: IExecuteFunctions,
		client: GraphClient,
		itemIndex: number,
	): Promise<INodeExecutionData[]> {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
		const destinationId = locatorValue(this, 'destinationFolderId', itemIndex, 'Destination Folder');
		// Checked like a path segment, though it travels in the body: an empty or dot value is a mistake either way.
		segment(destinationId, 'Destination Folder');

		const folder = await client.request<MailFolder>({
			method: 'POST',
			path: mailFolderPath(mailbox, folderId).child(action),
			body: { destinationId: destinationId.trim() },
			itemIndex,
		});
		return [{ json: folderOutput(folder) }];
	}
	return { description: forOperation('folder', action, properties), execute };
}
