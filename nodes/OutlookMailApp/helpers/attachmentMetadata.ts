import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { attachmentPath } from '../../shared/mail/paths';

/** What an attachment's metadata holds, without its content: `$select` for attachment lists and gets. */
export const ATTACHMENT_FIELDS = 'id,name,contentType,size,isInline,lastModifiedDateTime';

export type AttachmentKind = 'file' | 'item' | 'reference';

const KINDS: Record<string, AttachmentKind> = {
	'#microsoft.graph.fileAttachment': 'file',
	'#microsoft.graph.itemAttachment': 'item',
	'#microsoft.graph.referenceAttachment': 'reference',
};

/** An attachment as Graph returns it: metadata, always with its `@odata.type`. */
export interface GraphAttachment extends IDataObject {
	'@odata.type'?: string;
	id: string;
	name?: string;
	contentType?: string;
	size?: number;
	isInline?: boolean;
	lastModifiedDateTime?: string;
}

/** file, item (an attached message, event or contact) or reference (a link to a file in the cloud). */
export function attachmentKind(attachment: IDataObject): AttachmentKind | undefined {
	return KINDS[String(attachment['@odata.type'] ?? '')];
}

/**
 * An attachment's metadata for the output: its fields without OData annotations or content bytes, and
 * `type` (file, item or reference) from its `@odata.type`.
 */
export function attachmentMetadata(attachment: IDataObject): IDataObject {
	const fields = Object.fromEntries(
		Object.entries(attachment).filter(([key]) => !key.startsWith('@odata.') && key !== 'contentBytes' && key !== 'item'),
	);
	return { ...fields, type: attachmentKind(attachment) ?? null };
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
