/**
 * Graph paths, built so that input can never change them.
 *
 * A `GraphPath` is made only of constant words written in our code (string literal types: a value of type
 * `string` does not compile) and checked `PathSegment`s. Every value that comes from input becomes exactly one
 * segment: checked once, then `encodeURIComponent`-ed whole, so `/`, `\`, `?`, `#` and `%2e%2e` cannot change the
 * path or the query. Values that are empty, `.` or `..`, or hold control characters or text that cannot be
 * encoded are refused: HTTP clients resolve dot segments before sending, so `messages/..` would silently address
 * another resource. Each segment remembers the field it came from and its value, so an error can name them.
 */
import { GraphInputError } from './errors';
import { INPUT_TEXTS } from './inputTexts';
import { encodableText } from './text';

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** A constant path word: `users`, `mailFolders`, `$value`, `microsoft.graph.delta`. */
const WORD = /^[A-Za-z$][A-Za-z0-9$.]*$/;

/** A value checked and encoded as one path segment, tagged with the field it came from. */
export class PathSegment {
	private constructor(
		/** The parameter it came from, as the user sees it ("Message", "Folder", "Mailbox"). */
		readonly field: string,
		/** The value as given (trimmed). */
		readonly value: string,
		readonly encoded: string,
	) {}

	static from(value: unknown, field: string): PathSegment {
		const text = textOf(value, field);
		return new PathSegment(field, text, encodeURIComponent(text));
	}

	/**
	 * An OData function call with one string parameter, `name(parameter='value')`: the value escaped as an OData
	 * literal (`'` doubled) and encoded whole, so it cannot end the literal, the segment or the path.
	 */
	static functionCall(name: string, parameter: string, value: unknown, field: string): PathSegment {
		if (!WORD.test(name) || !WORD.test(parameter)) throw new Error(`"${name}(${parameter})" is not a constant function call`);
		const text = textOf(value, field);
		return new PathSegment(field, text, `${name}(${parameter}='${encodeURIComponent(text.replace(/'/g, "''"))}')`);
	}

	/**
	 * A segment of a path the user wrote (Graph Request), already split on `/`: percent-decoded once, checked as any
	 * segment (so `%2e%2e` is `..` and refused, and `%2f` cannot hide a `/`), then encoded again, leaving the
	 * characters RFC 3986 allows in a path segment as they are, so `$value` and `name(key='value')` reach Graph as
	 * written.
	 */
	static written(raw: string, field: string): PathSegment {
		let decoded: string | undefined;
		try {
			decoded = decodeURIComponent(raw);
		} catch {
			decoded = undefined;
		}
		if (decoded === undefined) throw new GraphInputError(field, INPUT_TEXTS.pathBadEscape(field, raw));
		if (/[/\\]/.test(decoded)) throw new GraphInputError(field, INPUT_TEXTS.pathEncodedSlash(field, raw));
		const text = textOf(decoded, field);
		if (text !== decoded) throw new GraphInputError(field, INPUT_TEXTS.pathSpaces(field, raw));
		return new PathSegment(field, text, encodePathSegment(text));
	}
}

/** Characters a path segment may hold unencoded (RFC 3986 pchar, without `%`). */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

function encodePathSegment(text: string): string {
	return Array.from(text, (char) => (PCHAR.test(char) ? char : encodeURIComponent(char))).join('');
}

/** A segment's text, checked: text, encodable, not empty, not a dot segment, no control characters. */
function textOf(value: unknown, field: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new GraphInputError(field, INPUT_TEXTS.mustBeText(field));
	}
	const text = encodableText(String(value), field).trim();
	if (text === '') throw new GraphInputError(field, INPUT_TEXTS.empty(field));
	if (text === '.' || text === '..') throw new GraphInputError(field, INPUT_TEXTS.dotSegment(field));
	if (CONTROL_CHARACTERS.test(text)) throw new GraphInputError(field, INPUT_TEXTS.controlCharacters(field));
	return text;
}

/** `name(parameter='value')`: see `PathSegment.functionCall`. */
export function functionCall(name: string, parameter: string, value: unknown, field: string): PathSegment {
	return PathSegment.functionCall(name, parameter, value, field);
}

/** Shorthand for `PathSegment.from`. */
export function segment(value: unknown, field: string): PathSegment {
	return PathSegment.from(value, field);
}

/** A part of a path: a string literal type (a constant written in code), or a checked segment. */
type Constant<T> = T extends string ? (string extends T ? never : T) : T;
type Parts<P extends ReadonlyArray<string | PathSegment>> = { [K in keyof P]: Constant<P[K]> };

/** A path relative to `/v1.0`, such as `/users/{mailbox}/messages/{id}/attachments`. */
export class GraphPath {
	private constructor(private readonly parts: ReadonlyArray<string | PathSegment>) {}

	/** A path from the root: `GraphPath.of('users', segment(id, 'Mailbox'))`. */
	static of<const P extends ReadonlyArray<string | PathSegment>>(...parts: Parts<P>): GraphPath {
		return new GraphPath([]).append(parts as ReadonlyArray<string | PathSegment>);
	}

	/**
	 * A path the user wrote, relative to the API version (Graph Request), such as `/users/{mailbox}/messages`:
	 * `{mailbox}` as a whole segment is `mailbox`, encoded; every other segment is checked and encoded
	 * (`PathSegment.written`). Anything that could leave the version's root on Graph's origin is refused with a
	 * sentence naming the field: an absolute URL, `//`, `\`, a `.` or `..` segment however it is encoded, a query
	 * or fragment (they go in their own parameters), and the version itself.
	 */
	static written(text: unknown, field: string, mailbox: string): GraphPath {
		if (typeof text !== 'string') throw new GraphInputError(field, INPUT_TEXTS.mustBeText(field));
		const path = encodableText(text, field).trim();
		if (path === '' || path === '/') throw new GraphInputError(field, INPUT_TEXTS.empty(field));
		if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) throw new GraphInputError(field, INPUT_TEXTS.pathAbsolute(field));
		if (path.includes('\\')) throw new GraphInputError(field, INPUT_TEXTS.pathBackslash(field));
		if (/[?#]/.test(path)) throw new GraphInputError(field, INPUT_TEXTS.pathQuery(field));
		if (CONTROL_CHARACTERS.test(path)) throw new GraphInputError(field, INPUT_TEXTS.controlCharacters(field));
		const raw = path.replace(/^\//, '').replace(/\/$/, '').split('/');
		if (raw.some((part) => part === '')) throw new GraphInputError(field, INPUT_TEXTS.pathEmptySegment(field));
		if (/^(v1\.0|beta)$/i.test(raw[0])) throw new GraphInputError(field, INPUT_TEXTS.pathVersion(field, raw[0]));
		const parts = raw.map((part) =>
			part === '{mailbox}' ? segment(mailbox, 'Mailbox') : WORD.test(part) ? part : PathSegment.written(part, field),
		);
		return new GraphPath(parts);
	}

	/** This path with more parts: `path.child('attachments', segment(id, 'Attachment'))`. */
	child<const P extends ReadonlyArray<string | PathSegment>>(...parts: Parts<P>): GraphPath {
		return this.append(parts as ReadonlyArray<string | PathSegment>);
	}

	private append(parts: ReadonlyArray<string | PathSegment>): GraphPath {
		for (const part of parts) {
			if (!(part instanceof PathSegment) && !WORD.test(part)) {
				throw new Error(`"${part}" is not a constant path word; values from input go in a PathSegment`);
			}
		}
		return new GraphPath([...this.parts, ...parts]);
	}

	/** The segments taken from input, in order. */
	get segments(): readonly PathSegment[] {
		return this.parts.filter((part): part is PathSegment => part instanceof PathSegment);
	}

	/** The mailbox a `/users/{mailbox}/...` path addresses, as given; undefined for other paths. */
	get mailbox(): string | undefined {
		const [users, mailbox] = this.parts;
		return users === 'users' && mailbox instanceof PathSegment ? mailbox.value : undefined;
	}

	/** The path's own IDs, by field: every segment but the mailbox. */
	get ids(): readonly PathSegment[] {
		const mailbox = this.mailbox === undefined ? undefined : this.parts[1];
		return this.segments.filter((part) => part !== mailbox);
	}

	toString(): string {
		return `/${this.parts.map((part) => (part instanceof PathSegment ? part.encoded : part)).join('/')}`;
	}
}

/** The mailbox of an operation as the `users/{id}` root; the segment's field is "Mailbox". */
export function userPath(mailbox: unknown): GraphPath {
	return GraphPath.of('users', segment(mailbox, 'Mailbox'));
}

/**
 * Query strings are built here, not by the HTTP library, so that what is sent is exactly what we wrote. Fields
 * check their own text when they are read; a value that still cannot be encoded fails naming its query option.
 */
export function queryString(query: Record<string, string | number | boolean | undefined> = {}): string {
	const pairs = Object.entries(query)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${encodeQueryKey(key)}=${encodeURIComponent(encodableText(String(value), INPUT_TEXTS.queryOption(key)))}`);
	return pairs.length ? `?${pairs.join('&')}` : '';
}

function encodeQueryKey(key: string): string {
	// OData system query options keep their `$`; everything else is encoded like a value.
	return key.startsWith('$') ? `$${encodeURIComponent(key.slice(1))}` : encodeURIComponent(key);
}
