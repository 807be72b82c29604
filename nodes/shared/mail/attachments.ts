/**
 * Reading attachments: their metadata, and their content as n8n binary data (streamed, so memory does not grow
 * with the size), named and typed safely whatever Graph says.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'node:stream';

import type { GraphClient } from '../graph/client';
import { withoutAnnotations } from './odata';
import { attachmentPath, attachmentsPath } from './paths';
import { ATTACHMENT_DOWNLOAD_FIELDS, ATTACHMENT_FIELDS } from './select';
import type { AttachmentKind, GraphAttachment } from './types';

/** Any n8n context that can store binary data: a node execution or a trigger's poll. */
export type BinaryContext = { helpers: Pick<IExecuteFunctions['helpers'], 'prepareBinaryData'> };

const FILE = '#microsoft.graph.fileAttachment';
const ITEM = '#microsoft.graph.itemAttachment';
const REFERENCE = '#microsoft.graph.referenceAttachment';
const KINDS: Record<string, AttachmentKind> = { [FILE]: 'file', [ITEM]: 'item', [REFERENCE]: 'reference' };

/** The longest file name kept (most file systems' limit). */
const MAX_FILE_NAME_LENGTH = 255;

/** file, item (an attached message, event or contact) or reference (a link to a file in the cloud). */
export function attachmentKind(attachment: IDataObject): AttachmentKind | undefined {
	return KINDS[String(attachment['@odata.type'] ?? '')];
}

/**
 * An attachment's metadata for the output: its fields without OData annotations or content bytes, and
 * `type` (file, item or reference) from its `@odata.type`.
 */
export function attachmentMetadata(attachment: IDataObject): IDataObject {
	return { ...withoutAnnotations(attachment, 'contentBytes', 'item'), type: attachmentKind(attachment) ?? null };
}

/** One attachment's metadata, without its content bytes. */
export async function getAttachmentMetadata(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	attachmentId: string,
	itemIndex?: number,
): Promise<GraphAttachment> {
	return await client.request<GraphAttachment>({
		method: 'GET',
		path: attachmentPath(mailbox, messageId, attachmentId),
		query: { $select: ATTACHMENT_FIELDS },
		itemIndex,
	});
}

/** Every attachment of a message, metadata only (`fields`: what to ask for), up to `limit`. */
export async function listAttachments(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	options: { itemIndex?: number; limit?: number; fields?: string } = {},
): Promise<GraphAttachment[]> {
	return await client.paginate<GraphAttachment>(
		{
			method: 'GET',
			path: attachmentsPath(mailbox, messageId),
			query: { $select: options.fields ?? ATTACHMENT_FIELDS },
			itemIndex: options.itemIndex,
		},
		options.limit === undefined ? {} : { limit: options.limit },
	);
}

/** A file name safe to offer for download, whatever Graph sent: no control characters, no path, not too long. */
export function safeFileName(name: unknown, fallback: string): string {
	const cleaned = (typeof name === 'string' ? name : '').replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '_').trim();
	return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned.slice(0, MAX_FILE_NAME_LENGTH) : fallback;
}

/** `type/subtype` with optional parameters, in the characters RFC 9110 allows: what may go into a Content-Type. */
const MIME_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\u0000-\u001f\u007f]*"|[a-z0-9!#$&^_.+-]+))*$/i;

/** A MIME type Graph reported, kept only when it is one; else application/octet-stream. */
export function safeMimeType(type: unknown): string {
	return typeof type === 'string' && type.length <= 255 && MIME_TYPE.test(type.trim()) ? type.trim() : 'application/octet-stream';
}

/**
 * The raw bytes of one attachment (the file, or the attached item as MIME), as a stream straight from
 * Graph: stored by n8n's binary data service as it arrives, so memory does not grow with the size.
 */
export async function attachmentContent(
	client: GraphClient,
	mailbox: string,
	messageId: string,
	attachmentId: string,
	itemIndex: number,
): Promise<Readable | Buffer> {
	const response = await client.send({
		method: 'GET',
		path: attachmentPath(mailbox, messageId, attachmentId).child('$value'),
		headers: { Accept: '*/*' },
		stream: true,
		itemIndex,
	});
	return response.stream ?? response.raw;
}

/** Binary data for one attachment, named and typed as Outlook shows it. */
export async function attachmentToBinary(
	context: BinaryContext,
	client: GraphClient,
	mailbox: string,
	messageId: string,
	attachment: GraphAttachment,
	itemIndex: number,
) {
	const content = await attachmentContent(client, mailbox, messageId, attachment.id, itemIndex);
	const isItem = attachment['@odata.type'] === ITEM;
	const fileName = safeFileName(
		isItem ? `${typeof attachment.name === 'string' ? attachment.name : 'item'}.eml` : attachment.name,
		isItem ? 'item.eml' : 'attachment',
	);
	return await context.helpers.prepareBinaryData(
		content,
		fileName,
		isItem ? 'message/rfc822' : safeMimeType(attachment.contentType),
	);
}

/**
 * Every attachment of a message as binary properties `<prefix>0`, `<prefix>1`, ... File attachments as
 * files, item attachments as `.eml`; reference attachments have no content and are listed with their link.
 */
export async function downloadAttachments(
	context: BinaryContext,
	client: GraphClient,
	mailbox: string,
	messageId: string,
	prefix: string,
	itemIndex: number,
): Promise<{ binary: IBinaryKeyData; references: IDataObject[] }> {
	const attachments = await listAttachments(client, mailbox, messageId, { itemIndex, fields: ATTACHMENT_DOWNLOAD_FIELDS });
	const binary: IBinaryKeyData = {};
	const references: IDataObject[] = [];
	let index = 0;
	for (const attachment of attachments) {
		if (attachment['@odata.type'] === REFERENCE) {
			references.push({ id: attachment.id, name: attachment.name, sourceUrl: attachment.sourceUrl });
			continue;
		}
		if (attachment['@odata.type'] !== FILE && attachment['@odata.type'] !== ITEM) continue;
		binary[`${prefix}${index++}`] = await attachmentToBinary(context, client, mailbox, messageId, attachment, itemIndex);
	}
	return { binary, references };
}
