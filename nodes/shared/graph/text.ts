/**
 * Input text, checked once where it is read: a value of the wrong type (a list, an object, true/false where
 * text belongs) fails its item with an error naming the field, and so does text that cannot be encoded (an
 * unpaired UTF-16 surrogate, such as "\uD800" from a broken expression), which `encodeURIComponent` would
 * otherwise reject deep inside a request as "URI malformed".
 */
import { GraphInputError } from './errors';
import { INPUT_TEXTS } from './inputTexts';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A user principal name or SMTP address: something, one `@`, something; no spaces. */
const ADDRESS = /^[^\s@]+@[^\s@]+$/;
/** Longer than any user principal name (113 characters before the `@`) or SMTP address (254). */
export const MAX_MAILBOX_LENGTH = 320;

/** "a number", "a list", "an object"...: what a value is, in an error message. */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return 'true/false';
	if (typeof value === 'number') return 'a number';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** Whether the text can be encoded as UTF-8 (no unpaired surrogate). */
export function isEncodable(text: string): boolean {
	return !UNPAIRED_SURROGATE.test(text);
}

/** The text, or an error naming the field when it cannot be encoded. */
export function encodableText(text: string, field: string): string {
	if (!isEncodable(text)) throw new GraphInputError(field, INPUT_TEXTS.unencodable(field));
	return text;
}

/**
 * A text field's value: text as is, a number as its digits (an expression such as `{{ $json.orderNumber }}`),
 * nothing (undefined or null) as ''. Anything else, or text that cannot be encoded, fails naming the field.
 */
export function textValue(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new GraphInputError(field, INPUT_TEXTS.mustBeTextNot(field, describeType(value)));
	return encodableText(value, field);
}

/**
 * A mailbox as Graph's `/users/{id}` takes it: an object ID (GUID), or a user principal name or email address.
 * Text only (a list or a number is a mistake, never a mailbox), trimmed, not empty, encodable, without control
 * characters or spaces. The errors name `field` ("Mailbox", or the credential's "Default User Id").
 */
export function mailboxId(value: unknown, field: string): string {
	const problem = mailboxProblem(value, field);
	if (problem) throw new GraphInputError(field, problem);
	return (value as string).trim();
}

/** Why `value` cannot be a mailbox (a sentence starting with `field`), or undefined when it can. */
export function mailboxProblem(value: unknown, field: string): string | undefined {
	if (typeof value !== 'string') {
		return INPUT_TEXTS.mailboxNotText(field, describeType(value));
	}
	if (!isEncodable(value)) return INPUT_TEXTS.unencodable(field);
	const text = value.trim();
	if (text === '') return INPUT_TEXTS.empty(field);
	if (CONTROL_CHARACTERS.test(text)) return INPUT_TEXTS.controlCharacters(field);
	if (text.length > MAX_MAILBOX_LENGTH) {
		return INPUT_TEXTS.mailboxTooLong(field, MAX_MAILBOX_LENGTH);
	}
	if (!GUID.test(text) && !ADDRESS.test(text)) {
		return INPUT_TEXTS.notAMailbox(field, text.length > 80 ? `${text.slice(0, 80)}...` : text);
	}
	return undefined;
}
