/**
 * Files from an input item's binary data, read only when needed: whole (small files) or chunk by chunk (uploads),
 * in every binary storage mode.
 */
import { BINARY_ENCODING, type IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'node:stream';

import type { UploadSource } from '../graph/client';
import { textValue } from '../graph/text';

/** A file from the item's binary data, read only when needed: whole (small files) or chunk by chunk. */
export interface FileToAttach extends UploadSource {
	name: string;
	contentType: string;
	/** The whole file in memory: for files small enough to travel inline. */
	read(): Promise<Buffer>;
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

/** Names of binary properties, from a comma-separated parameter such as "data, invoice", or a list of them. */
export function binaryPropertyNames(value: unknown, field: string): string[] {
	const parts = Array.isArray(value) ? value.map((part) => textValue(part, field)) : textValue(value, field).split(',');
	return parts.map((name) => name.trim()).filter(Boolean);
}

/** The files a parameter names (see binaryPropertyNames), read from the item's binary data; none when it is empty. */
export async function filesNamed(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): Promise<FileToAttach[]> {
	const names = binaryPropertyNames(value, field);
	return names.length ? await filesFromBinary(context, itemIndex, names) : [];
}
