/**
 * Writing mail: drafts, their attachments, sending them, and replies and forwards (at once, or through a draft).
 * Whether a request sends mail is the client's to decide (`sendsMail.ts`), from the request itself.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { addFileAttachment } from './attachmentUpload';
import type { FileToAttach } from './files';
import { withoutAnnotations } from './odata';
import { mailFolderPath, messagePath, messagesPath, userPath } from './paths';

export type ResponseKind = 'reply' | 'replyAll' | 'forward';

/** The action that makes a draft of each kind of response. */
const CREATE_ACTION = {
	reply: 'createReply',
	replyAll: 'createReplyAll',
	forward: 'createForward',
} as const satisfies Record<ResponseKind, string>;

/** `POST users/{m}/messages`, or `.../mailFolders/{f}/messages`: a new draft, returned as Graph created it. */
export async function createDraftMessage(
	client: GraphClient,
	mailbox: string,
	message: IDataObject,
	itemIndex: number,
	folderId?: string,
): Promise<IDataObject> {
	return await client.request<IDataObject>({
		method: 'POST',
		path: folderId === undefined ? messagesPath(mailbox) : mailFolderPath(mailbox, folderId).child('messages'),
		body: message,
		itemIndex,
	});
}

/** Adds each file to a draft (inline under 3 MB, else through an upload session); returns their metadata. */
export async function attachToDraft(
	client: GraphClient,
	mailbox: string,
	draftId: string,
	files: FileToAttach[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const added: IDataObject[] = [];
	for (const file of files) {
		added.push(withoutAnnotations(await addFileAttachment(client, mailbox, draftId, file, itemIndex)));
	}
	return added;
}

/** `POST users/{m}/sendMail`: sends a new message at once (attachments inline). */
export async function sendMail(
	client: GraphClient,
	mailbox: string,
	message: IDataObject,
	saveToSentItems: boolean,
	itemIndex: number,
): Promise<void> {
	await client.request({ method: 'POST', path: userPath(mailbox).child('sendMail'), body: { message, saveToSentItems }, itemIndex });
}

/** `POST users/{m}/messages/{id}/send`: sends a draft. Never retried when the outcome is unknown. */
export async function sendDraftMessage(
	client: GraphClient,
	mailbox: string,
	draftId: string,
	itemIndex: number,
	field = 'Message',
): Promise<void> {
	await client.request({ method: 'POST', path: messagePath(mailbox, draftId, field).child('send'), itemIndex });
}

/**
 * A reply, reply-all or forward: sent at once (`POST .../reply|replyAll|forward`, no answer), or made a draft
 * Outlook fills in (`POST .../createReply|createReplyAll|createForward`), which is returned.
 */
export async function respond(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	kind: ResponseKind,
	how: 'send' | 'draft',
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const action = how === 'send' ? kind : CREATE_ACTION[kind];
	return await client.request<IDataObject | undefined>({ method: 'POST', path: messagePath(mailbox, messageId).child(action), body, itemIndex });
}

/** `PATCH users/{m}/messages/{id}`: changes a message (a draft's fields, or read state, flag, categories). */
export async function updateMessage(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	patch: IDataObject,
	itemIndex?: number,
	field = 'Message',
): Promise<IDataObject> {
	return await client.request<IDataObject>({ method: 'PATCH', path: messagePath(mailbox, messageId, field), body: patch, itemIndex });
}
