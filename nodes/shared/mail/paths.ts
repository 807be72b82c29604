/**
 * The Graph paths of the mail API, each built from constant words and checked segments (see `GraphPath`): an
 * operation names what it addresses, never joins strings. Every segment carries the field it came from, so an
 * error about a bad ID names the parameter ("Message", "Folder", "Attachment").
 */
import { GraphPath, segment, userPath } from '../graph/paths';

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
