/**
 * The one Graph client: every node of this package reaches Graph through it. A thin facade over the parts that
 * do the work, one job each: `requestLoop.ts` (one request: gate and slots, token refresh, retries, answer checks,
 * errors), `batch.ts` (the mailbox scheduler and `$batch`), `pager.ts` (following links), `upload.ts` (upload
 * sessions). Operations give it a method, a `GraphPath`, a query and a body; nothing more.
 */
import type { IHttpRequestMethods, INode, Logger } from 'n8n-workflow';

import { MailboxScheduler } from './batch';
import { credentialError } from './errors';
import { followLinks, type Page, type PagerOptions } from './pager';
import { queryString, type GraphPath } from './paths';
import { DEFAULT_TIMEOUT_MS, RequestLoop, type Attempt, type GraphResponse } from './requestLoop';
import { RETRY_HARD_LIMITS } from './retry';
import { graphRuntime, runtimeOn, type GraphRuntime } from './runtime';
import type { Clock } from './lanes';
import { CREDENTIAL_TYPE, readSettings, type GraphSettings } from './settings';
import { mailboxId } from './text';
import { n8nTransport, n8nUnauthenticatedTransport, type GraphContext, type HttpTransport } from './transport';
import { uploadToSession, type UploadSource } from './upload';

export type { GraphResponse } from './requestLoop';
export type { Page } from './pager';
export type { UploadSource } from './upload';
export { UPLOAD_CHUNK_BYTES } from './upload';

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
/** Graph's largest page for messages and folders. */
export const MAX_PAGE_SIZE = 1000;

export class GraphClient {
	readonly settings: GraphSettings;
	private readonly node: INode;
	private readonly runtime: GraphRuntime;
	private readonly loop: RequestLoop;

	constructor(options: GraphClientOptions) {
		this.node = options.node;
		this.settings = options.settings;
		this.runtime = options.runtime ?? graphRuntime();
		const scheduler = new MailboxScheduler(options.transport, {
			versionUrl: `${options.settings.graphBaseUrl}/${GRAPH_VERSION}`,
			batching: options.batching === true,
			timeoutMs: DEFAULT_TIMEOUT_MS,
			lanes: this.runtime.lanes,
			maxGateWaitMs: Math.min(options.settings.retry.maxRetryAfterMs, RETRY_HARD_LIMITS.maxDelayMs),
		});
		this.loop = new RequestLoop({
			node: options.node,
			settings: options.settings,
			scheduler,
			unauthenticatedTransport: options.unauthenticatedTransport,
			runtime: this.runtime,
			logger: options.logger,
		});
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

	/** The client's clock (epoch ms): the process's, or a test's virtual one. */
	now(): number {
		return this.runtime.now();
	}

	/** Sends one request and returns the parsed JSON body (undefined for 204). */
	async request<T = unknown>(request: GraphRequest): Promise<T> {
		return (await this.send<T>(request)).body;
	}

	/** Sends one request; resolves with the full response for a 2xx status, throws an n8n error otherwise. */
	async send<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
		return await this.loop.send<T>(this.attempt(request, this.url(request.path, request.query)));
	}

	/** The error with every form of the credential's secret, and anything like a token, masked. */
	redact<E>(error: E): E {
		return this.loop.redact(error);
	}

	private attempt(request: GraphRequest, url: string): Attempt {
		return { ...request, url, mailbox: request.path.mailbox };
	}

	/**
	 * Pages of a collection, or of a delta round, one request each. A collection starts at `path` + `query` with
	 * `$top` pages of up to 1000 (so N items cost ceil(N / 1000) requests); a delta round, or a round left off,
	 * starts at the link given as `from`. See `pager.ts` for what links are followed.
	 */
	pages<T = Record<string, unknown>>(
		request: GraphRequest,
		options: { limit?: number; pageSize?: number; from?: string } & Pick<PagerOptions, 'acceptLink' | 'stopBy'> = {},
	): AsyncGenerator<Page<T>> {
		const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE, options.limit ?? Infinity);
		const first = options.from ?? this.url(request.path, { ...request.query, $top: pageSize });
		const context = {
			node: this.node,
			graphBaseUrl: this.settings.graphBaseUrl,
			version: GRAPH_VERSION,
			now: () => this.runtime.now(),
			fetch: async (url: string) => await this.loop.send<undefined>(this.attempt(request, url)),
		};
		return followLinks<T>(context, { path: request.path, first, itemIndex: request.itemIndex, acceptLink: options.acceptLink, stopBy: options.stopBy });
	}

	/** Every item of a collection, following `@odata.nextLink`; stops once `limit` items are collected. */
	async paginate<T = Record<string, unknown>>(
		request: GraphRequest,
		options: { limit?: number; pageSize?: number } = {},
	): Promise<T[]> {
		const items: T[] = [];
		for await (const page of this.pages<T>(request, options)) {
			items.push(...page.items);
			if (options.limit !== undefined && items.length >= options.limit) return items.slice(0, options.limit);
		}
		return items;
	}

	/** Uploads a file to an upload session's URL (see `upload.ts`); the token is never sent with it. */
	async uploadToSession(
		uploadUrl: string,
		source: UploadSource,
		context: { mailbox?: string; itemIndex?: number } = {},
	): Promise<GraphResponse> {
		return await uploadToSession(this.loop, this.node, uploadUrl, source, context);
	}
}

/**
 * The Graph client for a node execution, poll or list search, on the node's credential. `runtime` (tests): a
 * clock (`now`, `sleep`) and, optionally, the mailbox lanes to use instead of the process's.
 */
export async function createGraphClient(
	context: GraphContext,
	options: { batching?: boolean; runtime?: GraphRuntime | Clock } = {},
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
		runtime: options.runtime === undefined ? undefined : runtimeOn(options.runtime),
		logger: context.logger,
	});
}
