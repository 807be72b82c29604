import type { HandlerResult, TenantContext } from '../http/context';
import { GraphError, badRequest } from '../http/errors';
import { parseFilter, type FilterExpr, matchesFilter, type ParsedFilter } from '../graph/filter';
import { functionString } from '../graph/odata';
import type { Resource } from '../graph/resources';
import { ItemNotFoundError } from '../state/store';
import type { TraceRow } from '../state/traces';

/**
 * GET /admin/exchange/tracing/messageTraces and .../messageTraces/{id}/getDetailsByRecipient(recipientAddress='...'):
 * the tenant's message trace, built from the mail the emulator delivered (state/traces.ts). Options as Graph's
 * docs give them: `$filter` (the properties and operators each supports, joined by `and`), `$top` (1 to 5000,
 * default 1000), `$skiptoken` paging; the time window and its limits: both bounds of receivedDateTime, at most 10
 * days long, starting no more than 90 days ago and ending no later than now; without them, the last 48 hours.
 * Both APIs take at most 100 requests per 5 minutes per tenant.
 */

const DAY = 24 * 60 * 60 * 1000;
export const TRACE_DEFAULT_PAGE_SIZE = 1000;
export const TRACE_MAX_PAGE_SIZE = 5000;
export const TRACE_MAX_WINDOW_MS = 10 * DAY;
export const TRACE_MAX_AGE_MS = 90 * DAY;
export const TRACE_DEFAULT_WINDOW_MS = 2 * DAY;
/** "This API has a throttling limit of 100 requests per 5 minutes." */
export const TRACE_REQUESTS_PER_WINDOW = 100;
export const TRACE_THROTTLE_WINDOW_MS = 5 * 60 * 1000;

/** Which `$filter` operators each property supports (exchangeMessageTrace's docs). */
const SUPPORTED: Record<string, readonly string[]> = {
	fromIP: ['eq'],
	id: ['eq'],
	messageId: ['eq'],
	receivedDateTime: ['ge', 'le'],
	recipientAddress: ['eq'],
	senderAddress: ['eq'],
	status: ['eq'],
	subject: ['contains', 'startswith', 'endswith'],
	toIP: ['eq'],
};

const unsupported = (detail: string) => badRequest('BadRequest', `Invalid filter clause: ${detail}`);

/** The clauses of a filter joined by `and`; `or` and `not` are not supported. */
function clauses(expression: FilterExpr): FilterExpr[] {
	if (expression.kind === 'logical') {
		if (expression.op === 'or') throw unsupported("the operator 'or' is not supported on message traces; join clauses with 'and'.");
		return [...clauses(expression.left), ...clauses(expression.right)];
	}
	if (expression.kind === 'not') throw unsupported("the operator 'not' is not supported on message traces.");
	return [expression];
}

interface Window {
	start: number;
	end: number;
}

/** Checks each clause against what the property supports and returns the receivedDateTime window it gives. */
function readFilter(filter: ParsedFilter | undefined, now: number): Window {
	let start: number | undefined;
	let end: number | undefined;
	for (const clause of filter ? clauses(filter.expression) : []) {
		let property: string | undefined;
		let operator: string | undefined;
		let literal: (FilterExpr & { kind: 'literal' }) | undefined;
		if (clause.kind === 'compare' && clause.left.kind === 'property' && clause.right.kind === 'literal') {
			[property, operator, literal] = [clause.left.path.join('/'), clause.op, clause.right];
		} else if (clause.kind === 'call' && clause.args[0].kind === 'property' && clause.args[1].kind === 'literal') {
			[property, operator, literal] = [clause.args[0].path.join('/'), clause.name, clause.args[1]];
		}
		if (!property || !operator || !literal) throw unsupported('each clause must compare a property with a value.');
		if (!SUPPORTED[property]?.includes(operator)) {
			throw unsupported(`the property '${property}' does not support '${operator}' on message traces.`);
		}
		if (property === 'receivedDateTime') {
			const at = Date.parse(String(literal.value));
			if (operator === 'ge') start = at;
			else end = at;
		}
	}
	if (start === undefined && end === undefined) return { start: now - TRACE_DEFAULT_WINDOW_MS, end: now };
	if (start === undefined || end === undefined) {
		throw badRequest('BadRequest', "Specify both bounds of the time window: 'receivedDateTime ge {start} and receivedDateTime le {end}'.");
	}
	if (start > end) throw badRequest('BadRequest', 'Invalid time window: the start date must be before the end date.');
	if (end - start > TRACE_MAX_WINDOW_MS) throw badRequest('BadRequest', 'Invalid time window: the time window must not exceed 10 days.');
	if (start < now - TRACE_MAX_AGE_MS) throw badRequest('BadRequest', "Invalid StartDate value. The StartDate can't be older than 90 days from today.");
	if (end > now) throw badRequest('BadRequest', "Invalid EndDate value. The EndDate can't be later than the current date.");
	return { start, end };
}

function traceResource(row: TraceRow): Resource {
	const { id, senderAddress, recipientAddress, messageId, receivedDateTime, subject, size, fromIP, toIP, status } = row;
	return { id, senderAddress, recipientAddress, messageId, receivedDateTime, subject, size, fromIP, toIP, status };
}

interface SkipToken {
	/** Rows already returned. */
	offset: number;
	/** The clock when the first page was asked for: later pages see the same window. */
	asOf: number;
}

const encodeToken = (token: SkipToken): string => Buffer.from(JSON.stringify({ o: token.offset, a: token.asOf })).toString('base64url');

function decodeToken(value: string): SkipToken {
	try {
		const json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { o?: unknown; a?: unknown };
		if (Number.isInteger(json.o) && (json.o as number) >= 0 && Number.isFinite(json.a)) return { offset: json.o as number, asOf: json.a as number };
	} catch {
		// not a token of ours
	}
	throw badRequest('BadRequest', 'The $skiptoken value is not valid.');
}

const queryValue = (query: Readonly<Record<string, string>>, name: string): string | undefined => {
	const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : query[key];
};

/** Graph's message trace APIs take 100 requests per 5 minutes per tenant. */
function admit(context: TenantContext): void {
	const { services, principal } = context;
	const wait = services.store.traces.admit(principal.tenantId, services.now(), TRACE_REQUESTS_PER_WINDOW, TRACE_THROTTLE_WINDOW_MS);
	if (wait > 0) {
		throw new GraphError(429, 'TooManyRequests', 'Too many requests: the message trace APIs allow 100 requests in 5 minutes.', {
			'Retry-After': String(Math.ceil(wait / 1000)),
		});
	}
}

export function listMessageTraces(context: TenantContext): HandlerResult {
	const { request, services, principal } = context;
	admit(context);
	for (const key of Object.keys(request.query)) {
		if (key.startsWith('$') && !['$filter', '$top', '$skiptoken'].includes(key.toLowerCase())) {
			throw badRequest('BadRequest', `The query parameter '${key}' is not supported.`);
		}
	}
	const skipToken = queryValue(request.query, '$skiptoken');
	const token = skipToken === undefined ? { offset: 0, asOf: services.now() } : decodeToken(skipToken);
	const topText = queryValue(request.query, '$top');
	const top = topText === undefined ? TRACE_DEFAULT_PAGE_SIZE : Number(topText);
	if (!/^\d+$/.test(topText ?? '1') || top < 1 || top > TRACE_MAX_PAGE_SIZE) {
		throw badRequest('BadRequest', `Invalid value '${topText}' for $top query option found. The $top query option requires a value between 1 and ${TRACE_MAX_PAGE_SIZE}.`);
	}
	const filterText = queryValue(request.query, '$filter');
	const filter = filterText === undefined ? undefined : parseFilter(filterText, 'exchangeMessageTrace');
	const window = readFilter(filter, token.asOf);
	const matching = services.store.traces
		.forTenant(principal.tenantId)
		.filter((row) => {
			const at = Date.parse(row.receivedDateTime);
			return at >= window.start && at <= window.end;
		})
		.map(traceResource)
		.filter((resource) => !filter || matchesFilter(filter, resource));
	const value = matching.slice(token.offset, token.offset + top);
	const more = token.offset + top < matching.length;
	const kept = Object.entries(request.query).filter(([key]) => key.toLowerCase() !== '$skiptoken');
	const query = [...kept, ['$skiptoken', encodeToken({ offset: token.offset + top, asOf: token.asOf })]]
		.map(([key, val]) => `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(val)}`)
		.join('&');
	return {
		status: 200,
		body: {
			'@odata.context': `${services.baseUrl}/v1.0/$metadata#admin/exchange/tracing/messageTraces`,
			value,
			...(more ? { '@odata.nextLink': `${services.baseUrl}${request.rawPathname}?${query}` } : {}),
		},
	};
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The events of one message for one of its recipients; a message trace id the tenant never saw is 404. */
export function messageTraceDetails(context: TenantContext): HandlerResult {
	const { request, services, principal, params } = context;
	admit(context);
	const recipient = functionString('getDetailsByRecipient', 'recipientAddress', params.address, request.query);
	if (!GUID.test(params.trace)) throw badRequest('BadRequest', `The message trace id '${params.trace}' is not a valid GUID.`);
	const rows = services.store.traces.forTenant(principal.tenantId).filter((row) => row.id.toLowerCase() === params.trace.toLowerCase());
	if (rows.length === 0) throw new ItemNotFoundError(params.trace);
	const value = rows
		.filter((row) => row.recipientAddress.toLowerCase() === recipient.toLowerCase())
		.flatMap((row) => row.events.map((event) => ({ id: row.id, messageId: row.messageId, ...event })));
	return {
		status: 200,
		body: { '@odata.context': `${services.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.exchangeMessageTraceDetail)`, value },
	};
}
