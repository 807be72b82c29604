/**
 * Secrets never reach an error, its description or its context, not even as an echo: a server may reflect the
 * client secret URL-encoded (as it was posted), base64-encoded, or a token it was sent. Every form of the
 * credential's secret or private key, and anything shaped like a bearer token or a JWT, becomes `***`.
 */
import type { NodeError } from 'n8n-workflow';

import type { GraphSettings } from './settings';

const MASK = '***';
/** Shorter strings are not masked: they would turn up in ordinary text. */
const MIN_SECRET_LENGTH = 6;

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/-]+=*/gi;

function encodings(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		JSON.stringify(secret).slice(1, -1),
		base64,
		base64.replace(/=+$/, ''),
		Buffer.from(secret, 'utf8').toString('base64url'),
	];
}

/** Every form in which the credential's secret may come back, longest first. */
export function secretForms(settings: Pick<GraphSettings, 'auth'>): string[] {
	const { auth } = settings;
	const raw =
		auth.kind === 'clientSecret'
			? [auth.clientSecret]
			: [auth.privateKey, ...auth.privateKey.split(/\r?\n/).filter((line) => !line.startsWith('-----'))];
	const forms = raw.flatMap(encodings).filter((form) => form.length >= MIN_SECRET_LENGTH);
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, forms: readonly string[]): string {
	let result = text;
	for (const form of forms) result = result.split(form).join(MASK);
	return result.replace(JWT, MASK).replace(BEARER, `$1 ${MASK}`);
}

/** Masks secrets in everything an n8n error shows or keeps: message, description, messages and context. */
export function redactNodeError<E extends NodeError>(error: E, forms: readonly string[]): E {
	const clean = (value: unknown): unknown => {
		if (typeof value === 'string') return redactText(value, forms);
		if (Array.isArray(value)) return value.map(clean);
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, clean(entry)]));
		}
		return value;
	};
	error.message = redactText(error.message, forms);
	if (typeof error.description === 'string') error.description = redactText(error.description, forms);
	error.messages = error.messages.map((message) => redactText(message, forms));
	error.context = clean(error.context) as E['context'];
	if (error.cause instanceof Error) error.cause.message = redactText(error.cause.message, forms);
	if (error.errorResponse) error.errorResponse = clean(error.errorResponse) as E['errorResponse'];
	return error;
}
