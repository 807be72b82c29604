import { schedule, type BatchModel, type Call } from './batch-scheduler';
import type { HandlerResult, IncomingRequest, RequestRecord, Services } from './context';
import { badRequest } from './errors';
import type { FaultRule } from '../state/faults';
import type { Prepared } from './server';
import { GRAPH_JSON, parseBody, parseTarget } from './wire';

/**
 * `POST /v1.0/$batch`, JSON batching (json-batching.md). As fake-gcs-server's handleBatchCall does, each
 * sub-request is replayed through the same routing and handlers as a request of its own (server.ts prepare), with
 * the outer request's Authorization, so permissions, validation and errors are identical inside and outside a
 * batch. What this file adds is the batch's own rules; batch-scheduler.ts runs the sub-requests:
 *
 * - The whole batch is refused (400) when it is malformed: more than 20 requests, an id missing or repeated
 *   (case-insensitively), a write without a body or Content-Type, a dependency on a request that does not come
 *   before, or a mix of dependent and independent requests.
 * - Fault rules match each sub-request by its method and path (rules that drop the connection excepted).
 * - The outer answer is 200 whatever the sub-requests' statuses; responses come in reverse request order, so a
 *   client must look them up by id.
 */

/** Graph's limit of requests in one `$batch`. */
export const MAX_BATCH_REQUESTS = 20;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** What server.ts lends a batch: its services, its routing, and its ways of writing answers. */
export interface BatchHost {
	services: Services;
	serviceTimeMs: number;
	/** Waits for a service time or a fault's latency (resolves at once for 0). */
	sleep(ms: number): Promise<void>;
	model: BatchModel;
	logBodyLimit: number;
	/** The outer request's request-id, stamped on every record of the batch. */
	batchId: string;
	/** Routes and authorises a sub-request exactly as an HTTP request (sets record.mailbox). */
	prepare(request: IncomingRequest, record: RequestRecord): Prepared;
	/** The answer a fault rule with a status gives (routing the sub-request first, for its mailbox and a sticky rule). */
	fault(rule: Readonly<FaultRule>, request: IncomingRequest, record: RequestRecord): HandlerResult;
	/** Graph's answer for an error. */
	error(error: unknown): HandlerResult;
	/** Graph's 429 ApplicationThrottled with Retry-After. */
	throttled(retryAfterSeconds: number): HandlerResult;
}

/** One entry of the batch's `requests`, checked. */
export interface SubRequest {
	id: string;
	method: string;
	/** As given: relative to /v1.0, with or without its leading '/'. */
	url: string;
	/** Names as given. */
	headers: Record<string, string>;
	/** JSON for a JSON Content-Type, else a base64 string (json-batching.md); undefined: no body. */
	body: unknown;
	dependsOn: string[];
}

/** One entry of the answer's `responses`. */
export interface SubResponse {
	id: string;
	status: number;
	headers: Record<string, string>;
	/** JSON as JSON; any other content as a base64 string; absent when there is none. */
	body?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const headerValue = (headers: Record<string, string>, name: string): string | undefined =>
	Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** The batch's `requests`, checked against Graph's rules; a GraphError 400 for the whole batch otherwise. */
export function parseBatch(body: unknown): SubRequest[] {
	if (!isObject(body) || !Array.isArray(body.requests)) {
		throw badRequest('BadRequest', "Invalid batch payload format: the body must be a JSON object with a 'requests' array.");
	}
	const entries: unknown[] = body.requests;
	if (entries.length > MAX_BATCH_REQUESTS) throw badRequest('BadRequest', 'Number of requests inside batch exceed the limit.');
	const seen = new Set<string>();
	const requests = entries.map((entry, index): SubRequest => {
		if (!isObject(entry)) throw badRequest('BadRequest', `Invalid batch payload format: request ${index + 1} is not a JSON object.`);
		const { id, method, url, headers = {}, body: payload, dependsOn = [] } = entry;
		if (typeof id !== 'string' || id.trim() === '') throw badRequest('BadRequest', `Invalid batch payload format: request ${index + 1} has no id.`);
		if (seen.has(id.toLowerCase())) throw badRequest('BadRequest', `Request Id ${id} has to be unique in a batch.`);
		seen.add(id.toLowerCase());
		if (typeof method !== 'string' || method.trim() === '') throw badRequest('BadRequest', `Invalid batch payload format: request ${id} has no method.`);
		if (typeof url !== 'string' || url.trim() === '') throw badRequest('BadRequest', `Invalid batch payload format: request ${id} has no url.`);
		if (/^[a-z][a-z0-9+.-]*:/i.test(url)) throw badRequest('BadRequest', `Invalid request URL for request Id ${id}: the url must be relative to the version, as /users/...`);
		if (!isObject(headers) || Object.values(headers).some((value) => typeof value !== 'string' && typeof value !== 'number')) {
			throw badRequest('BadRequest', `Invalid batch payload format: the headers of request ${id} must be an object of strings.`);
		}
		if (!Array.isArray(dependsOn) || dependsOn.some((value) => typeof value !== 'string')) {
			throw badRequest('BadRequest', `Invalid batch payload format: dependsOn of request ${id} must be an array of request ids.`);
		}
		const stringHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
		const upper = method.toUpperCase();
		const body = payload === null ? undefined : payload;
		if (WRITE_METHODS.has(upper) && (body === undefined || headerValue(stringHeaders, 'content-type') === undefined)) {
			throw badRequest('BadRequest', `Write request id : ${id} does not contain Content-Type header or body.`);
		}
		return { id, method: upper, url, headers: stringHeaders, body, dependsOn: dependsOn as string[] };
	});
	requests.forEach((request, index) => {
		const earlier = new Set(requests.slice(0, index).map(({ id }) => id.toLowerCase()));
		if (request.dependsOn.some((id) => !earlier.has(id.toLowerCase()))) throw badRequest('BadRequest', `Invalid dependency for request Id ${request.id}.`);
	});
	if (requests.some((request) => request.dependsOn.length > 0) && requests.slice(1).some((request) => request.dependsOn.length === 0)) {
		throw badRequest('BadRequest', 'Batch should be either fully sequential or fully parallel.');
	}
	return requests;
}

/** A sub-request as the HTTP request it stands for: `/v1.0` + its url, its headers and the outer Authorization. */
function toCall(sub: SubRequest, host: BatchHost, authorization: string | undefined): Call {
	const rawUrl = `/v1.0${sub.url.startsWith('/') ? '' : '/'}${sub.url}`;
	const { rawPathname, segments, query } = parseTarget(rawUrl);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(sub.headers)) headers[name.toLowerCase()] = value;
	if (authorization !== undefined) headers.authorization = authorization;
	else delete headers.authorization;
	const contentType = headers['content-type'] ?? '';
	let rawBody = Buffer.alloc(0);
	let body: unknown;
	if (sub.body !== undefined) {
		if (/json/i.test(contentType) || typeof sub.body !== 'string') {
			body = sub.body;
			rawBody = Buffer.from(JSON.stringify(sub.body));
		} else {
			rawBody = Buffer.from(sub.body, 'base64');
			const parsed = parseBody(rawBody, contentType);
			body = parsed.ok ? parsed.value : parsed.text;
		}
	}
	const record: RequestRecord = {
		kind: 'graph',
		method: sub.method,
		rawUrl,
		path: `/${segments.join('/')}`,
		query,
		headers,
		body: rawBody.length > host.logBodyLimit ? undefined : body,
		bodyLength: rawBody.length,
		status: 0,
		startedAt: host.services.now(),
		endedAt: 0,
		batchId: host.batchId,
		batchRequestId: sub.id,
	};
	return { sub, request: { method: sub.method, rawUrl, rawPathname, segments, query, headers, body, rawBody }, record };
}

/** A sub-request's answer as an entry of `responses`: JSON stays JSON, other content becomes base64. */
export function subResponse(id: string, result: HandlerResult): SubResponse {
	const headers: Record<string, string> = { ...(result.headers ?? {}) };
	const type = headerValue(headers, 'content-type');
	if (result.status === 204 || result.body === undefined) return { id, status: result.status, headers };
	if (Buffer.isBuffer(result.body)) {
		if (type === undefined) headers['Content-Type'] = 'application/octet-stream';
		return { id, status: result.status, headers, body: result.body.toString('base64') };
	}
	if (typeof result.body === 'string') {
		if (type !== undefined && /json/i.test(type)) {
			try {
				return { id, status: result.status, headers, body: JSON.parse(result.body) as unknown };
			} catch {
				// not JSON after all: sent as bytes
			}
		}
		if (type === undefined) headers['Content-Type'] = 'text/plain';
		return { id, status: result.status, headers, body: Buffer.from(result.body, 'utf8').toString('base64') };
	}
	if (type === undefined) headers['Content-Type'] = GRAPH_JSON;
	headers['OData-Version'] = '4.0';
	return { id, status: result.status, headers, body: result.body };
}

/** Runs a `$batch`: the answer is 200 with one response per sub-request, or the 400 of a malformed batch. */
export async function runBatch(host: BatchHost, request: IncomingRequest): Promise<HandlerResult> {
	let subs: SubRequest[];
	try {
		subs = parseBatch(request.body);
	} catch (error) {
		return host.error(error);
	}
	const { services } = host;
	const calls = subs.map((sub) => toCall(sub, host, request.headers.authorization));
	// Logged together, right after the batch, in the order of its requests array.
	services.requests.push(...calls.map((call) => call.record));
	const results = await schedule(calls, host);
	const responses = calls.map((call, index) => subResponse(call.sub.id, results[index])).reverse();
	return { status: 200, body: { responses } };
}
