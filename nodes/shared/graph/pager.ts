/**
 * The one link-following pager, for collections (`@odata.nextLink`) and delta rounds (`@odata.nextLink` until an
 * `@odata.deltaLink`). Links are followed verbatim and only where the request was (`links.ts`: the Graph origin,
 * the same mailbox or collection); a link seen before stops paging (it would loop), and so does the page cap. A
 * caller with a time budget (the trigger's poll) gives `stopBy`: no page is asked for once it has passed, and the
 * last page's next link is where to go on.
 */
import type { INode } from 'n8n-workflow';

import { CLIENT_TEXTS } from './errorTexts';
import { operationError } from './errors';
import { checkLink, type LinkProblem } from './links';
import type { GraphPath } from './paths';
import type { GraphResponse } from './requestLoop';

/** Pages followed at most for one listing or round, whatever Graph answers. */
export const MAX_PAGES = 10_000;

export type LinkKind = 'next-page' | 'delta';

export interface Page<T> {
	items: T[];
	/** The link this page was read from. */
	url: string;
	/** Where the collection or round goes on, checked. */
	nextLink?: string;
	/** Where the next round starts, checked: the round is complete. */
	deltaLink?: string;
}

export interface PagerOptions {
	/** The request's path: links must stay within its mailbox (or collection), and errors name it. */
	path: GraphPath;
	/** The first link to read. */
	first: string;
	itemIndex?: number;
	/** A further check of each link Graph hands back, before the pager's own (the trigger stores its links). */
	acceptLink?: (link: unknown, kind: LinkKind) => string;
	/** Epoch ms after which no further page is asked for. */
	stopBy?: number;
}

export interface PagerContext {
	node: INode;
	graphBaseUrl: string;
	version: string;
	now: () => number;
	/** Reads one page. */
	fetch: (url: string) => Promise<GraphResponse<PageBody | undefined>>;
}

interface PageBody {
	value?: unknown;
	'@odata.nextLink'?: unknown;
	'@odata.deltaLink'?: unknown;
}

/** `link` if it stays where the request was; else the error that refuses it. */
export function checkedLink(context: Pick<PagerContext, 'node' | 'graphBaseUrl' | 'version'>, link: unknown, path: GraphPath, itemIndex?: number): string {
	const checked = checkLink(link, String(path), context.graphBaseUrl, context.version);
	if (checked.ok) return checked.url;
	const messages: Record<LinkProblem['reason'], string> = {
		notUrl: CLIENT_TEXTS.linkNotUrl,
		otherOrigin: CLIENT_TEXTS.linkOtherOrigin(checked.host ?? ''),
		otherScope: CLIENT_TEXTS.linkOtherScope(String(path).split('/').slice(0, 3).join('/')),
	};
	throw operationError(context.node, messages[checked.reason], undefined, itemIndex);
}

/** The pages of a collection or a delta round, one request each, for callers that stop early or stream. */
export async function* followLinks<T>(context: PagerContext, options: PagerOptions): AsyncGenerator<Page<T>> {
	const { path, itemIndex } = options;
	const returned = (link: unknown, kind: LinkKind): string | undefined => {
		if (link === undefined) return undefined;
		const accepted = options.acceptLink ? options.acceptLink(link, kind) : link;
		return checkedLink(context, accepted, path, itemIndex);
	};
	const followed = new Set<string>();
	let next: string | undefined = checkedLink(context, options.first, path, itemIndex);
	for (let page = 0; next !== undefined; page++) {
		if (followed.has(next)) throw operationError(context.node, CLIENT_TEXTS.sameLinkTwice(String(path)), undefined, itemIndex);
		followed.add(next);
		if (page >= MAX_PAGES) throw operationError(context.node, CLIENT_TEXTS.tooManyPages(MAX_PAGES, String(path)), undefined, itemIndex);
		const url: string = next;
		const body = (await context.fetch(url)).body;
		const deltaLink = returned(body?.['@odata.deltaLink'], 'delta');
		const nextLink = deltaLink === undefined ? returned(body?.['@odata.nextLink'], 'next-page') : undefined;
		yield { items: Array.isArray(body?.value) ? (body.value as T[]) : [], url, nextLink, deltaLink };
		next = nextLink;
		if (next !== undefined && options.stopBy !== undefined && context.now() >= options.stopBy) return;
	}
}
