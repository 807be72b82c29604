/**
 * Building Graph URLs from user input, safely.
 *
 * Every value that comes from input becomes exactly one path segment: it is checked once and then
 * `encodeURIComponent`-ed whole, so `/`, `\`, `?`, `#` and `%2e%2e` cannot change the path or the query.
 * Values that are empty, `.` or `..`, or hold control characters or text that cannot be encoded are refused:
 * HTTP clients resolve dot segments before sending, so `messages/..` would silently address another resource.
 */
import { GraphInputError } from './errors';
import { encodableText } from './text';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A value checked and encoded as one path segment, tagged with the field it came from. */
export class PathSegment {
	private constructor(readonly encoded: string) {}

	static from(value: unknown, field: string): PathSegment {
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw new GraphInputError(field, `${field} must be text`);
		}
		const text = encodableText(String(value), field).trim();
		if (text === '') throw new GraphInputError(field, `${field} is empty`);
		if (text === '.' || text === '..') {
			throw new GraphInputError(field, `${field} cannot be "." or ".."`);
		}
		if (CONTROL_CHARACTERS.test(text)) {
			throw new GraphInputError(field, `${field} contains control characters (such as a line break)`);
		}
		return new PathSegment(encodeURIComponent(text));
	}
}

/** Shorthand for `PathSegment.from`. */
export function segment(value: unknown, field: string): PathSegment {
	return PathSegment.from(value, field);
}

/**
 * Joins constant path parts (written in our code) and checked segments (from input) into a Graph path
 * relative to `/v1.0`. Constant parts may contain `/`; segments never add one.
 */
export function graphPath(...parts: Array<string | PathSegment>): string {
	return (
		'/' +
		parts
			.map((part) => (part instanceof PathSegment ? part.encoded : part.replace(/^\/+|\/+$/g, '')))
			.join('/')
	);
}

/** The mailbox of an operation as the `users/{id}` prefix. */
export function userPath(mailbox: unknown, ...rest: Array<string | PathSegment>): string {
	return graphPath('users', segment(mailbox, 'Mailbox'), ...rest);
}

/** An OData string literal: quoted, with `'` doubled. */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Query strings are built here, not by the HTTP library, so that what is sent is exactly what we wrote. Fields
 * check their own text when they are read; a value that still cannot be encoded fails naming its query option.
 */
export function queryString(query: Record<string, string | number | boolean | undefined> = {}): string {
	const pairs = Object.entries(query)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${encodeQueryKey(key)}=${encodeURIComponent(encodableText(String(value), `The query option ${key}`))}`);
	return pairs.length ? `?${pairs.join('&')}` : '';
}

function encodeQueryKey(key: string): string {
	// OData system query options keep their `$`; everything else is encoded like a value.
	return key.startsWith('$') ? `$${encodeURIComponent(key.slice(1))}` : encodeURIComponent(key);
}
