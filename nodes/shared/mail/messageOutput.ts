/**
 * How a message read from Graph becomes an output item, in both nodes: its JSON (without OData annotations, or
 * only the chosen fields), and on request its attachments and its MIME source as binary data.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { textValue } from '../graph/text';
import { type BinaryContext, downloadAttachments, safeFileName } from './attachments';
import { withoutAnnotations } from './odata';
import { messagePath } from './paths';
import { SIMPLIFIED_MESSAGE_FIELDS } from './select';

/** The `Prefer` header that makes Graph return bodies as HTML or text. */
export function bodyFormatHeader(format: unknown): Record<string, string> {
	return format === 'text' ? { Prefer: 'outlook.body-content-type="text"' } : { Prefer: 'outlook.body-content-type="html"' };
}

/** The message as an output choice shows it: Raw (all it has), Selected Fields (`id` and those), or Simplified. */
export function shapeMessage(message: IDataObject, output: unknown, fields: readonly string[]): IDataObject {
	const clean = withoutAnnotations(message);
	if (output === 'raw') return clean;
	const kept = output === 'fields' ? ['id', ...fields] : SIMPLIFIED_MESSAGE_FIELDS;
	return Object.fromEntries(Object.entries(clean).filter(([key]) => kept.includes(key)));
}

/** What an item of a message holds besides its JSON; the values as the parameters give them (checked here). */
export interface MessageItemOptions {
	downloadAttachments?: unknown;
	attachmentsPrefix?: unknown;
	getMimeSource?: unknown;
	mimeBinaryProperty?: unknown;
}

/** One output item for a message Graph returned (`json`: how it shows), with the binary data the options ask for. */
export async function messageItem(
	context: BinaryContext,
	client: GraphClient,
	mailbox: string,
	message: IDataObject,
	options: MessageItemOptions & { json?: IDataObject },
	itemIndex: number,
): Promise<INodeExecutionData> {
	const item: INodeExecutionData = { json: options.json ?? withoutAnnotations(message) };
	const messageId = String(message.id ?? '');
	if (options.downloadAttachments === true) {
		const prefix = textValue(options.attachmentsPrefix, 'Attachments Prefix') || 'attachment_';
		const { binary, references } = await downloadAttachments(context, client, mailbox, messageId, prefix, itemIndex);
		item.binary = binary;
		if (references.length) item.json.referenceAttachments = references;
	}
	if (options.getMimeSource === true) {
		const mime = await client.send({
			method: 'GET',
			path: messagePath(mailbox, messageId).child('$value'),
			headers: { Accept: '*/*' },
			stream: true,
			itemIndex,
		});
		const name = safeFileName(typeof message.subject === 'string' ? message.subject : undefined, 'message');
		item.binary = {
			...item.binary,
			[textValue(options.mimeBinaryProperty, 'MIME Binary Property') || 'data']: await context.helpers.prepareBinaryData(
				mime.stream ?? mime.raw,
				`${name}.eml`,
				'message/rfc822',
			),
		};
	}
	return item;
}
