import type { Principal, Signer } from './auth';
import type { FaultTable } from './faults';
import type { Store, User } from './store';
import type { MailboxThrottle } from './throttle';

/** What handlers receive and return. Handlers never touch node:http; server.ts turns results into responses. */

export interface RequestRecord {
	kind: 'token' | 'graph' | 'discovery' | 'control';
	method: string;
	/** The request-target exactly as received, undecoded. */
	rawUrl: string;
	/** The decoded pathname (each segment percent-decoded, dot segments kept as sent). */
	path: string;
	/** Decoded query parameters (the last value wins when a name repeats). */
	query: Record<string, string>;
	/** Request headers, lower-case names, values as sent (Authorization included: tests check tokens). */
	headers: Record<string, string>;
	/** Parsed JSON, the token form as an object, the raw text, or undefined when there was no body. */
	body: unknown;
	/** Response status; 0 while in progress or when the connection was reset. */
	status: number;
	/** Emulator clock (ms) when the request arrived and when its answer was written. */
	startedAt: number;
	endedAt: number;
	/** The resolved user id, for requests to a mailbox or user. */
	mailbox?: string;
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
	body: unknown;
}

export interface HandlerResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** The emulator's parts, shared by every handler. */
export interface Services {
	store: Store;
	now: () => number;
	signer: Signer;
	baseUrl: string;
	faults: FaultTable;
	throttle: MailboxThrottle;
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
export type PlainHandler = (request: IncomingRequest, params: Record<string, string>, services: Services) => HandlerResult;
