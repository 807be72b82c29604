/**
 * Message fields both nodes offer in their UI, from the mail layer's one list of each.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MESSAGE_PROPERTIES } from '../mail/select';
import { IMPORTANCE_VALUES } from '../mail/types';
import { choice } from './fields.description';

/** Every message property, to choose the "Selected Fields" of the output from. */
export const MESSAGE_FIELD_OPTIONS: INodePropertyOptions[] = MESSAGE_PROPERTIES.map((property) => ({ name: property, value: property }));

/** High, Low, Normal: the importance values, in the alphabetical order n8n lists options in. */
export const IMPORTANCE_OPTIONS: INodePropertyOptions[] = [...IMPORTANCE_VALUES]
	.sort()
	.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }));

/** HTML or Text: a message body's format. */
export const BODY_FORMAT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'HTML', value: 'html' },
	{ name: 'Text', value: 'text' },
];

/** How an emitted or read message shows: Simplified, Raw, or the Selected Fields (`fieldsProperty`). */
export const outputProperty: INodeProperties = choice('Output', 'output', 'simple', [
	{ name: 'Simplified', value: 'simple', description: 'The usual fields, without the body' },
	{ name: 'Raw', value: 'raw', description: 'Every field Graph returns by default, with the body' },
	{ name: 'Selected Fields', value: 'fields', description: 'Only the fields you choose' },
]);

/** The fields of Output "Selected Fields". */
export const fieldsProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'multiOptions',
	default: [],
	options: MESSAGE_FIELD_OPTIONS,
	displayOptions: { show: { output: ['fields'] } },
};

/** Whether a message's attachments come as binary data, and under which names (`attachmentsPrefixProperty`). */
export const downloadAttachmentsProperty: INodeProperties = {
	displayName: 'Download Attachments',
	name: 'downloadAttachments',
	type: 'boolean',
	default: false,
	description: 'Whether to add file attachments as binary data (item attachments as .eml files)',
};

export const attachmentsPrefixProperty: INodeProperties = {
	displayName: 'Attachments Prefix',
	name: 'attachmentsPrefix',
	type: 'string',
	default: 'attachment_',
	description: 'Attachments become binary fields named with this prefix and a number, such as attachment_0',
	displayOptions: { show: { downloadAttachments: [true] } },
};
