import type { Principal, Signer } from '../auth/tokens';
import type { DeltaTokens } from '../state/delta';
import type { FaultTable } from '../state/faults';
import type { Store, User } from '../state/store';
import type { Subscriptions } from '../state/subscriptions';
import type { Webhooks } from './webhooks';
import type { MailboxThrottle } from '../state/throttle';
import type { UploadSessions } from '../state/uploads';

/** What handlers receive and return. Handlers never touch node:http; server.ts turns results into responses. */

export interface RequestRecord {
	/**
	 * `upload`: a PUT or DELETE on an upload session's URL (Outlook's origin, not Graph's). `batch`: the HTTP
	 * request `POST /v1.0/$batch`; each of its sub-requests is logged right after it as a `graph` record with
	 * `batchId` and `batchRequestId`, in the order of the batch's `requests` array.
	 */
	kind: 'token' | 'graph' | 'discovery' | 'control' | 'upload' | 'batch';
	method: string;
	/** The request-target exactly as received, undecoded; for a sub-request, `/v1.0` + its `url` as given. */
	rawUrl: string;
	/** The decoded pathname (each segment percent-decoded, dot segments kept as sent). */
	path: string;
	/** Decoded query parameters (the last value wins when a name repeats). */
	query: Record<string, string>;
	/**
	 * Request headers, lower-case names, values as sent (Authorization included: tests check tokens). For a
	 * sub-request: its own headers, plus the outer request's Authorization it ran with.
	 */
	headers: Record<string, string>;
	/**
	 * Parsed JSON, the token form as an object, the raw text, or undefined when there was no body. Also undefined
	 * when the body is binary (upload chunks) or longer than the log's limit (64 KiB by default): see bodyLength.
	 */
	body: unknown;
	/** The request body's length in bytes (0 when there was none). */
	bodyLength: number;
	/** Response status; 0 while in progress or when the connection was reset. */
	status: number;
	/**
	 * Emulator clock (ms) when the request arrived and when its answer was written. For a sub-request: when it
	 * started running (after its dependencies, and its turn for a mailbox slot) and when it gave its slot back.
	 */
	startedAt: number;
	endedAt: number;
	/** The resolved user id, for requests to a mailbox or user (also when a fault rule answered instead). */
	mailbox?: string;
	/** A `$batch` and its sub-requests: the batch's request-id (the outer response's `request-id` header). */
	batchId?: string;
	/** A sub-request of a `$batch`: its `id` in the batch. */
	batchRequestId?: string;
}

/** Whether a record is an HTTP request to Graph: a `$batch`, or a Graph request sent alone (not a sub-request of one). */
export function isGraphHttpRequest(record: RequestRecord): boolean {
	return record.kind === 'batch' || (record.kind === 'graph' && record.batchRequestId === undefined);
}

export interface IncomingRequest {
	method: string;
	rawUrl: string;
	/** The path part of rawUrl, undecoded. */
	rawPathname: string;
	/** Decoded path segments; a segment that decodes to something containing '/' stays one segment. */
	segments: string[];
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON or text (the log's body, before any size limit); for upload requests, the raw Buffer. */
	body: unknown;
	/** The body exactly as received. */
	rawBody: Buffer;
}

export interface HandlerResult {
	status: number;
	/** JSON value, a string, or a Buffer sent as is (then the result sets its own Content-Type). */
	body?: unknown;
	headers?: Record<string, string>;
}

/** The emulator's parts, shared by every handler. */
export interface Services {
	store: Store;
	now: () => number;
	signer: Signer;
	baseUrl: string;
	/** Origin of upload session URLs: the same server under another host name (localhost), as Outlook is to Graph. */
	uploadBaseUrl: string;
	uploads: UploadSessions;
	faults: FaultTable;
	throttle: MailboxThrottle;
	/** Delta query state: rounds, skip and delta tokens. */
	delta: DeltaTokens;
	/** Change-notification subscriptions, and the webhooks they post to. */
	subscriptions: Subscriptions;
	webhooks: Webhooks;
	/** Live subscriptions a mailbox may have, all apps together (Graph: 1,000). */
	maxSubscriptionsPerMailbox: number;
	requests: RequestRecord[];
	reset(): void;
}

export interface GraphContext {
	request: IncomingRequest;
	/** Decoded path parameters by name ({user}, {folder}, {message}...), as written in the URL. */
	params: Record<string, string>;
	principal: Principal;
	/** The user named by {user}, already resolved in the token's tenant. */
	user: User;
	services: Services;
}

export type GraphHandler = (context: GraphContext) => HandlerResult;

/** What a handler of a route outside any one user (`/users`, `/groups/...`, `/subscriptions`, `/admin/...`) gets. */
export interface TenantContext {
	request: IncomingRequest;
	params: Record<string, string>;
	principal: Principal;
	services: Services;
}

/** May be async: a subscription waits for the webhook's validation handshake before it answers. */
export type TenantHandler = (context: TenantContext) => HandlerResult | Promise<HandlerResult>;
export type PlainHandler = (request: IncomingRequest, params: Record<string, string>, services: Services) => HandlerResult;
