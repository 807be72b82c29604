/**
 * A message being written, from the fields an operation read (Send, Create Draft, Update Draft, the replies) to
 * Graph's `message` JSON, which holds only the fields given. Parsing only: no Graph call, no UI field.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { textValue } from '../../shared/graph/text';
import { importanceOf } from '../../shared/mail/types';
import { parseNameList } from './names';
import { parseRecipients } from './recipients';

/** Graph refuses more custom internet headers than this (InvalidInternetMessageHeaderCollection). */
export const MAX_CUSTOM_HEADERS = 5;

/** A custom header name: `x-` then RFC 5322 field-name characters (printable ASCII except `:`). */
const CUSTOM_HEADER_NAME = /^x-[\x21-\x39\x3b-\x7e]+$/i;

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

/** Custom headers checked as Graph checks them: `x-` names, at most five, no line breaks. */
export function parseCustomHeaders(value: unknown): Array<{ name: string; value: string }> {
	const field = 'Custom Headers';
	const rows = (value as IDataObject | undefined)?.headers ?? [];
	if (!Array.isArray(rows)) throw new GraphInputError(field, INPUT_TEXTS.headersNotAList(field));
	const headers = (rows as IDataObject[])
		.map((row) => ({ name: textValue(row?.name, field).trim(), value: textValue(row?.value, field) }))
		.filter((header) => header.name !== '' || header.value !== '');
	for (const header of headers) {
		if (!CUSTOM_HEADER_NAME.test(header.name)) {
			throw new GraphInputError(field, INPUT_TEXTS.headerName(header.name));
		}
		if (/[\r\n]/.test(header.value)) {
			throw new GraphInputError(field, INPUT_TEXTS.headerLineBreak(header.name));
		}
	}
	if (headers.length > MAX_CUSTOM_HEADERS) {
		throw new GraphInputError(field, INPUT_TEXTS.tooManyHeaders(MAX_CUSTOM_HEADERS, headers.length));
	}
	return headers;
}

function bodyFormat(value: unknown): 'html' | 'text' {
	if (value === undefined || value === 'html') return 'html';
	if (value === 'text') return 'text';
	throw new GraphInputError('Body Format', INPUT_TEXTS.bodyFormat);
}

/** Graph's `message` JSON for the fields given, and only those. */
export function toGraphMessage(fields: ComposeFields): IDataObject {
	const message: IDataObject = {};
	for (const key of ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo'] as const) {
		if (fields[key] !== undefined) message[key] = parseRecipients(fields[key], FIELD_NAMES[key]);
	}
	if (fields.subject !== undefined) message.subject = textValue(fields.subject, 'Subject');
	if (fields.bodyContent !== undefined) {
		message.body = { contentType: bodyFormat(fields.bodyFormat), content: textValue(fields.bodyContent, 'Message') };
	} else if (fields.bodyFormat !== undefined) {
		throw new GraphInputError('Body Format', INPUT_TEXTS.bodyFormatWithoutBody);
	}
	if (fields.importance !== undefined) message.importance = importanceOf(fields.importance);
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

/** Send needs somebody to send to. */
export function requireRecipient(message: IDataObject): void {
	const count = ['toRecipients', 'ccRecipients', 'bccRecipients'].reduce(
		(total, key) => total + ((message[key] as unknown[] | undefined)?.length ?? 0),
		0,
	);
	if (count === 0) throw new GraphInputError('To', INPUT_TEXTS.noRecipient);
}

/**
 * A new message as Send and Create Draft read it: To, Subject and Message, then the Additional Fields, but for
 * `own`, the one Additional Field that is the operation's own (not a message field), returned apart; and the
 * message as Graph's JSON.
 */
export function newMessage(
	context: IExecuteFunctions,
	itemIndex: number,
	own: string,
): { fields: ComposeFields; message: IDataObject; own: unknown } {
	const { [own]: ownValue, ...additional } = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: ComposeFields = {
		toRecipients: context.getNodeParameter('toRecipients', itemIndex, ''),
		subject: context.getNodeParameter('subject', itemIndex, ''),
		bodyContent: context.getNodeParameter('bodyContent', itemIndex, ''),
		...additional,
	};
	return { fields, message: toGraphMessage(fields), own: ownValue };
}
