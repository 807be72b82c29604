import type { Readable } from 'node:stream';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { GraphClient, UploadSource } from '../../shared/graph/client';
import { GraphInputError, settle } from '../../shared/graph/errors';
import { segment, attachmentsPath } from '../../shared/mail/paths';
import { textValue } from '../../shared/graph/text';
import { ATTACHMENT_FIELDS, type GraphAttachment } from './attachmentMetadata';

/** Graph takes file attachments under 3 MB inline; larger ones need an upload session. */
export const INLINE_ATTACHMENT_LIMIT_BYTES = 3 * 1024 * 1024;

/** A file from the item's binary data, read only when needed: whole (small files) or chunk by chunk. */
export interface FileToAttach extends UploadSource {
	name: string;
	contentType: string;
	/** The whole file in memory: for files small enough to travel inline. */
	read(): Promise<Buffer>;
}

/** Names of binary properties, from a comma-separated parameter such as "data, invoice", or a list of them. */
export function binaryPropertyNames(value: unknown, field: string): string[] {
	const parts = Array.isArray(value) ? value.map((part) => textValue(part, field)) : textValue(value, field).split(',');
	return parts.map((name) => name.trim()).filter(Boolean);
}

/** The files in the item's binary properties, in every binary storage mode. */
export async function filesFromBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyNames: string[],
): Promise<FileToAttach[]> {
	const files: FileToAttach[] = [];
	for (const propertyName of propertyNames) {
		const binary = context.helpers.assertBinaryData(itemIndex, propertyName);
		const name = binary.fileName || propertyName;
		const contentType = binary.mimeType || 'application/octet-stream';
		const read = async () => await context.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		if (binary.id) {
			// Stored outside the item (filesystem and other modes): streamed, never read whole for an upload.
			const { id } = binary;
			const { fileSize } = await context.helpers.getBinaryMetadata(id);
			files.push({
				name,
				contentType,
				size: fileSize,
				read,
				chunks: (chunkSize) => exactChunks(context.helpers.getBinaryStream(id, chunkSize), chunkSize),
			});
		} else {
			const content = Buffer.from(binary.data, BINARY_ENCODING);
			files.push({ name, contentType, size: content.length, read, chunks: (chunkSize) => bufferChunks(content, chunkSize) });
		}
	}
	return files;
}

async function* bufferChunks(content: Buffer, chunkSize: number): AsyncIterable<Buffer> {
	for (let start = 0; start < content.length; start += chunkSize) yield content.subarray(start, start + chunkSize);
}

/** A stream cut into chunks of exactly `chunkSize` bytes (the last one shorter), holding one chunk at a time. */
async function* exactChunks(source: Promise<Readable>, chunkSize: number): AsyncIterable<Buffer> {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for await (const data of await source) {
		let piece = Buffer.from(data as Buffer);
		while (pendingBytes + piece.length >= chunkSize) {
			const take = chunkSize - pendingBytes;
			yield Buffer.concat([...pending, piece.subarray(0, take)]);
			piece = piece.subarray(take);
			pending = [];
			pendingBytes = 0;
		}
		if (piece.length) {
			pending.push(piece);
			pendingBytes += piece.length;
		}
	}
	if (pendingBytes) yield Buffer.concat(pending);
}

/** A file attachment as Graph takes it inline, in a message or in POST .../attachments. */
export async function inlineAttachment(file: FileToAttach): Promise<IDataObject> {
	return {
		'@odata.type': '#microsoft.graph.fileAttachment',
		name: file.name,
		contentType: file.contentType,
		contentBytes: (await file.read()).toString('base64'),
	};
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
	if (file.size === 0) throw new GraphInputError('Attachment', `The file "${file.name}" is empty`);
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
	const attachments = await settle(
		client.paginate<GraphAttachment>({
			method: 'GET',
			path: attachmentsPath(mailbox, messageId),
			query: { $select: ATTACHMENT_FIELDS },
			itemIndex,
		}),
	);
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
