/**
 * Adding a file to a message (usually a draft): inline under 3 MB, through an upload session above, so a 30 MB
 * attachment works. An upload Graph has accepted succeeds once, whatever its Location header says.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError, settle } from '../graph/errors';
import { listAttachments } from './attachments';
import type { FileToAttach } from './files';
import { attachmentsPath, segment } from './paths';
import type { GraphAttachment } from './types';

/** Graph takes file attachments under 3 MB inline; larger ones need an upload session. */
export const INLINE_ATTACHMENT_LIMIT_BYTES = 3 * 1024 * 1024;

/** A file attachment as Graph takes it inline, in a message or in POST .../attachments. */
export async function inlineAttachment(file: FileToAttach): Promise<IDataObject> {
	return {
		'@odata.type': '#microsoft.graph.fileAttachment',
		name: file.name,
		contentType: file.contentType,
		contentBytes: (await file.read()).toString('base64'),
	};
}

/** Every file as Graph takes it inline, in the order given. */
export async function inlineAttachments(files: FileToAttach[]): Promise<IDataObject[]> {
	return await Promise.all(files.map(inlineAttachment));
}

export function fitsInline(files: FileToAttach[]): boolean {
	return files.reduce((total, file) => total + file.size, 0) < INLINE_ATTACHMENT_LIMIT_BYTES;
}

/**
 * Adds one file to a message (usually a draft): directly under 3 MB, otherwise through an upload session
 * in chunks, so a 30 MB attachment works. Returns the attachment's metadata.
 */
export async function addFileAttachment(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	file: FileToAttach,
	itemIndex: number,
): Promise<IDataObject> {
	if (file.size === 0) throw new GraphInputError('Attachment', INPUT_TEXTS.emptyFile(file.name));
	const attachments = attachmentsPath(mailbox, messageId);
	if (file.size < INLINE_ATTACHMENT_LIMIT_BYTES) {
		const created = await client.request<IDataObject>({
			method: 'POST',
			path: attachments,
			body: await inlineAttachment(file),
			itemIndex,
		});
		delete created.contentBytes;
		return created;
	}
	const session = await client.request<{ uploadUrl?: string }>({
		method: 'POST',
		path: attachments.child('createUploadSession'),
		body: {
			AttachmentItem: {
				attachmentType: 'file',
				name: file.name,
				size: file.size,
				contentType: file.contentType,
			},
		},
		itemIndex,
	});
	const response = await client.uploadToSession(String(session.uploadUrl), file, { mailbox, itemIndex });
	// Graph holds the whole file now: nothing below may fail the item, or a rerun would attach it twice.
	const id =
		attachmentIdFromLocation(response.headers.location, String(session.uploadUrl)) ??
		(await findUploadedAttachment(client, mailbox, messageId, file, itemIndex));
	return {
		name: file.name,
		contentType: file.contentType,
		size: file.size,
		...(id ? { id } : {}),
	};
}

/** Outlook answers the last chunk with `Location: .../Attachments('<id>')`, on the upload URL's origin. */
function attachmentIdFromLocation(location: unknown, uploadUrl: string): string | undefined {
	if (typeof location !== 'string' || location === '' || location.length > 8192) return undefined;
	let url: URL;
	try {
		url = new URL(location, uploadUrl);
		if (url.origin !== new URL(uploadUrl).origin) return undefined;
	} catch {
		return undefined;
	}
	const match = /\/Attachments\('([^'/]+)'\)$/i.exec(url.pathname);
	if (!match) return undefined;
	try {
		const id = decodeURIComponent(match[1]);
		// The ID is output and may address the attachment later: it must be one a path can carry.
		segment(id, 'Attachment');
		return id;
	} catch {
		return undefined;
	}
}

/**
 * The attachment an upload session made, when Graph's Location did not say: the newest file attachment of the
 * message with the file's name and at least its size (Exchange counts a little more than the content). A failed
 * lookup gives undefined: the upload itself succeeded.
 */
async function findUploadedAttachment(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	file: FileToAttach,
	itemIndex: number,
): Promise<string | undefined> {
	const attachments = await settle(listAttachments(client, mailbox, messageId, { itemIndex }));
	if (attachments instanceof Error) return undefined;
	let found: GraphAttachment | undefined;
	for (const attachment of attachments) {
		if (attachment['@odata.type'] !== undefined && attachment['@odata.type'] !== '#microsoft.graph.fileAttachment') continue;
		if (typeof attachment.id !== 'string' || attachment.name !== file.name) continue;
		if (typeof attachment.size !== 'number' || attachment.size < file.size) continue;
		if (!found || String(attachment.lastModifiedDateTime ?? '') >= String(found.lastModifiedDateTime ?? '')) found = attachment;
	}
	return found?.id;
}
