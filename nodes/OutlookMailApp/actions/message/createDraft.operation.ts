import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions/fields.description';
import { fitsInline, inlineAttachments } from '../../../shared/mail/attachmentUpload';
import { attachToDraft, createDraftMessage } from '../../../shared/mail/drafts';
import { filesNamed } from '../../../shared/mail/files';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { bodyContentField, composeFieldOptions, customHeadersField, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { folderLocator } from '../../descriptions/locators.description';
import { newMessage } from '../../helpers/compose';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	toRecipientsField(false),
	subjectField,
	bodyContentField,
	collection('Additional Fields', 'additionalFields', 'Add Field', composeFieldOptions(customHeadersField, {
		...folderLocator('folderId', 'Folder', 'The folder to save the draft in (Drafts when not set)'),
		required: false,
	})),
];

export default defineOperation({
	resource: 'message',
	operation: 'createDraft',
	option: { name: 'Create Draft', description: 'Create a draft message', action: 'Create a draft' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const { fields, message, own: folderId } = newMessage(this, itemIndex, 'folderId');
		const folder = folderId === undefined ? undefined : locatorValue(this, 'additionalFields.folderId', itemIndex, 'Folder');
		const files = await filesNamed(this, itemIndex, fields.attachments, 'Attachments');

		if (fitsInline(files)) {
			if (files.length) message.attachments = await inlineAttachments(files);
			const draft = await createDraftMessage(client, mailbox, message, itemIndex, folder);
			return [{ json: withoutAnnotations(draft) }];
		}
		const draft = await createDraftMessage(client, mailbox, message, itemIndex, folder);
		const attachments = await attachToDraft(client, mailbox, String(draft.id ?? ''), files, itemIndex);
		return [{ json: { ...withoutAnnotations(draft), hasAttachments: true, attachments } }];
	},
});
