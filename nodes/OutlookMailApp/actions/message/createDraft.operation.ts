import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { folderLocator } from '../../descriptions/locators.description';
import { filesNamed } from '../../../shared/mail/files';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { attachToDraft, createDraftMessage } from '../../../shared/mail/drafts';
import { bodyContentField, composeFieldOptions, customHeadersField, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { type ComposeFields, toGraphMessage } from '../../helpers/compose';
import { fitsInline, inlineAttachment } from '../../../shared/mail/attachmentUpload';

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

export const description = forOperation('message', 'createDraft', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
}
