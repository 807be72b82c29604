/**
 * A Graph Request's parameters, checked: the path (`GraphPath.written`: it stays under the chosen API version on
 * the credential's Graph endpoint), query parameters and headers (Authorization, Host and the framing headers are
 * the node's own), and the JSON body.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient, GraphVersion, Query } from '../../shared/graph/client';
import { GRAPH_VERSIONS } from '../../shared/graph/client';
import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { GraphPath } from '../../shared/graph/paths';
import { encodableText, textValue } from '../../shared/graph/text';

/** Headers the node sets itself: the token, the endpoint's host, and how the body is framed. */
const RESERVED_HEADERS = ['authorization', 'host', 'content-length', 'transfer-encoding', 'connection', 'proxy-authorization', 'cookie'];
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type Pairs = { parameters?: Array<{ name?: unknown; value?: unknown }> };

const pairsOf = (value: unknown): Array<{ name?: unknown; value?: unknown }> => ((value ?? {}) as Pairs).parameters ?? [];

export function apiVersion(value: unknown): GraphVersion {
	return (GRAPH_VERSIONS as readonly unknown[]).includes(value) ? (value as GraphVersion) : 'v1.0';
}

/** The path, with `{mailbox}` for the item's mailbox; `$batch` is refused (the node batches, and a batch could hide a send). */
export function requestPath(value: unknown, mailbox: string): GraphPath {
	const path = GraphPath.written(value, 'Path', mailbox);
	if (/^\/\$batch(\/|$)/i.test(String(path))) throw new GraphInputError('Path', INPUT_TEXTS.batchPath('Path'));
	return path;
}

export function requestQuery(value: unknown): Query {
	const query: Query = {};
	for (const pair of pairsOf(value)) {
		const name = textValue(pair.name ?? '', 'Query Parameters > Name').trim();
		if (name === '') throw new GraphInputError('Query Parameters > Name', INPUT_TEXTS.empty('Query Parameters > Name'));
		query[name] = textValue(pair.value ?? '', `Query Parameter "${name}"`);
	}
	return query;
}

export function requestHeaders(value: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const pair of pairsOf(value)) {
		const name = textValue(pair.name ?? '', 'Headers > Name').trim();
		if (!HEADER_NAME.test(name)) throw new GraphInputError('Headers', INPUT_TEXTS.headerNameInvalid(name));
		if (RESERVED_HEADERS.includes(name.toLowerCase())) throw new GraphInputError('Headers', INPUT_TEXTS.headerNotAllowed(name));
		const text = encodableText(textValue(pair.value ?? '', `Header "${name}"`), `Header "${name}"`);
		if (/[\r\n\u0000]/.test(text)) throw new GraphInputError('Headers', INPUT_TEXTS.headerLineBreak(name));
		headers[name] = text;
	}
	return headers;
}

/** A JSON body: an object or list given by an expression, or JSON text. */
export function jsonBody(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	let problem: string;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new GraphInputError('JSON Body', INPUT_TEXTS.jsonBody('JSON Body', problem));
}

/** The answer as output items: one per element of a list, else the object (a 204 gives `{ success: true }`). */
export function answerItems(body: unknown): IDataObject[] {
	if (body === undefined || body === null || body === '') return [{ success: true }];
	if (Array.isArray(body)) return body.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as IDataObject) : { value: entry }));
	return typeof body === 'object' ? [body as IDataObject] : [{ value: body }];
}

/** The absolute URL the request goes to, checked once more: the Graph endpoint's origin, under the version. */
export function assertOnGraph(client: GraphClient, path: GraphPath, version: GraphVersion): void {
	const url = new URL(client.url(path, undefined, version));
	const base = new URL(client.settings.graphBaseUrl);
	if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname.replace(/\/$/, '')}/${version}/`)) {
		throw new GraphInputError('Path', INPUT_TEXTS.pathAbsolute('Path'));
	}
}
