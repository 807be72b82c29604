import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions/fields.description';
import { fitsInline, inlineAttachments } from '../../../shared/mail/attachmentUpload';
import { attachToDraft, createDraftMessage, sendDraftMessage, sendMail } from '../../../shared/mail/drafts';
import { filesNamed } from '../../../shared/mail/files';
import { bodyContentField, composeFieldOptions, customHeadersField, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { newMessage, requireRecipient } from '../../helpers/compose';
import { defineOperation } from '../defineOperation';

/**
 * PidTagDeleteAfterSubmit: a draft sent with this set is not kept in Sent Items. `send` has no
 * saveToSentItems parameter, so the draft route (large attachments) carries it on the draft instead.
 */
const DELETE_AFTER_SUBMIT = { id: 'Boolean 0x0E01', value: 'true' };

const properties: INodeProperties[] = [
	toRecipientsField(true),
	subjectField,
	bodyContentField,
	collection('Additional Fields', 'additionalFields', 'Add Field', composeFieldOptions(customHeadersField, {
		displayName: 'Save to Sent Items',
		name: 'saveToSentItems',
		type: 'boolean',
		default: true,
		description: 'Whether to keep a copy of the message in the Sent Items folder',
	})),
];

export default defineOperation({
	resource: 'message',
	operation: 'send',
	option: { name: 'Send', description: 'Send a new message', action: 'Send a message' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const { fields, message, own } = newMessage(this, itemIndex, 'saveToSentItems');
		requireRecipient(message);
		const files = await filesNamed(this, itemIndex, fields.attachments, 'Attachments');
		const save = own !== false;

		if (fitsInline(files)) {
			// Under 3 MB of attachments: one request, which Graph sends at once.
			if (files.length) message.attachments = await inlineAttachments(files);
			await sendMail(client, mailbox, message, save, itemIndex);
			return [{ json: { success: true } }];
		}

		// 3 MB or more: a draft, each attachment added (large ones through an upload session), then send.
		if (!save) message.singleValueExtendedProperties = [DELETE_AFTER_SUBMIT];
		const draft = await createDraftMessage(client, mailbox, message, itemIndex);
		const draftId = String(draft.id ?? '');
		const attachments = await attachToDraft(client, mailbox, draftId, files, itemIndex);
		await sendDraftMessage(client, mailbox, draftId, itemIndex);
		return [
			{
				json: {
					success: true,
					messageId: draftId,
					...(draft.internetMessageId ? { internetMessageId: draft.internetMessageId } : {}),
					attachments,
				},
			},
		];
	},
	// One item after another: mail goes out in the items' order.
	sequential: true,
});
