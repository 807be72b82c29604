import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { GraphInputError } from '../../shared/graph/errors';
import { segment, userPath } from '../../shared/graph/paths';

/** Graph takes file attachments under 3 MB inline; larger ones need an upload session. */
export const INLINE_ATTACHMENT_LIMIT_BYTES = 3 * 1024 * 1024;

export interface FileToAttach {
	name: string;
	contentType: string;
	content: Buffer;
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
		files.push({
			name: binary.fileName || propertyName,
			contentType: binary.mimeType || 'application/octet-stream',
			content: await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		});
	}
	return files;
}

/** A file attachment as Graph takes it inline, in a message or in POST .../attachments. */
export function inlineAttachment(file: FileToAttach): IDataObject {
	return {
		'@odata.type': '#microsoft.graph.fileAttachment',
		name: file.name,
		contentType: file.contentType,
		contentBytes: file.content.toString('base64'),
	};
}

export function fitsInline(files: FileToAttach[]): boolean {
	return files.reduce((total, file) => total + file.content.length, 0) < INLINE_ATTACHMENT_LIMIT_BYTES;
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
	if (file.content.length === 0) throw new GraphInputError('Attachment', `The file "${file.name}" is empty`);
	const attachmentsPath = userPath(mailbox, 'messages', segment(messageId, 'Message'), 'attachments');
	if (file.content.length < INLINE_ATTACHMENT_LIMIT_BYTES) {
		const created = await client.request<IDataObject>({
			method: 'POST',
			path: attachmentsPath,
			body: inlineAttachment(file),
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
				size: file.content.length,
				contentType: file.contentType,
			},
		},
		mailbox,
		itemIndex,
	});
	const response = await client.uploadToSession(String(session.uploadUrl), file.content, { mailbox, itemIndex });
	const location = response.headers.location;
	return {
		name: file.name,
		contentType: file.contentType,
		size: file.content.length,
		...(location ? { id: attachmentIdFromLocation(location) } : {}),
	};
}

/** Outlook answers the last chunk with `Location: .../Attachments('<id>')`. */
function attachmentIdFromLocation(location: string): string | undefined {
	const match = /Attachments\('([^']+)'\)/i.exec(location);
	return match ? decodeURIComponent(match[1]) : undefined;
}
