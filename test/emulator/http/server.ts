import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate } from '../auth/tokens';
import { runBatch, type BatchHost } from './batch';
import type { BatchModel } from './batch-scheduler';
import type { GraphContext, HandlerResult, IncomingRequest, RequestRecord, Services } from './context';
import { EntraError, GraphError } from './errors';
import { retryAfterMs, type FaultRule } from '../state/faults';
import { syncStateMessage } from '../state/delta';
import { toGraphError, type Workload } from '../graph/graph-errors';
import { isAllowed } from '../graph/permissions';
import { matchRoute, type GraphRoute, type TenantRoute } from './routes';
import { MailboxNotEnabledError } from '../state/store';
import { GRAPH_JSON, parseBody, parseTarget, type Parsed } from './wire';

/**
 * The HTTP face of the emulator: parses each request, logs it, applies faults, routes it, and is the one place
 * that turns handler results and thrown errors into bytes: Graph's error envelope (with request-id and
 * client-request-id headers) for Graph and control routes, Entra's error JSON for the token endpoint. A `$batch`
 * is handed to batch.ts, which replays each sub-request through the same routing (prepare, below).
 */

export interface ServerOptions {
	/** Added to every response (not to control routes). */
	latencyMs: number;
	/** How long a mailbox request holds its concurrency slot. */
	serviceTimeMs: number;
	/** Waits for latencies and service times; never called with 0. */
	sleep: (ms: number) => Promise<void>;
	/** How a `$batch` starts its sub-requests (batch-scheduler.ts). */
	batchModel: BatchModel;
	/** Fault rules without `sticky` of their own are sticky when true. */
	stickyFaults: boolean;
	/** Request bodies longer than this are not kept in the request log (only their length); default 64 KiB. */
	logBodyLimit?: number;
}

/** Graph refuses a request body above 4 MB (413). */
export const MAX_GRAPH_REQUEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_LOG_BODY_LIMIT = 64 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

function classify(segments: readonly string[]): RequestRecord['kind'] {
	const lower = segments.map((segment) => segment.toLowerCase());
	if (lower[0] === '_emulator') return 'control';
	if (lower[0] === 'upload') return 'upload';
	if (lower.includes('.well-known') || lower.join('/').endsWith('discovery/instance')) return 'discovery';
	if (lower.length === 4 && lower[1] === 'oauth2' && lower[2] === 'v2.0' && lower[3] === 'token') return 'token';
	if (lower.length === 2 && lower[0] === 'v1.0' && lower[1] === '$batch') return 'batch';
	return 'graph';
}

const graphDate = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const entraTimestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

export interface Ids {
	requestId: string;
	clientRequestId: string;
}

function graphErrorBody(code: string, message: string, ids: Ids, now: number) {
	return { error: { code, message, innerError: { date: graphDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId } } };
}

/** Outlook's REST error (the upload origin): code and message, no innerError. */
const outlookErrorBody = (code: string, message: string) => ({ error: { code, message } });

function entraErrorBody(error: string, codes: number[], text: string, ids: Ids, now: number) {
	const timestamp = entraTimestamp(now);
	const prefix = codes.length > 0 ? `AADSTS${codes[0]}: ` : '';
	return {
		error,
		error_description: `${prefix}${text}\r\nTrace ID: ${ids.requestId}\r\nCorrelation ID: ${ids.clientRequestId}\r\nTimestamp: ${timestamp}`,
		error_codes: codes,
		timestamp,
		trace_id: ids.requestId,
		correlation_id: ids.clientRequestId,
		...(codes.length > 0 ? { error_uri: `https://login.microsoftonline.com/error?code=${codes[0]}` } : {}),
	};
}

/** Default Graph error codes for statuses a fault rule injects without a body. */
const FAULT_CODES: Record<number, [code: string, message: string]> = {
	400: ['BadRequest', 'Bad request.'],
	401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
	403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
	404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
	408: ['RequestTimeout', 'The request timed out.'],
	409: ['ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.'],
	429: ['TooManyRequests', 'Too many requests.'],
	500: ['InternalServerError', 'An internal server error occurred.'],
	502: ['BadGateway', 'Bad gateway.'],
	503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
	504: ['GatewayTimeout', 'The gateway timed out.'],
};

const MAILBOX_PATH = /^\/v1\.0\/users\/[^/]+\/.+/i;
const DELTA_PATH = /\/delta$/i;

function faultResult(kind: RequestRecord['kind'], rule: Readonly<FaultRule>, path: string, ids: Ids, now: number): HandlerResult {
	const status = rule.status as number;
	const headers: Record<string, string> = { ...(rule.headers ?? {}) };
	if (rule.retryAfter !== undefined) headers['Retry-After'] = rule.retryAfter;
	if (rule.body !== undefined) return { status, headers, body: rule.body };
	if (kind === 'token') {
		const error = status === 429 || status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request';
		return { status, headers, body: entraErrorBody(error, [], `Emulated fault: HTTP ${status}.`, ids, now) };
	}
	const [code, message] =
		status === 429 && MAILBOX_PATH.test(path) ? ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.']
		: status === 410 && DELTA_PATH.test(path) ? ['SyncStateNotFound', syncStateMessage(0, 1)]
		: (FAULT_CODES[status] ?? [`Http${status}`, `HTTP ${status}.`]);
	return { status, headers, body: kind === 'upload' ? outlookErrorBody(code, message) : graphErrorBody(code, message, ids, now) };
}

/** The answer with `headers` set, replacing any of the same name (compared case-insensitively). */
function withHeaders(result: HandlerResult, headers: Record<string, string>): HandlerResult {
	const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
	const kept = Object.entries(result.headers ?? {}).filter(([name]) => !names.has(name.toLowerCase()));
	return { ...result, headers: { ...Object.fromEntries(kept), ...headers } };
}

/**
 * A request routed and authorised but not run yet: either its answer already (an error), or the call to make
 * once its mailbox (when it has one) admits it.
 */
export type Prepared = { result: HandlerResult } | { mailbox?: string; run: () => HandlerResult | Promise<HandlerResult> };

interface Dispatched {
	result: HandlerResult | Promise<HandlerResult>;
	/** Frees the mailbox concurrency slot; called after the simulated service time. */
	release?: () => void;
}

const THROTTLED = 'Application is over its MailboxConcurrency limit.';

export function createEmulatorServer(services: Services, options: ServerOptions): Server {
	const logBodyLimit = options.logBodyLimit ?? DEFAULT_LOG_BODY_LIMIT;
	const pause = (ms: number): Promise<void> => (ms > 0 ? options.sleep(ms) : Promise.resolve());
	const toResult = (error: unknown, kind: RequestRecord['kind'], ids: Ids): HandlerResult => {
		const now = services.now();
		if (error instanceof EntraError) {
			return { status: error.status, body: entraErrorBody(error.error, [error.aadsts], error.message, ids, now) };
		}
		if (error instanceof GraphError) {
			const body = kind === 'upload' ? outlookErrorBody(error.code, error.message) : graphErrorBody(error.code, error.message, ids, now);
			return { status: error.status, headers: { ...error.headers }, body };
		}
		const message = `emulator bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
		if (kind === 'token') return { status: 500, body: entraErrorBody('server_error', [], message, ids, now) };
		return { status: 500, body: graphErrorBody('InternalServerError', message, ids, now) };
	};

	/** Graph's answer when the mailbox has no free slot, or is still throttled. */
	const throttled = (retryAfterSeconds: number, ids: Ids): HandlerResult =>
		toResult(new GraphError(429, 'ApplicationThrottled', THROTTLED, { 'Retry-After': String(retryAfterSeconds) }), 'graph', ids);

	function prepareGraph(route: GraphRoute, params: Record<string, string>, request: IncomingRequest, record: RequestRecord, ids: Ids): Prepared {
		const workload: Workload = route.workload;
		const answer = (error: unknown): HandlerResult => toResult(toGraphError(error, workload), 'graph', ids);
		try {
			const principal = authenticate(request.headers.authorization, services);
			if (!isAllowed(request.method, route.permission, principal.roles)) {
				throw workload === 'directory'
					? new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
					: new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
			}
			const user = services.store.user(principal.tenantId, params.user);
			record.mailbox = user.id;
			if (workload === 'exchange' && !user.hasMailbox) throw new MailboxNotEnabledError(user.id);
			if (workload === 'exchange') services.store.checkMailboxAccess(user.id, principal.appId);
			const context: GraphContext = { request, params, principal, user, services };
			return {
				mailbox: workload === 'exchange' ? user.id : undefined,
				run: () => {
					try {
						return route.handler(context);
					} catch (error) {
						return answer(error);
					}
				},
			};
		} catch (error) {
			return { result: answer(error) };
		}
	}

	/** A tenant route: authorised like any Graph route, with no user to resolve and no mailbox slot to take. */
	function prepareTenant(route: TenantRoute, params: Record<string, string>, request: IncomingRequest, ids: Ids): Prepared {
		const answer = (error: unknown): HandlerResult => toResult(toGraphError(error, route.workload), 'graph', ids);
		try {
			const principal = authenticate(request.headers.authorization, services);
			if (!isAllowed(request.method, route.permission, principal.roles)) {
				throw route.workload === 'directory'
					? new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
					: new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
			}
			return {
				run: async () => {
					try {
						return await route.handler({ request, params, principal, services });
					} catch (error) {
						return answer(error);
					}
				},
			};
		} catch (error) {
			return { result: answer(error) };
		}
	}

	/** Routes and authorises a request; the same for an HTTP request and for a sub-request of a `$batch`. */
	function prepare(request: IncomingRequest, kind: RequestRecord['kind'], record: RequestRecord, ids: Ids): Prepared {
		if (kind === 'discovery') {
			return {
				result: {
					status: 404,
					body: { error: 'not_found', error_description: 'The emulator serves no discovery documents: configure the authority metadata instead.' },
				},
			};
		}
		try {
			const match = matchRoute(request.method, request.segments);
			if (!match.found) {
				if (kind === 'token') throw new EntraError(405, 'invalid_request', 900561, `The endpoint only accepts POST requests. Received a ${request.method} request.`);
				if (kind === 'upload') {
					if (match.pathExists) throw new GraphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
					throw new GraphError(404, 'ErrorInvalidUrl', 'The URL is not an upload session URL.');
				}
				if (kind === 'graph' || kind === 'batch') authenticate(request.headers.authorization, services);
				const [version, first] = request.segments.map((segment) => segment.toLowerCase());
				if (kind === 'graph' && version !== 'v1.0') throw new GraphError(400, 'BadRequest', `Invalid version: ${request.segments[0]}`);
				if (kind === 'graph' && first === 'me') throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
				if (match.pathExists) throw new GraphError(405, 'BadRequest', `The requested resource does not support http method '${request.method}'.`);
				throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${request.segments[request.segments.length - 1] ?? ''}'.`);
			}
			const { route, params } = match;
			if (route.kind === 'graph') return prepareGraph(route, params, request, record, ids);
			if (route.kind === 'tenant') return prepareTenant(route, params, request, ids);
			// Reached only by a sub-request: an HTTP $batch never gets here (handle() runs it).
			if (route.kind === 'batch') throw new GraphError(400, 'BadRequest', 'A $batch request cannot contain another $batch request.');
			const convert = route.kind === 'upload' ? (error: unknown) => toGraphError(error, 'exchange') : (error: unknown) => error;
			return {
				run: () => {
					try {
						return route.handler(request, params, services);
					} catch (error) {
						return toResult(convert(error), kind, ids);
					}
				},
			};
		} catch (error) {
			return { result: toResult(error, kind, ids) };
		}
	}

	/** Runs a prepared HTTP request now, or answers 429 when its mailbox has no free slot. */
	function admit(prepared: Prepared, ids: Ids): Dispatched {
		if ('result' in prepared) return { result: prepared.result };
		if (prepared.mailbox === undefined) return { result: prepared.run() };
		const admission = services.throttle.admit(prepared.mailbox);
		if (!admission.admitted) return { result: throttled(admission.retryAfterSeconds, ids) };
		return { result: prepared.run(), release: admission.release };
	}

	/**
	 * A fault rule's answer. A Graph request is routed first (not run), so the log names its mailbox, and a sticky
	 * rule's 429 or 503 throttles that mailbox for the answer's Retry-After.
	 */
	function answerFault(kind: RequestRecord['kind'], rule: Readonly<FaultRule>, request: IncomingRequest, record: RequestRecord, ids: Ids): HandlerResult {
		const result = faultResult(kind, rule, record.path, ids, services.now());
		if (kind !== 'graph') return result;
		const prepared = prepare(request, kind, record, ids);
		const sticky = (rule.sticky ?? options.stickyFaults) && (rule.status === 429 || rule.status === 503);
		if (!sticky || !('run' in prepared) || prepared.mailbox === undefined) return result;
		const ms = retryAfterMs(rule.retryAfter, services.now());
		if (ms !== undefined) {
			services.throttle.block(prepared.mailbox, ms);
			return result;
		}
		services.throttle.block(prepared.mailbox, services.throttle.windowSeconds * 1000);
		return { ...result, headers: { ...result.headers, 'Retry-After': String(services.throttle.windowSeconds) } };
	}

	const batchHost = (ids: Ids): BatchHost => ({
		services,
		serviceTimeMs: options.serviceTimeMs,
		sleep: pause,
		model: options.batchModel,
		logBodyLimit,
		batchId: ids.requestId,
		prepare: (request, record) => prepare(request, 'graph', record, ids),
		fault: (rule, request, record) => answerFault('graph', rule, request, record, ids),
		error: (error) => toResult(error, 'graph', ids),
		throttled: (retryAfterSeconds) => throttled(retryAfterSeconds, ids),
	});

	async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const startedAt = services.now();
		const method = (incoming.method ?? 'GET').toUpperCase();
		const rawUrl = incoming.url ?? '/';
		const { rawPathname, segments, query } = parseTarget(rawUrl);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(incoming.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
		const rawBody = await readBody(incoming);
		const kind = classify(segments);
		// Upload chunks are bytes: never decoded as text, never kept in the log.
		const parsed: Parsed = kind === 'upload' ? { ok: true, value: undefined } : parseBody(rawBody, headers['content-type'] ?? '');
		const logged = rawBody.length > logBodyLimit ? undefined : parsed.ok ? parsed.value : parsed.text;
		const record: RequestRecord = {
			kind,
			method,
			rawUrl,
			path: `/${segments.join('/')}`,
			query,
			headers,
			body: logged,
			bodyLength: rawBody.length,
			status: 0,
			startedAt,
			endedAt: 0,
		};
		services.requests.push(record);
		const requestId = randomUUID();
		const ids: Ids = { requestId, clientRequestId: headers['client-request-id'] ?? requestId };
		if (kind === 'batch') record.batchId = requestId;
		const body = kind === 'upload' ? rawBody : parsed.ok ? parsed.value : parsed.text;
		const request: IncomingRequest = { method, rawUrl, rawPathname, segments, query, headers, body, rawBody };

		let dispatched: Dispatched;
		const fault = kind === 'control' ? undefined : services.faults.take(method, record.path);
		if (fault?.latencyMs) await pause(fault.latencyMs);
		if (fault?.reset) {
			record.endedAt = services.now();
			incoming.socket.destroy();
			return;
		}
		if (fault?.status !== undefined) {
			dispatched = { result: answerFault(kind, fault, request, record, ids) };
		} else if ((kind === 'graph' || kind === 'batch') && rawBody.length > MAX_GRAPH_REQUEST_BYTES) {
			dispatched = { result: toResult(new GraphError(413, 'BadRequest', 'The maximum request length supported is 4MB.'), kind, ids) };
		} else if (!parsed.ok && kind !== 'token') {
			dispatched = {
				result: toResult(
					new GraphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'),
					kind,
					ids,
				),
			};
		} else if (kind === 'batch') {
			dispatched = { result: await runBatch(batchHost(ids), request) };
		} else {
			dispatched = admit(prepare(request, kind, record, ids), ids);
		}

		// A tenant route may answer later (a subscription waits for its webhook's handshake).
		const result = await dispatched.result;
		// A rule with headers and no status rewrites those headers of the real answer.
		const answered = fault?.status === undefined && fault?.headers ? withHeaders(result, fault.headers) : result;

		// The mailbox slot is held for the service time only; the network latency is the same for every request.
		if (dispatched.release) {
			await pause(options.serviceTimeMs);
			dispatched.release();
		}
		await pause(kind === 'control' ? 0 : options.latencyMs);
		write(response, kind, answered, ids);
		record.status = answered.status;
		record.endedAt = services.now();
	}

	function write(response: ServerResponse, kind: RequestRecord['kind'], result: HandlerResult, ids: Ids): void {
		const headers: Record<string, string> = { ...(result.headers ?? {}) };
		if (kind === 'graph' || kind === 'control' || kind === 'upload' || kind === 'batch') {
			headers['request-id'] = ids.requestId;
			headers['client-request-id'] = ids.clientRequestId;
		} else {
			headers['x-ms-request-id'] = ids.requestId;
			headers['client-request-id'] = ids.clientRequestId;
		}
		if (result.status === 204 || result.body === undefined) {
			response.writeHead(result.status, headers);
			response.end();
			return;
		}
		const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
		if (Buffer.isBuffer(result.body)) {
			if (!hasType) headers['Content-Type'] = 'application/octet-stream';
			headers['Content-Length'] = String(result.body.length);
			response.writeHead(result.status, headers);
			response.end(result.body);
			return;
		}
		const payload = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
		const odata = kind === 'graph' || kind === 'upload';
		if (!hasType) headers['Content-Type'] = odata ? GRAPH_JSON : 'application/json; charset=utf-8';
		if (odata) headers['OData-Version'] = '4.0';
		response.writeHead(result.status, headers);
		response.end(payload);
	}

	return createServer((incoming, response) => {
		handle(incoming, response).catch((error: unknown) => {
			if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
			response.end(`emulator bug: ${error instanceof Error ? error.message : String(error)}`);
		});
	});
}
