/**
 * The Graph paths of the mail API, each built from constant words and checked segments (see `GraphPath`): an
 * operation names what it addresses, never joins strings. Every segment carries the field it came from, so an
 * error about a bad ID names the parameter ("Message", "Folder", "Attachment").
 */
import { functionCall, GraphPath, segment, userPath } from '../graph/paths';

export { GraphPath, segment, userPath };

/** `users/{mailbox}/messages`: the whole mailbox's messages. */
export function messagesPath(mailbox: string): GraphPath {
	return userPath(mailbox).child('messages');
}

/** `users/{mailbox}/messages/{id}`. */
export function messagePath(mailbox: string, messageId: unknown, field = 'Message'): GraphPath {
	return messagesPath(mailbox).child(segment(messageId, field));
}

/** `users/{mailbox}/mailFolders`: the top-level folders. */
export function mailFoldersPath(mailbox: string): GraphPath {
	return userPath(mailbox).child('mailFolders');
}

/** `users/{mailbox}/mailFolders/{id}`: a folder by ID or well-known name. */
export function mailFolderPath(mailbox: string, folderId: unknown, field = 'Folder'): GraphPath {
	return mailFoldersPath(mailbox).child(segment(folderId, field));
}

/** The folders under `parentId`, or the top-level folders when it is absent. */
export function childFoldersPath(mailbox: string, parentId?: string, field = 'Folder'): GraphPath {
	return parentId ? mailFolderPath(mailbox, parentId, field).child('childFolders') : mailFoldersPath(mailbox);
}

/** `users/{mailbox}/messages/{id}/attachments`. */
export function attachmentsPath(mailbox: string, messageId: unknown, field = 'Message'): GraphPath {
	return messagePath(mailbox, messageId, field).child('attachments');
}

/** `users/{mailbox}/messages/{id}/attachments/{id}`. */
export function attachmentPath(mailbox: string, messageId: unknown, attachmentId: unknown): GraphPath {
	return attachmentsPath(mailbox, messageId).child(segment(attachmentId, 'Attachment'));
}

/** A folder's message delta: `users/{mailbox}/mailFolders/{folder}/messages/delta`. */
export function folderDeltaPath(mailbox: string, folder: unknown): GraphPath {
	return mailFolderPath(mailbox, folder).child('messages', 'delta');
}

/** `users/{mailbox}/mailFolders/inbox/messageRules`: the mailbox's Inbox rules (Graph has them only under inbox). */
export function messageRulesPath(mailbox: string): GraphPath {
	return mailFoldersPath(mailbox).child('inbox', 'messageRules');
}

/** `users/{mailbox}/mailFolders/inbox/messageRules/{id}`. */
export function messageRulePath(mailbox: string, ruleId: unknown): GraphPath {
	return messageRulesPath(mailbox).child(segment(ruleId, 'Rule'));
}

/** `admin/exchange/tracing/messageTraces`: the tenant's message trace (no mailbox). */
export function messageTracesPath(): GraphPath {
	return GraphPath.of('admin', 'exchange', 'tracing', 'messageTraces');
}

/** `.../messageTraces/{id}/getDetailsByRecipient(recipientAddress='...')`: one message's events for one recipient. */
export function messageTraceDetailsPath(traceId: unknown, recipientAddress: string): GraphPath {
	return messageTracesPath()
		.child(segment(traceId, 'Message Trace ID'))
		.child(functionCall('getDetailsByRecipient', 'recipientAddress', recipientAddress, 'Recipient Address'));
}

/** `users/{mailbox}/mailboxSettings`: time zone, language, working hours, automatic replies. */
export function mailboxSettingsPath(mailbox: string): GraphPath {
	return userPath(mailbox).child('mailboxSettings');
}

/** `users/{mailbox}/outlook/masterCategories`: the mailbox's master list of categories. */
export function masterCategoriesPath(mailbox: string): GraphPath {
	return userPath(mailbox).child('outlook', 'masterCategories');
}

/** `users/{mailbox}/outlook/masterCategories/{id}`. */
export function masterCategoryPath(mailbox: string, categoryId: unknown, field = 'Category'): GraphPath {
	return masterCategoriesPath(mailbox).child(segment(categoryId, field));
}

/** `users/{mailbox}/getMailTips`. */
export function mailTipsPath(mailbox: string): GraphPath {
	return userPath(mailbox).child('getMailTips');
}
