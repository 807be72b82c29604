import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messagePath } from '../../../shared/mail/paths';
import { folderLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation, type Operation, type OperationOptionText } from '../defineOperation';

/**
 * Move and Copy differ only in Graph's action: both output the message in the destination folder, under
 * the new ID Graph gives it.
 */
export function messageTransfer<A extends 'move' | 'copy'>(action: A, option: OperationOptionText): Operation<'message', A> {
	return defineOperation({
		resource: 'message',
		operation: action,
		option,
		properties: [
			messageLocator,
			folderLocator(
				'folderId',
				'Destination Folder',
				`The folder to ${action} the message to, by full path from the list, or by ID or well-known name`,
			),
		],
		async execute(client, itemIndex) {
			const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
			const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
			const destinationId = locatorValue(this, 'folderId', itemIndex, 'Destination Folder');
			if (destinationId === '') throw new GraphInputError('Destination Folder', INPUT_TEXTS.empty('Destination Folder'));
			const message = await client.request<IDataObject>({
				method: 'POST',
				path: messagePath(mailbox, messageId).child(action as 'move' | 'copy'),
				body: { destinationId },
				itemIndex,
			});
			return [{ json: withoutAnnotations(message) }];
		},
	});
}
