import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { messagePath } from '../../shared/mail/paths';
import { textValue } from '../../shared/graph/text';
import { downloadAttachments, safeFileName } from './binary';
import { withoutAnnotations } from './messageOutput';

/**
 * How a message read from Graph becomes an output item, for Get and Get Many alike: its JSON without
 * OData annotations, and on request its attachments and its MIME source as binary data.
 */

export const messageItemOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Attachments Prefix',
			name: 'attachmentsPrefix',
			type: 'string',
			default: 'attachment_',
			description: 'Attachments become binary fields named with this prefix and a number, such as attachment_0',
			displayOptions: { show: { downloadAttachments: [true] } },
		},
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			default: 'html',
			options: [
				{ name: 'HTML', value: 'html' },
				{ name: 'Text', value: 'text' },
			],
			description: 'Whether Graph returns the body as HTML or converts it to text',
		},
		{
			displayName: 'Download Attachments',
			name: 'downloadAttachments',
			type: 'boolean',
			default: false,
			description: 'Whether to add file attachments as binary data (item attachments as .eml files)',
		},
		{
			displayName: 'Get MIME Source',
			name: 'getMimeSource',
			type: 'boolean',
			default: false,
			description: 'Whether to add the whole message in MIME format as an .eml binary file',
		},
		{
			displayName: 'MIME Binary Property',
			name: 'mimeBinaryProperty',
			type: 'string',
			default: 'data',
			description: 'Name of the binary field that receives the .eml file',
			displayOptions: { show: { getMimeSource: [true] } },
		},
	],
};

/** One output item for a message Graph returned, with the binary data the options ask for. */
export async function messageToItem(
	context: IExecuteFunctions,
	client: GraphClient,
	mailbox: string,
	message: IDataObject,
	options: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const item: INodeExecutionData = { json: withoutAnnotations(message) };
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
