import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fitsInline, inlineAttachment } from '../../../shared/mail/attachmentUpload';
import { attachToDraft, createDraftMessage } from '../../../shared/mail/drafts';
import { filesNamed } from '../../../shared/mail/files';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { bodyContentField, composeFieldOptions, customHeadersField, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { folderLocator } from '../../descriptions/locators.description';
import { type ComposeFields, toGraphMessage } from '../../helpers/compose';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	toRecipientsField(false),
	subjectField,
	bodyContentField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: composeFieldOptions(customHeadersField, {
			...folderLocator('folderId', 'Folder', 'The folder to save the draft in (Drafts when not set)'),
			required: false,
		}),
	},
];

export default defineOperation({
	resource: 'message',
	operation: 'createDraft',
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const { folderId, ...additional } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const fields: ComposeFields = {
			toRecipients: this.getNodeParameter('toRecipients', itemIndex, ''),
			subject: this.getNodeParameter('subject', itemIndex, ''),
			bodyContent: this.getNodeParameter('bodyContent', itemIndex, ''),
			...additional,
		};
		const message = toGraphMessage(fields);
		const folder = folderId === undefined ? undefined : locatorValue(this, 'additionalFields.folderId', itemIndex, 'Folder');
		const files = await filesNamed(this, itemIndex, fields.attachments, 'Attachments');

		if (fitsInline(files)) {
			if (files.length) message.attachments = await Promise.all(files.map(inlineAttachment));
			const draft = await createDraftMessage(client, mailbox, message, itemIndex, folder);
			return [{ json: withoutAnnotations(draft) }];
		}
		const draft = await createDraftMessage(client, mailbox, message, itemIndex, folder);
		const attachments = await attachToDraft(client, mailbox, String(draft.id ?? ''), files, itemIndex);
		return [{ json: { ...withoutAnnotations(draft), hasAttachments: true, attachments } }];
	},
});
