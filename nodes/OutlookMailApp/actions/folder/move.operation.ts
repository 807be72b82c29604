import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { segment, userPath } from '../../../shared/graph/paths';
import { folderLocator } from '../../descriptions/locators.description';
import { folderOutput, type MailFolder } from '../../helpers/folders';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';

const properties: INodeProperties[] = [
	folderLocator('folderId', 'Folder'),
	folderLocator(
		'destinationFolderId',
		'Destination Folder',
		'The folder to move it into. Well-known names work as IDs: inbox, archive, msgfolderroot (the top of the mailbox).',
	),
];

export const description = forOperation('folder', 'move', properties);

/** Moves the folder, with its messages and subfolders, into another folder. Outputs the folder as it is there (Graph may give it a new ID). */
export async function execute(
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
		path: userPath(mailbox, 'mailFolders', segment(folderId, 'Folder'), 'move'),
		body: { destinationId: destinationId.trim() },
		mailbox,
		itemIndex,
	});
	return [{ json: folderOutput(folder) }];
}
