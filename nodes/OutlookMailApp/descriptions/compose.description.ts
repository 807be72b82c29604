/**
 * The fields of a message being written (Send, Create Draft, Update Draft, and the replies): UI only.
 */
import type { INodeProperties } from 'n8n-workflow';

import { choice } from '../../shared/descriptions/fields.description';
import { BODY_FORMAT_OPTIONS, IMPORTANCE_OPTIONS } from '../../shared/descriptions/message.description';
import { MAX_CUSTOM_HEADERS } from '../helpers/compose';

export const toRecipientsField = (required: boolean): INodeProperties => ({
	displayName: 'To',
	name: 'toRecipients',
	type: 'string',
	default: '',
	required,
	placeholder: 'e.g. alex@contoso.com, Adele Vance <adele@contoso.com>',
	description: 'Email addresses separated by commas, or an expression giving a list of addresses',
});

export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
};

export const bodyContentField: INodeProperties = {
	displayName: 'Message',
	name: 'bodyContent',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'The body of the message, as HTML or text (see Body Format)',
};

export const attachmentsField: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'string',
	default: '',
	placeholder: 'e.g. data, invoice',
	description:
		'Names of the binary fields of the input item to attach, separated by commas. Files of 3 MB or more are uploaded in chunks, up to 150 MB each.',
};

const recipientsField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. alex@contoso.com, adele@contoso.com',
	description,
});

export const bccRecipientsField = recipientsField(
	'bccRecipients',
	'BCC Recipients',
	'Blind copy recipients: email addresses separated by commas, or an expression giving a list',
);

export const ccRecipientsField = recipientsField(
	'ccRecipients',
	'CC Recipients',
	'Copy recipients: email addresses separated by commas, or an expression giving a list',
);

export const replyToField = recipientsField(
	'replyTo',
	'Reply To',
	'Addresses that replies should go to instead of the sender, separated by commas',
);

export const bodyFormatField: INodeProperties = choice('Body Format', 'bodyFormat', 'html', BODY_FORMAT_OPTIONS, {
	description: 'Whether the message is HTML or plain text',
});

export const categoriesField: INodeProperties = {
	displayName: 'Categories',
	name: 'categories',
	type: 'string',
	default: '',
	placeholder: 'e.g. Red category, Invoices',
	description: 'Category names separated by commas, or an expression giving a list',
};

export const customHeadersField: INodeProperties = {
	displayName: 'Custom Headers',
	name: 'internetMessageHeaders',
	type: 'fixedCollection',
	placeholder: 'Add Header',
	typeOptions: { multipleValues: true },
	default: {},
	description: `Internet message headers to add, at most ${MAX_CUSTOM_HEADERS}; Graph takes only names that start with "x-"`,
	options: [
		{
			name: 'headers',
			displayName: 'Header',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. x-crm-ticket' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const deliveryReceiptField: INodeProperties = {
	displayName: 'Delivery Receipt Requested',
	name: 'isDeliveryReceiptRequested',
	type: 'boolean',
	default: false,
	description: 'Whether to ask for a receipt when the message is delivered',
};

export const importanceField: INodeProperties = choice('Importance', 'importance', 'normal', IMPORTANCE_OPTIONS);

export const readReceiptField: INodeProperties = {
	displayName: 'Read Receipt Requested',
	name: 'isReadReceiptRequested',
	type: 'boolean',
	default: false,
	description: 'Whether to ask for a receipt when the message is read',
};

/**
 * The optional fields every composed message offers (Send, Create Draft, Update Draft), with the
 * operation's own extra fields, in the alphabetical order n8n lists options in.
 */
export function composeFieldOptions(...extra: INodeProperties[]): INodeProperties[] {
	return [
		attachmentsField,
		bccRecipientsField,
		bodyFormatField,
		categoriesField,
		ccRecipientsField,
		deliveryReceiptField,
		importanceField,
		readReceiptField,
		replyToField,
		...extra,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
