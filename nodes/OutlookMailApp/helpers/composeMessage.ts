import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { GraphInputError } from '../../shared/graph/errors';
import { messagesPath, messagePath, mailFolderPath } from '../../shared/mail/paths';
import { encodableText, textValue } from '../../shared/graph/text';
import { addFileAttachment, binaryPropertyNames, filesFromBinary, type FileToAttach } from './attachments';
import { withoutAnnotations } from './messageOutput';
import { parseRecipients } from './recipients';

/**
 * The fields of a message being written (send, draft, update draft), as parameters and as Graph's JSON.
 * Operations read the fields into one `ComposeFields` object and turn it into Graph's `message` with
 * `toGraphMessage`, which writes only the fields given.
 */

/** Graph refuses more custom internet headers than this (InvalidInternetMessageHeaderCollection). */
export const MAX_CUSTOM_HEADERS = 5;

/** A custom header name: `x-` then RFC 5322 field-name characters (printable ASCII except `:`). */
const CUSTOM_HEADER_NAME = /^x-[\x21-\x39\x3b-\x7e]+$/i;

// ---------- parameters ----------

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

export const bodyFormatField: INodeProperties = {
	displayName: 'Body Format',
	name: 'bodyFormat',
	type: 'options',
	default: 'html',
	options: [
		{ name: 'HTML', value: 'html' },
		{ name: 'Text', value: 'text' },
	],
	description: 'Whether the message is HTML or plain text',
};

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

export const importanceField: INodeProperties = {
	displayName: 'Importance',
	name: 'importance',
	type: 'options',
	default: 'normal',
	options: [
		{ name: 'High', value: 'high' },
		{ name: 'Low', value: 'low' },
		{ name: 'Normal', value: 'normal' },
	],
};

export const readReceiptField: INodeProperties = {
	displayName: 'Read Receipt Requested',
	name: 'isReadReceiptRequested',
	type: 'boolean',
	default: false,
	description: 'Whether to ask for a receipt when the message is read',
};

// ---------- values ----------

/** The composition fields an operation read from its parameters; absent ones are left alone. */
export interface ComposeFields {
	toRecipients?: unknown;
	ccRecipients?: unknown;
	bccRecipients?: unknown;
	replyTo?: unknown;
	subject?: unknown;
	bodyContent?: unknown;
	bodyFormat?: unknown;
	importance?: unknown;
	isReadReceiptRequested?: unknown;
	isDeliveryReceiptRequested?: unknown;
	internetMessageHeaders?: unknown;
	categories?: unknown;
	attachments?: unknown;
}

/** Display names, so that errors name the field the user sees. */
const FIELD_NAMES: Record<string, string> = {
	toRecipients: 'To',
	ccRecipients: 'CC Recipients',
	bccRecipients: 'BCC Recipients',
	replyTo: 'Reply To',
};

/** Names from comma-separated text or a list, trimmed, without empty ones. */
export function parseNameList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!parts) throw new GraphInputError(field, `${field} must be text or a list`);
	return parts
		.map((part) => {
			if (typeof part !== 'string' && typeof part !== 'number') {
				throw new GraphInputError(field, `${field} must be text or a list of text`);
			}
			return encodableText(String(part), field).trim();
		})
		.filter(Boolean);
}

/** Custom headers checked as Graph checks them: `x-` names, at most five, no line breaks. */
export function parseCustomHeaders(value: unknown): Array<{ name: string; value: string }> {
	const field = 'Custom Headers';
	const rows = (value as IDataObject | undefined)?.headers ?? [];
	if (!Array.isArray(rows)) throw new GraphInputError(field, `${field} must be a list of headers`);
	const headers = (rows as IDataObject[])
		.map((row) => ({ name: textValue(row?.name, field).trim(), value: textValue(row?.value, field) }))
		.filter((header) => header.name !== '' || header.value !== '');
	for (const header of headers) {
		if (!CUSTOM_HEADER_NAME.test(header.name)) {
			throw new GraphInputError(
				field,
				`Custom header "${header.name}" cannot be sent: Graph takes only header names that start with "x-" and hold no spaces or colons`,
			);
		}
		if (/[\r\n]/.test(header.value)) {
			throw new GraphInputError(field, `The value of custom header "${header.name}" contains a line break`);
		}
	}
	if (headers.length > MAX_CUSTOM_HEADERS) {
		throw new GraphInputError(field, `Graph takes at most ${MAX_CUSTOM_HEADERS} custom headers per message (${headers.length} given)`);
	}
	return headers;
}

function bodyFormat(value: unknown): 'html' | 'text' {
	if (value === undefined || value === 'html') return 'html';
	if (value === 'text') return 'text';
	if (typeof value !== 'string') throw new GraphInputError('Body Format', 'Body Format must be "html" or "text"');
	throw new GraphInputError('Body Format', 'Body Format must be "html" or "text"');
}

/** Graph's `message` JSON for the fields given, and only those. */
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

export function toGraphMessage(fields: ComposeFields): IDataObject {
	const message: IDataObject = {};
	for (const key of ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo'] as const) {
		if (fields[key] !== undefined) message[key] = parseRecipients(fields[key], FIELD_NAMES[key]);
	}
	if (fields.subject !== undefined) message.subject = textValue(fields.subject, 'Subject');
	if (fields.bodyContent !== undefined) {
		message.body = { contentType: bodyFormat(fields.bodyFormat), content: textValue(fields.bodyContent, 'Message') };
	} else if (fields.bodyFormat !== undefined) {
		throw new GraphInputError('Body Format', 'Body Format needs a Message to apply to');
	}
	if (fields.importance !== undefined) {
		if (typeof fields.importance !== 'string' || !['low', 'normal', 'high'].includes(fields.importance)) {
			throw new GraphInputError('Importance', 'Importance must be "low", "normal" or "high"');
		}
		message.importance = fields.importance;
	}
	if (fields.isReadReceiptRequested !== undefined) message.isReadReceiptRequested = fields.isReadReceiptRequested === true;
	if (fields.isDeliveryReceiptRequested !== undefined) {
		message.isDeliveryReceiptRequested = fields.isDeliveryReceiptRequested === true;
	}
	if (fields.categories !== undefined) message.categories = parseNameList(fields.categories, 'Categories');
	if (fields.internetMessageHeaders !== undefined) {
		const headers = parseCustomHeaders(fields.internetMessageHeaders);
		if (headers.length) message.internetMessageHeaders = headers;
	}
	return message;
}

/** The files named by the Attachments field, read from the item's binary data (any storage mode). */
export async function attachmentFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: ComposeFields,
): Promise<FileToAttach[]> {
	const names = binaryPropertyNames(fields.attachments, 'Attachments');
	return names.length ? await filesFromBinary(context, itemIndex, names) : [];
}

/** Send needs somebody to send to. */
export function requireRecipient(message: IDataObject): void {
	const count = ['toRecipients', 'ccRecipients', 'bccRecipients'].reduce(
		(total, key) => total + ((message[key] as unknown[] | undefined)?.length ?? 0),
		0,
	);
	if (count === 0) throw new GraphInputError('To', 'To: give at least one recipient (To, CC or BCC)');
}

/** Adds each file to a draft (inline under 3 MB, else through an upload session); returns their metadata. */
export async function attachToDraft(
	client: GraphClient,
	mailbox: string,
	draftId: string,
	files: FileToAttach[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const added: IDataObject[] = [];
	for (const file of files) {
		added.push(withoutAnnotations(await addFileAttachment(client, mailbox, draftId, file, itemIndex)));
	}
	return added;
}

/** `POST users/{m}/messages`, or `.../mailFolders/{f}/messages`: a new draft, returned as Graph created it. */
export async function createDraftMessage(
	client: GraphClient,
	mailbox: string,
	message: IDataObject,
	itemIndex: number,
	folderId?: string,
): Promise<IDataObject> {
	return await client.request<IDataObject>({
		method: 'POST',
		path:
			folderId === undefined
				? messagesPath(mailbox)
				: mailFolderPath(mailbox, folderId).child('messages'),
		body: message,
		itemIndex,
	});
}

/** `POST users/{m}/messages/{id}/send`: sends a draft. Never retried when the outcome is unknown. */
export async function sendDraftMessage(
	client: GraphClient,
	mailbox: string,
	draftId: string,
	itemIndex: number,
	field = 'Message',
): Promise<void> {
	await client.request({
		method: 'POST',
		path: messagePath(mailbox, draftId, field).child('send'),
		itemIndex,
	});
}
