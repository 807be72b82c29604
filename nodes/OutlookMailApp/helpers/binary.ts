import type { Readable } from 'node:stream';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { segment, userPath } from '../../shared/graph/paths';

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

/** A file name safe to offer for download. */
export function safeFileName(name: string | undefined, fallback: string): string {
	const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
	return cleaned || fallback;
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
		path: userPath(mailbox, 'messages', segment(messageId, 'Message'), 'attachments', segment(attachmentId, 'Attachment'), '$value'),
		headers: { Accept: '*/*' },
		stream: true,
		mailbox,
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
		isItem ? `${attachment.name ?? 'item'}.eml` : attachment.name,
		isItem ? 'item.eml' : 'attachment',
	);
	return await context.helpers.prepareBinaryData(
		content,
		fileName,
		isItem ? 'message/rfc822' : attachment.contentType || 'application/octet-stream',
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
		path: userPath(mailbox, 'messages', segment(messageId, 'Message'), 'attachments'),
		query: { $select: 'id,name,contentType,size,isInline' },
		mailbox,
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
