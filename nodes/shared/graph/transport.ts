/**
 * How the Graph client reaches the network: n8n's own HTTP helpers, which apply the credential's
 * `authenticate` (the bearer token), n8n's proxy settings and its SSRF rules. Status errors are not
 * thrown (`ignoreHttpStatusErrors`), so the client alone decides what a status means and when to retry.
 */
import { Readable, Transform } from 'node:stream';
import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { CLIENT_TEXTS } from './errorTexts';
import { credentialError, CredentialSettingsError } from './errors';
import { CREDENTIAL_TYPE, type GraphSettings } from './settings';
import { acquireToken, TokenAcquisitionError } from './token';

export interface HttpRequest {
	method: IHttpRequestMethods;
	url: string;
	headers: Record<string, string>;
	body?: Buffer | string;
	timeoutMs: number;
	/** Hand a successful response's body over as a stream instead of reading it into memory. */
	stream?: boolean;
	/** The most bytes of the answer read (or streamed); beyond it the answer is cut off and marked `truncated`. */
	maxResponseBytes: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	/** The body read into memory: always for an error status, and unless a stream was asked for. */
	body: Buffer;
	/** The body, unread, when a stream was asked for and the status is 2xx; it fails once it passes the cap. */
	stream?: Readable;
	/** The answer was longer than `maxResponseBytes`: `body` holds only its beginning. */
	truncated?: boolean;
}

/** The request got no HTTP answer (reset, timeout, refused): just the code, no request details, so no token. */
export interface NetworkFailure {
	networkError: string;
}

export type TransportResult = HttpResponse | NetworkFailure;

export function isNetworkFailure(result: TransportResult): result is NetworkFailure {
	return 'networkError' in result;
}

/** Sends one authenticated request; resolves with the response for every HTTP status, or the network failure. */
export type HttpTransport = (request: HttpRequest) => Promise<TransportResult>;

export type GraphContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

function normalizeHeaders(headers: FullResponse['headers'] | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value === undefined) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

function asBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
}

const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

/** The credential or token problem behind an error n8n wrapped around our `authenticate`, if any. */
function credentialProblem(error: unknown): Error | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
		if (current instanceof TokenAcquisitionError || current instanceof CredentialSettingsError) return current;
		current = current.cause;
	}
	return undefined;
}

/** The network error code, found on the error or its causes; never the error's other fields. */
export function networkErrorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			return TIMEOUT_CODES.includes(candidate.code) ? 'ETIMEDOUT' : candidate.code;
		}
		if (typeof candidate.message === 'string') {
			if (/timeout/i.test(candidate.message)) return 'ETIMEDOUT';
			if (/socket hang up/i.test(candidate.message)) return 'ECONNRESET';
		}
		current = candidate.cause;
	}
	return 'ENETWORK';
}

/**
 * Redirects are never followed: a request carrying the token (or a pre-authenticated URL) must not be re-sent
 * to wherever a 3xx points; the client refuses the answer instead. Bodies always come as a stream, so the
 * transport, not the HTTP library, decides how much of an answer is read.
 */
function n8nRequestOptions(request: HttpRequest): IHttpRequestOptions {
	return {
		method: request.method,
		url: request.url,
		headers: request.headers,
		body: request.body,
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: request.timeoutMs,
	};
}

/** Reads a body up to `limit` bytes; a longer one is cut off there and its stream destroyed. */
async function readCapped(stream: Readable, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.from(chunk as Buffer);
		if (length + buffer.length > limit) {
			chunks.push(buffer.subarray(0, limit - length));
			stream.destroy();
			return { body: Buffer.concat(chunks), truncated: true };
		}
		chunks.push(buffer);
		length += buffer.length;
	}
	return { body: Buffer.concat(chunks), truncated: false };
}

export class ResponseTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(CLIENT_TEXTS.streamTooLarge(formatBytes(limit)));
		this.name = 'ResponseTooLargeError';
	}
}

export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Passes a stream through, failing it with ResponseTooLargeError once more than `limit` bytes went by. */
function capStream(stream: Readable, limit: number): Readable {
	let length = 0;
	const capped = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			length += chunk.length;
			done(length > limit ? new ResponseTooLargeError(limit) : null, length > limit ? undefined : chunk);
		},
	});
	stream.on('error', (error) => capped.destroy(error));
	return stream.pipe(capped);
}

export async function fromFullResponse(response: FullResponse, request: Pick<HttpRequest, 'stream' | 'maxResponseBytes'>): Promise<HttpResponse> {
	const status = response.statusCode;
	const headers = normalizeHeaders(response.headers);
	const body = response.body instanceof Readable ? response.body : Readable.from([asBuffer(response.body)]);
	if (request.stream && status >= 200 && status < 300) {
		return { status, headers, body: Buffer.alloc(0), stream: capStream(body, request.maxResponseBytes) };
	}
	return { status, headers, ...(await readCapped(body, request.maxResponseBytes)) };
}

/** Transport for node executions, polls and list searches: n8n applies the credential's bearer token. */
export function n8nTransport(context: GraphContext): HttpTransport {
	return async (request) => {
		try {
			return await fromFullResponse(
				(await context.helpers.httpRequestWithAuthentication.call(
					context,
					CREDENTIAL_TYPE,
					n8nRequestOptions(request),
				)) as FullResponse,
				request,
			);
		} catch (error) {
			const problem = credentialProblem(error);
			if (problem) throw credentialError(context.getNode(), problem.message);
			return { networkError: networkErrorCode(error) };
		}
	};
}

/**
 * Transport for pre-authenticated URLs that Graph hands out (attachment upload sessions): n8n's plain
 * `httpRequest`, so the bearer token is never attached; such a URL is on another host and carries its own.
 */
export function n8nUnauthenticatedTransport(context: GraphContext): HttpTransport {
	return async (request) => {
		try {
			return await fromFullResponse((await context.helpers.httpRequest(n8nRequestOptions(request))) as FullResponse, request);
		} catch (error) {
			return { networkError: networkErrorCode(error) };
		}
	};
}

/** What n8n's credential-test context offers instead of httpRequest: its legacy request helper. */
export type LegacyRequest = (options: object) => Promise<unknown>;

/**
 * Transport for Test Connection. n8n gives a credential test only `helpers.request` and does not apply
 * the credential's `authenticate` there, so the bearer token is added here, from the same token cache.
 */
export function credentialTestTransport(request: LegacyRequest, settings: GraphSettings): HttpTransport {
	return async (httpRequest) => {
		const { method, url, headers, body, timeoutMs } = httpRequest;
		const { accessToken } = await acquireToken(settings);
		try {
			const response = (await request({
				method,
				uri: url,
				headers: { ...headers, Authorization: `Bearer ${accessToken}` },
				body,
				encoding: null,
				resolveWithFullResponse: true,
				simple: false,
				followRedirect: false,
				followAllRedirects: false,
				timeout: timeoutMs,
			})) as FullResponse;
			return await fromFullResponse(response, httpRequest);
		} catch (error) {
			return { networkError: networkErrorCode(error) };
		}
	};
}
