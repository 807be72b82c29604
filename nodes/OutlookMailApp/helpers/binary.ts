import type { Readable } from 'node:stream';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { attachmentsPath, attachmentPath } from '../../shared/mail/paths';

interface AttachmentInfo {
	'@odata.type'?: string;
	id: string;
	name?: string;
	contentType?: string;
	size?: number;
	isInline?: boolean;
	sourceUrl?: string;
}

/** Any n8n context that can store binary data: a node execution or a trigger's poll. */
export type BinaryContext = { helpers: Pick<IExecuteFunctions['helpers'], 'prepareBinaryData'> };

const FILE = '#microsoft.graph.fileAttachment';
const ITEM = '#microsoft.graph.itemAttachment';
const REFERENCE = '#microsoft.graph.referenceAttachment';

/** The longest file name kept (most file systems' limit). */
const MAX_FILE_NAME_LENGTH = 255;

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
	attachment: AttachmentInfo,
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
	const attachments = await client.paginate<AttachmentInfo>({
		method: 'GET',
		path: attachmentsPath(mailbox, messageId),
		query: { $select: 'id,name,contentType,size,isInline' },
		itemIndex,
	});
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
