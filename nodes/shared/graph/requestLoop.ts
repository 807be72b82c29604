/**
 * One request, from the first attempt to its answer or its error: the mailbox's gate and slots (through the
 * scheduler, alone or in a `$batch`), one fresh token after a 401, the credential's retry policy with
 * `Retry-After` and the never-send-twice rule, the checks of what came back (no redirect, not too large, JSON
 * when JSON is expected), and the n8n error a failure becomes.
 */
import type { Readable } from 'node:stream';
import type { IHttpRequestMethods, INode, Logger } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import { MAX_DOWNLOAD_BYTES, MAX_JSON_RESPONSE_BYTES, printable, readGraphError, readJsonAnswer, redirectTarget } from './answers';
import type { MailboxScheduler } from './batch';
import { CLIENT_TEXTS, NETWORK_FAILURES } from './errorTexts';
import { graphFailureToNodeError, operationError, type GraphFailure } from './errors';
import { GateClosedError } from './lanes';
import type { GraphPath } from './paths';
import { redactNodeError, secretForms } from './redact';
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetryDecision } from './retry';
import type { GraphRuntime } from './runtime';
import { sendsMail } from './sendsMail';
import type { GraphSettings } from './settings';
import { acquireToken, grantedRoles, invalidateToken } from './token';
import { formatBytes, isNetworkFailure, type HttpRequest, type HttpResponse, type HttpTransport, type NetworkFailure } from './transport';

export const DEFAULT_TIMEOUT_MS = 120_000;

/** One request as the loop sends it: to an absolute URL, described by the path its errors name. */
export interface Attempt {
	method: IHttpRequestMethods;
	url: string;
	/** What errors name: the Graph path (its IDs too), or the path of a URL Graph handed out. */
	path: GraphPath | string;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, with `contentType` (instead of `body`). */
	rawBody?: Buffer;
	contentType?: string;
	headers?: Record<string, string>;
	/** Return a successful response's body as a stream (`GraphResponse.stream`), unread. */
	stream?: boolean;
	/** The most bytes of the answer to read or stream (default: 100 MB of JSON, 512 MB for a stream). */
	maxResponseBytes?: number;
	timeoutMs?: number;
	/** The URL carries its own authorization (an upload session): the token is never sent with it. */
	preAuthenticated?: boolean;
	/** The mailbox it concerns: its lane, and what errors name. */
	mailbox?: string;
	/** Input item it serves, stamped on its errors. */
	itemIndex?: number;
}

export interface GraphResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	body: T;
	raw: Buffer;
	/** The unread body, for a request that asked for a stream. */
	stream?: Readable;
}

export interface RequestLoopOptions {
	node: INode;
	settings: GraphSettings;
	scheduler: MailboxScheduler;
	/** For pre-authenticated URLs; requests that need it fail without it. */
	unauthenticatedTransport?: HttpTransport;
	runtime: GraphRuntime;
	logger?: Pick<Logger, 'debug' | 'warn'>;
}

function describeOutcome(outcome: AttemptOutcome): string {
	return outcome.kind === 'network'
		? (NETWORK_FAILURES[outcome.code] ?? CLIENT_TEXTS.outcomeNoAnswer)
		: CLIENT_TEXTS.outcomeStatus(outcome.status);
}

export class RequestLoop {
	private readonly secretForms: string[];

	constructor(private readonly options: RequestLoopOptions) {
		this.secretForms = secretForms(options.settings);
	}

	/** The error with every form of the credential's secret, and anything like a token, masked. */
	redact<E>(error: E): E {
		return error instanceof NodeError ? redactNodeError(error, this.secretForms) : error;
	}

	/** Sends one request; resolves with the full response for a 2xx status, throws an n8n error otherwise. */
	async send<T = unknown>(attempt: Attempt): Promise<GraphResponse<T>> {
		return await this.run<T>(attempt).catch((error: unknown) => {
			throw this.redact(error);
		});
	}

	/** The lane of a mailbox: one per app and mailbox in the process, whichever execution asks. */
	private laneKey(mailbox: string | undefined): string {
		const { graphBaseUrl, token, clientId } = this.options.settings;
		return [graphBaseUrl, token.tenant.toLowerCase(), clientId.toLowerCase(), (mailbox ?? '').toLowerCase()].join('\u0000');
	}

	private httpRequest(attempt: Attempt): HttpRequest {
		const headers: Record<string, string> = { Accept: 'application/json', ...attempt.headers };
		let body: string | Buffer | undefined;
		if (attempt.rawBody !== undefined) {
			body = attempt.rawBody;
			headers['Content-Type'] = attempt.contentType ?? 'application/octet-stream';
		} else if (attempt.body !== undefined) {
			body = JSON.stringify(attempt.body);
			headers['Content-Type'] = 'application/json';
		}
		return {
			method: attempt.method,
			url: attempt.url,
			headers,
			body,
			timeoutMs: attempt.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			stream: attempt.stream,
			maxResponseBytes: attempt.maxResponseBytes ?? (attempt.stream ? MAX_DOWNLOAD_BYTES : MAX_JSON_RESPONSE_BYTES),
		};
	}

	private async run<T>(attempt: Attempt): Promise<GraphResponse<T>> {
		const { settings, scheduler, unauthenticatedTransport, runtime, logger } = this.options;
		if (attempt.preAuthenticated && !unauthenticatedTransport) {
			throw operationError(this.options.node, CLIENT_TEXTS.needsUploadTransport, undefined, attempt.itemIndex);
		}
		const httpRequest = this.httpRequest(attempt);
		const laneKey = this.laneKey(attempt.mailbox);
		const lane = attempt.preAuthenticated ? undefined : runtime.lanes.lane(laneKey);
		// Whether it sends mail is decided from the request itself, once: such a request is retried only when
		// Graph says it was not processed, and never travels in a $batch (a lost batch answer would leave its
		// outcome unknown).
		const sending = !attempt.preAuthenticated && sendsMail(attempt.method, String(attempt.path));
		const batchable =
			!sending && !attempt.stream && attempt.rawBody === undefined && httpRequest.headers.Accept === 'application/json';

		let retriesDone = 0;
		let tokenRefreshed = false;
		for (;;) {
			const result =
				attempt.preAuthenticated && unauthenticatedTransport
					? await unauthenticatedTransport(httpRequest)
					: await scheduler.send(httpRequest, laneKey, batchable).catch((error: unknown) => {
							throw error instanceof GateClosedError ? this.gateClosedTooLong(attempt, error.retryAfterMs) : error;
						});
			const response = isNetworkFailure(result) ? undefined : result;
			if (response && response.status >= 300 && response.status < 400) throw this.redirectRefused(attempt, response);
			if (response?.truncated) throw this.answerTooLarge(attempt, httpRequest.maxResponseBytes);
			if (response && response.status < 300) {
				lane?.succeeded();
				return this.answer<T>(attempt, response);
			}
			const outcome: AttemptOutcome = response
				? { kind: 'status', status: response.status, retryAfter: response.headers['retry-after'] }
				: { kind: 'network', code: (result as NetworkFailure).networkError };

			if (response?.status === 401 && !tokenRefreshed && !attempt.preAuthenticated) {
				// An expired or revoked token: one fresh token and one retry, whatever the retry mode.
				tokenRefreshed = true;
				invalidateToken(settings);
				continue;
			}

			const decision = decideRetry({ options: settings.retry, retriesDone, outcome, sendsMail: sending, nowMs: runtime.now() });
			// A throttled mailbox is left alone by every request until it recovers: the gate does the waiting.
			const throttledForMs = lane ? this.throttleWaitMs(outcome, decision) : undefined;
			if (throttledForMs !== undefined) lane?.throttled(throttledForMs);
			if (decision.retry) {
				retriesDone++;
				logger?.debug(
					`Graph ${attempt.method} ${String(attempt.path)}: ${describeOutcome(outcome)}; retry ${retriesDone} of ${settings.retry.limit} in ${decision.delayMs} ms`,
				);
				if (throttledForMs === undefined) await runtime.sleep(decision.delayMs);
				continue;
			}
			throw await this.failure(attempt, outcome, response, decision, retriesDone);
		}
	}

	/** A 2xx answer as the caller expects it: a stream, or JSON checked to be JSON. */
	private answer<T>(attempt: Attempt, response: HttpResponse): GraphResponse<T> {
		const base = { status: response.status, headers: response.headers, raw: response.body };
		if (response.stream) return { ...base, body: undefined as T, stream: response.stream };
		const json = readJsonAnswer(response.body, response.headers);
		if (!json.ok) {
			throw operationError(
				this.options.node,
				CLIENT_TEXTS.notJson(response.status, attempt.method, String(attempt.path), json.problem),
				CLIENT_TEXTS.notJsonHint,
				attempt.itemIndex,
				{ cause: 'temporarily-unavailable' },
			);
		}
		return { ...base, body: json.value as T };
	}

	private redirectRefused(attempt: Attempt, response: HttpResponse) {
		const target = redirectTarget(response.headers.location, attempt.url);
		const who = attempt.preAuthenticated ? 'The upload URL' : 'Graph';
		return operationError(
			this.options.node,
			CLIENT_TEXTS.redirect(who, attempt.method, String(attempt.path), response.status, target),
			CLIENT_TEXTS.redirectHint,
			attempt.itemIndex,
		);
	}

	private answerTooLarge(attempt: Attempt, limit: number) {
		return operationError(
			this.options.node,
			CLIENT_TEXTS.tooLarge(attempt.method, String(attempt.path), formatBytes(limit)),
			CLIENT_TEXTS.tooLargeHint,
			attempt.itemIndex,
		);
	}

	/** How long a 429, or a 503 with Retry-After, closes the mailbox's gate; undefined for other outcomes. */
	private throttleWaitMs(outcome: AttemptOutcome, decision: RetryDecision): number | undefined {
		if (outcome.kind !== 'status') return undefined;
		const retryAfterMs = parseRetryAfter(outcome.retryAfter, this.options.runtime.now());
		if (outcome.status !== 429 && !(outcome.status === 503 && retryAfterMs !== undefined)) return undefined;
		return retryAfterMs ?? (decision.retry ? decision.delayMs : this.options.settings.retry.baseDelayMs);
	}

	private gateClosedTooLong(attempt: Attempt, retryAfterMs: number) {
		return operationError(
			this.options.node,
			CLIENT_TEXTS.gateClosed(retryAfterMs, this.options.settings.retry.maxRetryAfterMs),
			undefined,
			attempt.itemIndex,
			{ cause: 'rate-limited', retryAfterMs },
		);
	}

	private async failure(
		attempt: Attempt,
		outcome: AttemptOutcome,
		response: HttpResponse | undefined,
		decision: Extract<RetryDecision, { retry: false }>,
		retriesDone: number,
	) {
		const { node, settings } = this.options;
		const { itemIndex } = attempt;
		if (decision.reason === 'sendOutcomeUnknown') {
			return operationError(node, CLIENT_TEXTS.mayHaveBeenSent(describeOutcome(outcome)), CLIENT_TEXTS.mayHaveBeenSentHint, itemIndex);
		}
		if (decision.reason === 'retryAfterTooLong') {
			return operationError(
				node,
				CLIENT_TEXTS.retryAfterTooLong(decision.retryAfterMs ?? 0, settings.retry.maxRetryAfterMs),
				undefined,
				itemIndex,
				{ cause: 'rate-limited', retryAfterMs: decision.retryAfterMs },
			);
		}
		const tries = CLIENT_TEXTS.gaveUp(retriesDone);
		if (outcome.kind === 'network' || !response) {
			return operationError(
				node,
				CLIENT_TEXTS.noAnswer(attempt.method, String(attempt.path), describeOutcome(outcome), tries),
				CLIENT_TEXTS.noAnswerHint,
				itemIndex,
				{ cause: 'temporarily-unavailable' },
			);
		}
		const error = graphFailureToNodeError(node, await this.describeFailure(attempt, response), itemIndex);
		if (tries) error.description = `${error.description ?? ''} ${CLIENT_TEXTS.gaveUpSentence(tries)}`.trim();
		return error;
	}

	private async describeFailure(attempt: Attempt, response: HttpResponse): Promise<GraphFailure> {
		const error = readGraphError(response.body);
		const failure: GraphFailure = {
			status: response.status,
			code: error.code ?? `HTTP ${response.status}`,
			graphMessage: error.message ?? '',
			requestId: response.headers['request-id'] ?? error.requestId,
			method: attempt.method,
			path: String(attempt.path),
			mailbox: attempt.mailbox,
			ids: typeof attempt.path === 'string' ? undefined : attempt.path.ids.map((id) => ({ field: id.field, value: printable(id.value) })),
			retryAfterMs: parseRetryAfter(response.headers['retry-after'], this.options.runtime.now()),
		};
		if (response.status === 403) {
			// Explain with the permissions the token really carries, not a guess.
			try {
				failure.grantedRoles = grantedRoles((await acquireToken(this.options.settings)).accessToken);
			} catch {
				failure.grantedRoles = undefined;
			}
		}
		return failure;
	}
}
