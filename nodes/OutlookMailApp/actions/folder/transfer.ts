import { folderOutput } from '../../../shared/mail/folders';
import { mailFolderPath, segment } from '../../../shared/mail/paths';
import type { MailFolder } from '../../../shared/mail/types';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation, type Operation, type OperationOptionText } from '../defineOperation';

/**
 * Move and Copy differ only in Graph's action: Move outputs the folder in its new place (Graph may give
 * it a new ID), Copy outputs the new copy; either takes the folder's messages and subfolders along.
 */
export function folderTransfer<A extends 'move' | 'copy'>(action: A, option: OperationOptionText): Operation<'folder', A> {
	return defineOperation({
		resource: 'folder',
		operation: action,
		option,
		properties: [
			folderLocator('folderId', 'Folder'),
			folderLocator(
				'destinationFolderId',
				'Destination Folder',
				`The folder to ${action} it into. Well-known names work as IDs: inbox, archive, msgfolderroot (the top of the mailbox).`,
			),
		],
		async execute(client, itemIndex) {
			const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
			const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
			const destinationId = locatorValue(this, 'destinationFolderId', itemIndex, 'Destination Folder');
			// Checked like a path segment, though it travels in the body: an empty or dot value is a mistake either way.
			segment(destinationId, 'Destination Folder');

			const folder = await client.request<MailFolder>({
				method: 'POST',
				path: mailFolderPath(mailbox, folderId).child(action as 'move' | 'copy'),
				body: { destinationId: destinationId.trim() },
				itemIndex,
			});
			return [{ json: folderOutput(folder) }];
		},
	});
}
