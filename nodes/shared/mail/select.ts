/**
 * Every `$select` list this package sends, each once: what is asked of Graph is what the output needs.
 */

/** Properties of microsoft.graph.message (with outlookItem and entity), from Graph's v1.0 metadata. */
export const MESSAGE_PROPERTIES = [
	'bccRecipients',
	'body',
	'bodyPreview',
	'categories',
	'ccRecipients',
	'changeKey',
	'conversationId',
	'conversationIndex',
	'createdDateTime',
	'flag',
	'from',
	'hasAttachments',
	'id',
	'importance',
	'inferenceClassification',
	'internetMessageHeaders',
	'internetMessageId',
	'isDeliveryReceiptRequested',
	'isDraft',
	'isRead',
	'isReadReceiptRequested',
	'lastModifiedDateTime',
	'parentFolderId',
	'receivedDateTime',
	'replyTo',
	'sender',
	'sentDateTime',
	'subject',
	'toRecipients',
	'uniqueBody',
	'webLink',
] as const;

/** What "Simplified" output keeps: what a workflow usually needs, without the body. */
export const SIMPLIFIED_MESSAGE_FIELDS = [
	'id',
	'conversationId',
	'subject',
	'bodyPreview',
	'from',
	'toRecipients',
	'ccRecipients',
	'receivedDateTime',
	'sentDateTime',
	'isRead',
	'isDraft',
	'importance',
	'hasAttachments',
	'categories',
	'flag',
	'parentFolderId',
	'webLink',
];

/** Fields the trigger's filters read (`filters.ts`): always asked of Graph, whatever the output. */
export const MESSAGE_FILTER_FIELDS = [
	'from',
	'toRecipients',
	'ccRecipients',
	'subject',
	'importance',
	'hasAttachments',
	'isRead',
	'categories',
	'receivedDateTime',
	'isDraft',
];

/** A message in a picker list: enough to recognise it. */
export const MESSAGE_PICKER_FIELDS = 'id,subject,from,receivedDateTime,webLink';

/** A message's categories, read before some are added or removed. */
export const MESSAGE_CATEGORY_FIELDS = 'categories';

/** A mailFolder's fields (see MailFolder). */
export const FOLDER_FIELDS = 'id,displayName,parentFolderId,childFolderCount,unreadItemCount,totalItemCount,isHidden';

/** What a walk up a folder's parents needs. */
export const FOLDER_PARENT_FIELDS = 'id,displayName,parentFolderId';

/** Only the ID: a folder that is looked up to be compared, or a mailbox that is checked. */
export const ID_ONLY = 'id';

/** What an attachment's metadata holds, without its content: attachment lists and gets. */
export const ATTACHMENT_FIELDS = 'id,name,contentType,size,isInline,lastModifiedDateTime';

/** What downloading a message's attachments needs of each. */
export const ATTACHMENT_DOWNLOAD_FIELDS = 'id,name,contentType,size,isInline';

/** The `$select` for an output choice: none for Raw, else the chosen or simplified fields with `id` first. */
export function messageSelect(
	output: unknown,
	fields: readonly string[],
	extra: { first?: readonly string[]; last?: readonly string[] } = {},
): string | undefined {
	if (output === 'raw') return undefined;
	const chosen = output === 'fields' ? fields : SIMPLIFIED_MESSAGE_FIELDS;
	return [...new Set(['id', ...(extra.first ?? []), ...chosen, ...(extra.last ?? [])])].join(',');
}
