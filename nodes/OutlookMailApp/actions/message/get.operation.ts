import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { segment, userPath } from '../../../shared/graph/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { downloadAttachments, safeFileName } from '../../helpers/binary';
import { locatorValue } from '../../helpers/locators';
import { bodyFormatHeader, messageOutputProperties, messageSelect, withoutAnnotations } from '../../helpers/messageOutput';
import { forOperation } from '../operation';

const properties: INodeProperties[] = [
	messageLocator,
	...messageOutputProperties(),
	{
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
				description: 'Attachments become binary properties named with this prefix and a number',
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
				displayOptions: { show: { getMimeSource: [true] } },
			},
		],
	},
];

export const description = forOperation('message', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const messagePath = userPath(mailbox, 'messages', segment(messageId, 'Message'));

	const message = await client.request<IDataObject>({
		method: 'GET',
		path: messagePath,
		query: { $select: messageSelect(this, itemIndex) },
		headers: bodyFormatHeader(options.bodyFormat),
		mailbox,
		itemIndex,
	});
	const result: INodeExecutionData = { json: withoutAnnotations(message) };

	if (options.downloadAttachments === true) {
		const prefix = (options.attachmentsPrefix as string) || 'attachment_';
		const { binary, references } = await downloadAttachments(this, client, mailbox, messageId, prefix, itemIndex);
		result.binary = binary;
		if (references.length) result.json.referenceAttachments = references;
	}
	if (options.getMimeSource === true) {
		const mime = await client.send({
			method: 'GET',
			path: `${messagePath}/$value`,
			headers: { Accept: '*/*' },
			mailbox,
			itemIndex,
		});
		const name = safeFileName(typeof message.subject === 'string' ? message.subject : undefined, messageId);
		result.binary = {
			...result.binary,
			[(options.mimeBinaryProperty as string) || 'data']: await this.helpers.prepareBinaryData(
				mime.raw,
				`${name}.eml`,
				'message/rfc822',
			),
		};
	}
	return [result];
}
