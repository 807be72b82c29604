/**
 * The one Graph client: every node of this package reaches Graph through it.
 *
 * It owns the request loop (token refresh on 401, the credential's retry policy, `Retry-After`, the
 * never-send-twice rule), response parsing, paging over `@odata.nextLink`, and turning failures into
 * n8n errors. Operations give it a method, a path built by `paths.ts`, a query and a body; nothing more.
 */
import type { Readable } from 'node:stream';
import type { IHttpRequestMethods, INode, Logger } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import { credentialError, graphFailureToNodeError, operationError, type GraphFailure } from './errors';
import { MAX_DOWNLOAD_BYTES, MAX_JSON_RESPONSE_BYTES, printable, readGraphError, readJsonAnswer, redirectTarget } from './answers';
import { CLIENT_TEXTS, NETWORK_FAILURES } from './errorTexts';
import { checkLink, type LinkProblem } from './links';
import { queryString, type GraphPath } from './paths';
import { redactNodeError, secretForms } from './redact';
import { MailboxScheduler } from './batch';
import { GateClosedError } from './lanes';
import { decideRetry, parseRetryAfter, RETRY_HARD_LIMITS, type AttemptOutcome, type RetryDecision } from './retry';
import { graphRuntime, type GraphRuntime } from './runtime';
import { sendsMail } from './sendsMail';
import { CREDENTIAL_TYPE, isLoopbackHost, readSettings, type GraphSettings } from './settings';
import { mailboxId } from './text';
import { acquireToken, grantedRoles, invalidateToken } from './token';
import {
	formatBytes,
	isNetworkFailure,
	n8nTransport,
	n8nUnauthenticatedTransport,
	type GraphContext,
	type HttpResponse,
	type HttpTransport,
	type NetworkFailure,
} from './transport';

export type Query = Record<string, string | number | boolean | undefined>;

export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Relative to `/v1.0`, built from constant words and checked segments (`GraphPath`); it names the mailbox. */
	path: GraphPath;
	query?: Query;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, with `contentType` (instead of `body`). */
	rawBody?: Buffer;
	contentType?: string;
	/** Return a successful response's body as a stream (`GraphResponse.stream`), unread. */
	stream?: boolean;
	headers?: Record<string, string>;
	/** The most bytes of the answer to read or stream (default: 100 MB of JSON, 512 MB for a stream). */
	maxResponseBytes?: number;
	/** Input item it serves, stamped on its errors. */
	itemIndex?: number;
	timeoutMs?: number;
}

/** One attempt's request as the loop sends it: a Graph path, or an absolute URL it was given. */
interface Attempt extends Omit<GraphRequest, 'path'> {
	/** What errors name: the Graph path, or the path of a URL Graph handed out. */
	path: GraphPath | string;
	/** An absolute URL instead of `path` + `query`: a next-page link or an upload URL. */
	url?: string;
	/** The URL carries its own authorization (an upload session): the token is never sent with it. */
	preAuthenticated?: boolean;
	/** The mailbox it concerns: its lane, and what errors name. */
	mailbox?: string;
}

export interface GraphResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	body: T;
	raw: Buffer;
	/** The unread body, for a request that asked for a stream. */
	stream?: Readable;
}

/** A file to upload, read chunk by chunk. */
export interface UploadSource {
	size: number;
	/** The file in consecutive chunks of `chunkSize` bytes, the last one shorter. */
	chunks(chunkSize: number): AsyncIterable<Buffer>;
}

export interface GraphClientOptions {
	node: INode;
	settings: GraphSettings;
	transport: HttpTransport;
	/** For pre-authenticated URLs; requests that need it fail without it. */
	unauthenticatedTransport?: HttpTransport;
	/** Group requests into `$batch` requests of up to 20 per mailbox (default: each request alone). */
	batching?: boolean;
	/** Clock, waits and mailbox lanes; default: the process's own (`graphRuntime()`). */
	runtime?: GraphRuntime;
	logger?: Pick<Logger, 'debug' | 'warn'>;
}

export const GRAPH_VERSION = 'v1.0';
const DEFAULT_TIMEOUT_MS = 120_000;
/** Graph's largest page for messages and folders. */
export const MAX_PAGE_SIZE = 1000;
const MAX_PAGES = 10_000;
/** 12 x 320 KiB: the largest chunk under Graph's 4 MB limit that is a multiple of 320 KiB. */
export const UPLOAD_CHUNK_BYTES = 12 * 320 * 1024;

export class GraphClient {
	readonly settings: GraphSettings;
	private readonly node: INode;
	private readonly unauthenticatedTransport?: HttpTransport;
	private readonly scheduler: MailboxScheduler;
	private readonly runtime: GraphRuntime;
	private readonly logger?: Pick<Logger, 'debug' | 'warn'>;
	private readonly secretForms: string[];

	constructor(options: GraphClientOptions) {
		this.node = options.node;
		this.settings = options.settings;
		this.unauthenticatedTransport = options.unauthenticatedTransport;
		this.runtime = options.runtime ?? graphRuntime();
		this.secretForms = secretForms(options.settings);
		this.scheduler = new MailboxScheduler(options.transport, {
			versionUrl: `${options.settings.graphBaseUrl}/${GRAPH_VERSION}`,
			batching: options.batching === true,
			timeoutMs: DEFAULT_TIMEOUT_MS,
			lanes: this.runtime.lanes,
			maxGateWaitMs: Math.min(options.settings.retry.maxRetryAfterMs, RETRY_HARD_LIMITS.maxDelayMs),
		});
		this.logger = options.logger;
	}

	/** The lane of a mailbox: one per app and mailbox in the process, whichever execution asks. */
	private laneKey(mailbox: string | undefined): string {
		const { graphBaseUrl, token, clientId } = this.settings;
		return [graphBaseUrl, token.tenant.toLowerCase(), clientId.toLowerCase(), (mailbox ?? '').toLowerCase()].join('\u0000');
	}

	/**
	 * The mailbox an operation works on: the credential's Default User Id when the Mailbox parameter is empty,
	 * else the parameter, checked (`mailboxId`): a value that is not text (a number, a list, an object) fails
	 * the item naming the field, never silently becomes the default mailbox.
	 */
	mailbox(value?: unknown, field = 'Mailbox'): string {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			return this.settings.defaultUserId;
		}
		return mailboxId(value, field);
	}

	/** The absolute URL of a request, `/v1.0` prefixed. */
	url(path: GraphPath, query?: Query): string {
		return `${this.settings.graphBaseUrl}/${GRAPH_VERSION}${String(path)}${queryString(query)}`;
	}

	/** Sends one request and returns the parsed JSON body (undefined for 204). */
	async request<T = unknown>(request: GraphRequest): Promise<T> {
		return (await this.send<T>(request)).body;
	}

	/** Sends one request; resolves with the full response for a 2xx status, throws an n8n error otherwise. */
	async send<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
		return await this.sendAttempt<T>({ ...request, mailbox: request.path.mailbox });
	}

	/** Sends `request` to a link Graph handed out (checked with `checkNextLink`) instead of its path and query. */
	async sendTo<T = unknown>(url: string, request: GraphRequest): Promise<GraphResponse<T>> {
		return await this.sendAttempt<T>({ ...request, url, mailbox: request.path.mailbox });
	}

	private async sendAttempt<T>(request: Attempt): Promise<GraphResponse<T>> {
		return await this.attempt<T>(request).catch((error: unknown) => {
			throw this.redact(error);
		});
	}

	/** The error with every form of the credential's secret, and anything like a token, masked. */
	redact<E>(error: E): E {
		return error instanceof NodeError ? redactNodeError(error, this.secretForms) : error;
	}

	private async attempt<T>(request: Attempt): Promise<GraphResponse<T>> {
		const url = request.url ?? `${this.settings.graphBaseUrl}/${GRAPH_VERSION}${String(request.path)}${queryString(request.query)}`;
		const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
		let body: string | Buffer | undefined;
		if (request.rawBody !== undefined) {
			body = request.rawBody;
			headers['Content-Type'] = request.contentType ?? 'application/octet-stream';
		} else if (request.body !== undefined) {
			body = JSON.stringify(request.body);
			headers['Content-Type'] = 'application/json';
		}
		if (request.preAuthenticated && !this.unauthenticatedTransport) {
			throw operationError(this.node, CLIENT_TEXTS.needsUploadTransport, undefined, request.itemIndex);
		}
		const laneKey = this.laneKey(request.mailbox);
		const lane = request.preAuthenticated ? undefined : this.runtime.lanes.lane(laneKey);
		// Whether it sends mail is decided from the request itself, once: such a request is retried only when
		// Graph says it was not processed, and never travels in a $batch (a lost batch answer would leave its
		// outcome unknown).
		const sending = !request.preAuthenticated && sendsMail(request.method, String(request.path));
		const batchable =
			!sending && !request.stream && request.rawBody === undefined && headers.Accept === 'application/json';

		let retriesDone = 0;
		let tokenRefreshed = false;
		for (;;) {
			const httpRequest = {
				method: request.method,
				url,
				headers,
				body,
				timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
				stream: request.stream,
				maxResponseBytes: request.maxResponseBytes ?? (request.stream ? MAX_DOWNLOAD_BYTES : MAX_JSON_RESPONSE_BYTES),
			};
			const result =
				request.preAuthenticated && this.unauthenticatedTransport
					? await this.unauthenticatedTransport(httpRequest)
					: await this.scheduler.send(httpRequest, laneKey, batchable).catch((error: unknown) => {
							throw error instanceof GateClosedError ? this.gateClosedTooLong(request, error.retryAfterMs) : error;
						});
			const response = isNetworkFailure(result) ? undefined : result;
			if (response && response.status >= 300 && response.status < 400) throw this.redirectRefused(request, url, response);
			if (response?.truncated) throw this.answerTooLarge(request, httpRequest.maxResponseBytes);
			if (response && response.status < 300) {
				lane?.succeeded();
				return this.answer<T>(request, response);
			}
			const outcome: AttemptOutcome = response
				? { kind: 'status', status: response.status, retryAfter: response.headers['retry-after'] }
				: { kind: 'network', code: (result as NetworkFailure).networkError };

			if (response?.status === 401 && !tokenRefreshed && !request.preAuthenticated) {
				// An expired or revoked token: one fresh token and one retry, whatever the retry mode.
				tokenRefreshed = true;
				invalidateToken(this.settings);
				continue;
			}

			const decision = decideRetry({
				options: this.settings.retry,
				retriesDone,
				outcome,
				sendsMail: sending,
				nowMs: this.runtime.now(),
			});
			// A throttled mailbox is left alone by every request until it recovers: the gate does the waiting.
			const throttledForMs = lane ? this.throttleWaitMs(outcome, decision) : undefined;
			if (throttledForMs !== undefined) lane?.throttled(throttledForMs);
			if (decision.retry) {
				retriesDone++;
				this.logger?.debug(
					`Graph ${request.method} ${request.path}: ${describeOutcome(outcome)}; retry ${retriesDone} of ${this.settings.retry.limit} in ${decision.delayMs} ms`,
				);
				if (throttledForMs === undefined) await this.runtime.sleep(decision.delayMs);
				continue;
			}
			throw await this.failure(request, outcome, response, decision, retriesDone);
		}
	}

	/**
	 * Every item of a collection, following `@odata.nextLink` verbatim. Asks for pages of up to 1000
	 * (`$top`), so N items cost ceil(N / 1000) requests; stops once `limit` items are collected.
	 */
	async paginate<T = Record<string, unknown>>(
		request: GraphRequest,
		options: { limit?: number; pageSize?: number } = {},
	): Promise<T[]> {
		const items: T[] = [];
		for await (const page of this.pages<T>(request, options)) {
			items.push(...page);
			if (options.limit !== undefined && items.length >= options.limit) return items.slice(0, options.limit);
		}
		return items;
	}

	/** Pages of a collection, one request each, for callers that stop early or stream. */
	async *pages<T = Record<string, unknown>>(
		request: GraphRequest,
		options: { limit?: number; pageSize?: number } = {},
	): AsyncGenerator<T[]> {
		const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE, options.limit ?? Infinity);
		let next: string | undefined = this.url(request.path, { ...request.query, $top: pageSize });
		const followed = new Set<string>();
		for (let page = 0; next !== undefined; page++) {
			if (followed.has(next)) {
				throw operationError(
					this.node,
					CLIENT_TEXTS.sameLinkTwice(String(request.path)),
					undefined,
					request.itemIndex,
				);
			}
			followed.add(next);
			if (page >= MAX_PAGES) {
				throw operationError(
					this.node,
					CLIENT_TEXTS.tooManyPages(MAX_PAGES, String(request.path)),
					undefined,
					request.itemIndex,
				);
			}
			const response: GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }> = await this.sendAttempt({
				...request,
				url: next,
				mailbox: request.path.mailbox,
			});
			yield response.body?.value ?? [];
			next = this.checkNextLink(response.body?.['@odata.nextLink'], request);
		}
	}

	/**
	 * A link Graph handed back must stay on Graph's origin (so the token never leaves Graph) and under the
	 * mailbox, or the collection, the request addressed (so it never reads another mailbox).
	 */
	checkNextLink(link: string | undefined, request: Pick<GraphRequest, 'path' | 'itemIndex'>): string | undefined {
		if (link === undefined) return undefined;
		const checked = checkLink(link, String(request.path), this.settings.graphBaseUrl, GRAPH_VERSION);
		if (checked.ok) return checked.url;
		const messages: Record<LinkProblem['reason'], string> = {
			notUrl: CLIENT_TEXTS.linkNotUrl,
			otherOrigin: CLIENT_TEXTS.linkOtherOrigin(checked.host ?? ''),
			otherScope: CLIENT_TEXTS.linkOtherScope(String(request.path).split('/').slice(0, 3).join('/')),
		};
		throw operationError(this.node, messages[checked.reason], undefined, request.itemIndex);
	}

	/**
	 * Uploads a file to an upload session's URL in chunks of 12 x 320 KiB (under Graph's 4 MB, a multiple of
	 * 320 KiB as Graph asks), each with its Content-Range. The chunks are read one at a time from `source`,
	 * so memory holds one chunk, whatever the file's size. The URL is pre-authenticated: the token is never
	 * sent with it.
	 */
	async uploadToSession(
		uploadUrl: string,
		source: UploadSource,
		context: { mailbox?: string; itemIndex?: number } = {},
	): Promise<GraphResponse> {
		const url = this.checkUploadUrl(uploadUrl, context.itemIndex);
		let start = 0;
		let last: GraphResponse | undefined;
		for await (const chunk of source.chunks(UPLOAD_CHUNK_BYTES)) {
			const end = start + chunk.length - 1;
			last = await this.sendAttempt<{ nextExpectedRanges?: string[]; NextExpectedRanges?: string[] }>({
				method: 'PUT',
				path: new URL(url).pathname,
				url,
				preAuthenticated: true,
				rawBody: chunk,
				headers: { 'Content-Range': `bytes ${start}-${end}/${source.size}` },
				mailbox: context.mailbox,
				itemIndex: context.itemIndex,
			});
			start = end + 1;
			// Outlook names the next byte it expects (some clouds spell it NextExpectedRanges); it must be ours.
			const body = last.body as { nextExpectedRanges?: string[]; NextExpectedRanges?: string[] } | undefined;
			const next = (body?.nextExpectedRanges ?? body?.NextExpectedRanges)?.[0];
			if (next !== undefined && start < source.size && Number.parseInt(next, 10) !== start) {
				throw operationError(
					this.node,
					CLIENT_TEXTS.uploadExpects(next, start),
					undefined,
					context.itemIndex,
				);
			}
		}
		if (!last || start !== source.size) {
			throw operationError(this.node, CLIENT_TEXTS.uploadShort(start, source.size), undefined, context.itemIndex);
		}
		// Graph holds the file once it answers the last chunk 201; an answer still naming bytes it expects did not.
		const body = last.body as { nextExpectedRanges?: unknown; NextExpectedRanges?: unknown } | undefined;
		const expected = body?.nextExpectedRanges ?? body?.NextExpectedRanges;
		if (last.status !== 201 && Array.isArray(expected) && expected.length > 0) {
			throw operationError(
				this.node,
				CLIENT_TEXTS.uploadUnfinished(String(expected[0]), source.size),
				undefined,
				context.itemIndex,
			);
		}
		return last;
	}

	/** Upload URLs come from Graph; they must still be https (or loopback http in tests). */
	private checkUploadUrl(uploadUrl: unknown, itemIndex?: number): string {
		let url: URL | undefined;
		try {
			url = new URL(String(uploadUrl));
		} catch {
			url = undefined;
		}
		const loopback = url?.protocol === 'http:' && isLoopbackHost(url.hostname);
		if (!url || (url.protocol !== 'https:' && !loopback)) {
			throw operationError(this.node, CLIENT_TEXTS.uploadUrlNotHttps, undefined, itemIndex);
		}
		return url.toString();
	}

	/** A 2xx answer as the caller expects it: a stream, or JSON checked to be JSON. */
	private answer<T>(request: Attempt, response: HttpResponse): GraphResponse<T> {
		const base = { status: response.status, headers: response.headers, raw: response.body };
		if (response.stream) return { ...base, body: undefined as T, stream: response.stream };
		const json = readJsonAnswer(response.body, response.headers);
		if (!json.ok) {
			throw operationError(
				this.node,
				CLIENT_TEXTS.notJson(response.status, request.method, String(request.path), json.problem),
				CLIENT_TEXTS.notJsonHint,
				request.itemIndex,
				{ cause: 'temporarily-unavailable' },
			);
		}
		return { ...base, body: json.value as T };
	}

	private redirectRefused(request: Attempt, url: string, response: HttpResponse) {
		const target = redirectTarget(response.headers.location, url);
		const who = request.preAuthenticated ? 'The upload URL' : 'Graph';
		return operationError(
			this.node,
			CLIENT_TEXTS.redirect(who, request.method, String(request.path), response.status, target),
			CLIENT_TEXTS.redirectHint,
			request.itemIndex,
		);
	}

	private answerTooLarge(request: Attempt, limit: number) {
		return operationError(
			this.node,
			CLIENT_TEXTS.tooLarge(request.method, String(request.path), formatBytes(limit)),
			CLIENT_TEXTS.tooLargeHint,
			request.itemIndex,
		);
	}

	/** How long a 429, or a 503 with Retry-After, closes the mailbox's gate; undefined for other outcomes. */
	private throttleWaitMs(outcome: AttemptOutcome, decision: RetryDecision): number | undefined {
		if (outcome.kind !== 'status') return undefined;
		const retryAfterMs = parseRetryAfter(outcome.retryAfter, this.runtime.now());
		if (outcome.status !== 429 && !(outcome.status === 503 && retryAfterMs !== undefined)) return undefined;
		return retryAfterMs ?? (decision.retry ? decision.delayMs : this.settings.retry.baseDelayMs);
	}

	private gateClosedTooLong(request: Attempt, retryAfterMs: number) {
		return operationError(
			this.node,
			CLIENT_TEXTS.gateClosed(retryAfterMs, this.settings.retry.maxRetryAfterMs),
			undefined,
			request.itemIndex,
			{ cause: 'rate-limited', retryAfterMs },
		);
	}

	private async failure(
		request: Attempt,
		outcome: AttemptOutcome,
		response: HttpResponse | undefined,
		decision: Extract<RetryDecision, { retry: false }>,
		retriesDone: number,
	) {
		const { itemIndex } = request;
		if (decision.reason === 'sendOutcomeUnknown') {
			return operationError(
				this.node,
				CLIENT_TEXTS.mayHaveBeenSent(describeOutcome(outcome)),
				CLIENT_TEXTS.mayHaveBeenSentHint,
				itemIndex,
			);
		}
		if (decision.reason === 'retryAfterTooLong') {
			return operationError(
				this.node,
				CLIENT_TEXTS.retryAfterTooLong(decision.retryAfterMs ?? 0, this.settings.retry.maxRetryAfterMs),
				undefined,
				itemIndex,
				{ cause: 'rate-limited', retryAfterMs: decision.retryAfterMs },
			);
		}
		const tries = CLIENT_TEXTS.gaveUp(retriesDone);
		if (outcome.kind === 'network' || !response) {
			return operationError(
				this.node,
				CLIENT_TEXTS.noAnswer(request.method, String(request.path), describeOutcome(outcome), tries),
				CLIENT_TEXTS.noAnswerHint,
				itemIndex,
				{ cause: 'temporarily-unavailable' },
			);
		}
		const failure = await this.describeFailure(request, response);
		const error = graphFailureToNodeError(this.node, failure, itemIndex);
		if (tries) error.description = `${error.description ?? ''} ${CLIENT_TEXTS.gaveUpSentence(tries)}`.trim();
		return error;
	}

	private async describeFailure(request: Attempt, response: HttpResponse): Promise<GraphFailure> {
		const error = readGraphError(response.body);
		const failure: GraphFailure = {
			status: response.status,
			code: error.code ?? `HTTP ${response.status}`,
			graphMessage: error.message ?? '',
			requestId: response.headers['request-id'] ?? error.requestId,
			method: request.method,
			path: String(request.path),
			mailbox: request.mailbox,
			ids: typeof request.path === 'string' ? undefined : request.path.ids.map((id) => ({ field: id.field, value: printable(id.value) })),
			retryAfterMs: parseRetryAfter(response.headers['retry-after'], this.runtime.now()),
		};
		if (response.status === 403) {
			// Explain with the permissions the token really carries, not a guess.
			try {
				failure.grantedRoles = grantedRoles((await acquireToken(this.settings)).accessToken);
			} catch {
				failure.grantedRoles = undefined;
			}
		}
		return failure;
	}
}

function describeOutcome(outcome: AttemptOutcome): string {
	return outcome.kind === 'network'
		? (NETWORK_FAILURES[outcome.code] ?? CLIENT_TEXTS.outcomeNoAnswer)
		: CLIENT_TEXTS.outcomeStatus(outcome.status);
}

/** The Graph client for a node execution, poll or list search, on the node's credential. */
export async function createGraphClient(
	context: GraphContext,
	options: { batching?: boolean } = {},
): Promise<GraphClient> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	let settings: GraphSettings;
	try {
		settings = readSettings(credentials);
	} catch (error) {
		throw credentialError(context.getNode(), (error as Error).message);
	}
	return new GraphClient({
		node: context.getNode(),
		settings,
		transport: n8nTransport(context),
		unauthenticatedTransport: n8nUnauthenticatedTransport(context),
		batching: options.batching,
		logger: context.logger,
	});
}
