/**
 * What Graph answered, checked before anything uses it: a JSON request gets a JSON object (or array) or no body,
 * never text taken for data; a redirect is refused, never followed; and what comes back is described without
 * passing on raw bytes that could hold control characters or a token.
 */
import { CLIENT_TEXTS } from './errorTexts';

/** The largest JSON answer read into memory (a page of 1,000 messages with their bodies fits many times). */
export const MAX_JSON_RESPONSE_BYTES = 100 * 1024 * 1024;
/** The largest download streamed (an attachment's bytes, a message's MIME): Outlook's 150 MB limit, base64 and MIME included. */
export const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text safe to show in an error: no control characters, at most `length` characters. */
export function printable(text: string, length = 200): string {
	const clean = text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
	return clean.length > length ? `${clean.slice(0, length)}…` : clean;
}

export type JsonAnswer = { ok: true; value: unknown } | { ok: false; problem: string };

/** A 2xx answer's body as the JSON a Graph request expects: empty, or a JSON object or array. */
export function readJsonAnswer(body: Buffer, headers: Record<string, string>): JsonAnswer {
	if (body.length === 0) return { ok: true, value: undefined };
	const contentType = headers['content-type'] ?? '';
	const text = body.toString('utf8');
	const what = () => `${contentType ? printable(contentType, 80) : 'no content type'}, starting "${printable(text, 60)}"`;
	if (!/\bjson\b/i.test(contentType)) return { ok: false, problem: CLIENT_TEXTS.notJsonBody(what()) };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, problem: CLIENT_TEXTS.unreadableJson(what()) };
	}
	if (value === null || typeof value !== 'object') return { ok: false, problem: CLIENT_TEXTS.notAnObject(what()) };
	return { ok: true, value };
}

/** Graph's error body, when an error answer has one; never trusted beyond its two strings. */
export function readGraphError(body: Buffer): { code?: string; message?: string; requestId?: string } {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown } } };
		const error = parsed?.error;
		const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
		return { code: text(error?.code), message: text(error?.message), requestId: text(error?.innerError?.['request-id']) };
	} catch {
		return {};
	}
}

/** The host a redirect pointed to, for the error that refuses it. */
export function redirectTarget(location: string | undefined, base: string): string {
	if (!location) return CLIENT_TEXTS.noLocation;
	try {
		const url = new URL(location, base);
		return `${url.protocol}//${url.host}`;
	} catch {
		return `"${printable(location, 80)}"`;
	}
}
