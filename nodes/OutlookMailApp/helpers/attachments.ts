import type { Readable } from 'node:stream';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import type { GraphClient, UploadSource } from '../../shared/graph/client';
import { GraphInputError } from '../../shared/graph/errors';
import { segment, userPath } from '../../shared/graph/paths';

/** Graph takes file attachments under 3 MB inline; larger ones need an upload session. */
export const INLINE_ATTACHMENT_LIMIT_BYTES = 3 * 1024 * 1024;

/** A file from the item's binary data, read only when needed: whole (small files) or chunk by chunk. */
export interface FileToAttach extends UploadSource {
	name: string;
	contentType: string;
	/** The whole file in memory: for files small enough to travel inline. */
	read(): Promise<Buffer>;
}

/** Names of binary properties, from a comma-separated parameter such as "data, invoice". */
export function binaryPropertyNames(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
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
	const attachmentsPath = userPath(mailbox, 'messages', segment(messageId, 'Message'), 'attachments');
	if (file.size < INLINE_ATTACHMENT_LIMIT_BYTES) {
		const created = await client.request<IDataObject>({
			method: 'POST',
			path: attachmentsPath,
			body: await inlineAttachment(file),
			mailbox,
			itemIndex,
		});
		delete created.contentBytes;
		return created;
	}
	const session = await client.request<{ uploadUrl?: string }>({
		method: 'POST',
		path: `${attachmentsPath}/createUploadSession`,
		body: {
			AttachmentItem: {
				attachmentType: 'file',
				name: file.name,
				size: file.size,
				contentType: file.contentType,
			},
		},
		mailbox,
		itemIndex,
	});
	const response = await client.uploadToSession(String(session.uploadUrl), file, { mailbox, itemIndex });
	const location = response.headers.location;
	return {
		name: file.name,
		contentType: file.contentType,
		size: file.size,
		...(location ? { id: attachmentIdFromLocation(location) } : {}),
	};
}

/** Outlook answers the last chunk with `Location: .../Attachments('<id>')`. */
function attachmentIdFromLocation(location: string): string | undefined {
	const match = /Attachments\('([^']+)'\)/i.exec(location);
	return match ? decodeURIComponent(match[1]) : undefined;
}
