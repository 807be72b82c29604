import type { GraphContext, HandlerResult } from '../http/context';
import type { DeltaQuery, DeltaRound } from '../state/delta';
import { badRequest } from '../http/errors';
import type { StoredFolder, StoredMessage } from '../state/model';
import { parseQueryOptions } from '../graph/odata';
import { messageResource, type Resource } from '../graph/resources';
import { checkExpand, pathFolder, preferenceHeaders, shapeFor } from './messages';

/**
 * GET /users/{user}/mailFolders/{folder}[/childFolders/{child}]/messages/delta: Graph's delta query for the
 * messages of one folder (message-delta.md, delta-query-messages.md). The state lives in services.delta (delta.ts);
 * this handler reads the query options of a round's first call, serves pages, and writes the links.
 */

/** Messages per page when the client states no `Prefer: odata.maxpagesize` (Outlook's default page size). */
export const DELTA_DEFAULT_PAGE_SIZE = 10;
/** The largest `odata.maxpagesize` honoured; larger preferences are capped to it. */
export const DELTA_MAX_PAGE_SIZE = 1000;

const FILTER_REFUSED = "The '$filter' parameter value is not supported for 'Messages' resource; only a value of 'receivedDateTime ge value' is supported.";
const ORDERBY_REFUSED = "The '$orderby' parameter value is not supported for 'Messages' resource; only a value of 'receivedDateTime desc' is supported.";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** `receivedDateTime ge|gt <DateTimeOffset or Date>`, the only filters delta accepts for messages. */
function parseDeltaFilter(text: string): NonNullable<DeltaQuery['receivedSince']> {
	const match = /^\s*receivedDateTime\s+(ge|gt)\s+(\S+)\s*$/i.exec(text);
	const at = match && DATE_TIME.test(match[2]) ? Date.parse(match[2]) : NaN;
	if (!match || Number.isNaN(at)) throw badRequest('ErrorInvalidUrlQuery', FILTER_REFUSED);
	return { inclusive: match[1].toLowerCase() === 'ge', at };
}

const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;

/** The options of a round's first call: $select, $expand, $top (accepted, not a page size), $filter, $orderby, changeType. */
function readQuery(context: GraphContext, folder: StoredFolder): DeltaQuery {
	const { query } = context.request;
	const entry = (name: string): [string, string] | undefined => Object.entries(query).find(([key]) => key.toLowerCase() === name);
	const standard = Object.fromEntries(Object.entries(query).filter(([key]) => !['$filter', '$orderby'].includes(key.toLowerCase())));
	const options = parseQueryOptions(standard, 'message', { allowed: ['select', 'top', 'expand'] });
	checkExpand(options.expand);
	const filter = entry('$filter');
	const orderBy = entry('$orderby');
	if (orderBy && !/^\s*receivedDateTime\s+desc\s*$/i.test(orderBy[1])) throw badRequest('ErrorInvalidUrlQuery', ORDERBY_REFUSED);
	const changeType = entry('changetype')?.[1];
	if (changeType !== undefined && !(CHANGE_TYPES as readonly string[]).includes(changeType)) {
		throw badRequest('ErrorInvalidUrlQuery', `The 'changeType' parameter value '${changeType}' is not supported; supported values are created, updated and deleted.`);
	}
	return {
		userId: context.user.id,
		folderId: folder.id,
		select: options.select,
		expand: options.expand,
		receivedSince: filter ? parseDeltaFilter(filter[1]) : undefined,
		changeType: changeType as DeltaQuery['changeType'],
		newestFirst: orderBy !== undefined,
	};
}

/** The folder's messages a round of `query` covers, in page order (newest first only when $orderby asked for it). */
function inScope(context: GraphContext, query: DeltaQuery): StoredMessage[] {
	const since = query.receivedSince;
	const messages = context.services.store.messages(query.userId, query.folderId).filter((message) => {
		if (!since) return true;
		const received = Date.parse(message.receivedDateTime);
		return since.inclusive ? received >= since.at : received > since.at;
	});
	if (query.newestFirst) messages.sort((left, right) => Date.parse(right.receivedDateTime) - Date.parse(left.receivedDateTime));
	return messages;
}

function pageSize(prefer: string | undefined): { size: number; applied?: string } {
	const match = /odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer ?? '');
	const asked = match ? Number(match[1]) : 0;
	if (asked <= 0) return { size: DELTA_DEFAULT_PAGE_SIZE };
	const size = Math.min(asked, DELTA_MAX_PAGE_SIZE);
	return { size, applied: `odata.maxpagesize=${size}` };
}

export function messageDelta(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const folder = pathFolder(context) as StoredFolder;
	const scope = { userId: user.id, folderId: folder.id };
	const keys = Object.keys(request.query);
	const skipKey = keys.find((key) => key.toLowerCase() === '$skiptoken');
	const deltaKey = keys.find((key) => key.toLowerCase() === '$deltatoken');

	let round: DeltaRound;
	let offset = 0;
	if (skipKey !== undefined || deltaKey !== undefined) {
		if (skipKey !== undefined && deltaKey !== undefined) throw badRequest('ErrorInvalidUrlQuery', 'A delta request carries either $skiptoken or $deltatoken, not both.');
		const extra = keys.find((key) => key !== skipKey && key !== deltaKey && (key.startsWith('$') || key.toLowerCase() === 'changetype'));
		if (extra !== undefined) {
			throw badRequest(
				'ErrorInvalidUrlQuery',
				`The query option '${extra}' cannot be combined with a state token: the token already carries the options of the round's first request.`,
			);
		}
		if (skipKey !== undefined) {
			const state = services.delta.resolve(request.query[skipKey], 'skip', scope);
			round = state.round;
			offset = state.offset;
		} else {
			const state = services.delta.resolve(request.query[deltaKey as string], 'delta', scope);
			round = services.delta.startRound(state.query, inScope(context, state.query), state.snapshot);
		}
	} else {
		const query = readQuery(context, folder);
		round = services.delta.startRound(query, inScope(context, query));
	}

	const { size, applied } = pageSize(request.headers.prefer);
	const shape = shapeFor(context, round.query.select, round.query.expand);
	const inFolder = new Map(services.store.messages(user.id, folder.id).map((message) => [message.id, message]));
	const value: Resource[] = [];
	for (const entry of round.entries.slice(offset, offset + size)) {
		if (entry.removed) {
			value.push({ '@odata.type': '#microsoft.graph.message', id: entry.id, '@removed': { reason: 'deleted' } });
			continue;
		}
		// Gone since the round started: the next round reports its removal (the round's snapshot still has it).
		const message = inFolder.get(entry.id);
		if (message) value.push({ '@odata.type': '#microsoft.graph.message', ...messageResource(message, shape) });
	}
	const link = `${services.baseUrl}${request.rawPathname}`;
	const next = offset + size;
	const tail =
		next < round.entries.length
			? { '@odata.nextLink': `${link}?$skiptoken=${services.delta.skipToken(round, next)}` }
			: { '@odata.deltaLink': `${link}?$deltatoken=${services.delta.deltaToken(round)}` };
	const preferences = [preferenceHeaders(shape)['Preference-Applied'], applied].filter((item) => item !== undefined);
	return {
		status: 200,
		headers: preferences.length > 0 ? { 'Preference-Applied': preferences.join(', ') } : {},
		body: { '@odata.context': `${services.baseUrl}/v1.0/$metadata#Collection(message)`, value, ...tail },
	};
}
