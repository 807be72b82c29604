/**
 * How Get and Get Many output a message: UI only (see `shared/mail/messageOutput.ts`).
 */
import type { INodeProperties } from 'n8n-workflow';

import { choice, optionsCollection } from '../../shared/descriptions/fields.description';
import { attachmentsPrefixProperty, BODY_FORMAT_OPTIONS, downloadAttachmentsProperty, fieldsProperty, outputProperty } from '../../shared/descriptions/message.description';

/** Output: Simplified, Raw or Selected Fields (and which). */
export function messageOutputProperties(): INodeProperties[] {
	return [outputProperty, fieldsProperty];
}

/** The options of a message read: body format, attachments and MIME source as binary data. */
export const messageItemOptions: INodeProperties = optionsCollection([
	attachmentsPrefixProperty,
	choice('Body Format', 'bodyFormat', 'html', BODY_FORMAT_OPTIONS, { description: 'Whether Graph returns the body as HTML or converts it to text' }),
	downloadAttachmentsProperty,
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
]);
