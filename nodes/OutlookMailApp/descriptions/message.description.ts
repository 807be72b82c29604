/**
 * How Get and Get Many output a message: UI only (see `shared/mail/messageOutput.ts`).
 */
import type { INodeProperties } from 'n8n-workflow';

import { MESSAGE_FIELD_OPTIONS } from '../../shared/descriptions/message.description';

/** Output: Simplified, Raw or Selected Fields (and which). */
export function messageOutputProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simple',
			options: [
				{ name: 'Simplified', value: 'simple', description: 'The usual fields, without the body' },
				{ name: 'Raw', value: 'raw', description: 'Every field Graph returns by default, with the body' },
				{ name: 'Selected Fields', value: 'fields', description: 'Only the fields you choose' },
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			options: MESSAGE_FIELD_OPTIONS,
			displayOptions: { show: { output: ['fields'] } },
		},
	];
}

/** The options of a message read: body format, attachments and MIME source as binary data. */
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
