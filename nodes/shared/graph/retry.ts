/**
 * The retry policy: the credential's Retry settings, normalised once, and one pure function that decides,
 * after each failed attempt, whether to try again and how long to wait first.
 *
 * Modes: `None` never retries; `RetryWhenStatusCodeMatch` retries a response whose status is in the list;
 * `RetryAny` retries any failed attempt (error status or network failure). A request that sends mail is
 * retried only when Graph says it did not process it (429, 503), whatever the mode allows; after a timeout,
 * a reset or another 5xx its outcome is unknown and it is never sent again.
 */
import { CREDENTIAL_TEXTS } from './credentialTexts';
import { CredentialSettingsError } from './errors';

export const RETRY_MODES = ['None', 'RetryAny', 'RetryWhenStatusCodeMatch'] as const;
export type RetryMode = (typeof RETRY_MODES)[number];

export interface RetryOptions {
	mode: RetryMode;
	/** Statuses retried in `RetryWhenStatusCodeMatch` mode. */
	statusCodes: number[];
	/** Retries after the first attempt, at most. */
	limit: number;
	/** Double the wait after each retry. */
	multiplyWaitTime: boolean;
	/** Wait before the first retry when Graph gives no `Retry-After`. */
	baseDelayMs: number;
	/** A `Retry-After` longer than this is not waited out: the attempt fails instead. */
	maxRetryAfterMs: number;
}

export const RETRY_DEFAULTS: Readonly<RetryOptions> = Object.freeze({
	mode: 'RetryWhenStatusCodeMatch',
	statusCodes: [429, 503],
	limit: 5,
	multiplyWaitTime: true,
	baseDelayMs: 1000,
	maxRetryAfterMs: 180_000,
});

/** Caps no credential can exceed (the Graph SDK's own: 10 retries, 180 s). */
export const RETRY_HARD_LIMITS = Object.freeze({ maxRetries: 10, maxDelayMs: 180_000 });

/** Statuses that mean Graph did not process the request, so a send may be retried. */
const NOT_PROCESSED_STATUSES = [429, 503];

export interface RawRetrySettings {
	mode?: unknown;
	statusCodeList?: unknown;
	countMax?: unknown;
	multiplyWaitTime?: unknown;
}

export function parseStatusCodeList(value: unknown): number[] {
	if (value === undefined || value === null) return [...RETRY_DEFAULTS.statusCodes];
	const text = String(value).trim();
	if (text === '') return [];
	return text.split('|').map((part) => {
		const trimmed = part.trim();
		const code = Number(trimmed);
		if (!/^\d{3}$/.test(trimmed) || code < 100 || code > 599) {
			throw new CredentialSettingsError(CREDENTIAL_TEXTS.statusCode(trimmed));
		}
		return code;
	});
}

function parseCountMax(value: unknown): number {
	if (value === undefined || value === null || value === '') return RETRY_DEFAULTS.limit;
	const count = Number(value);
	if (!Number.isInteger(count) || count < 0 || count > RETRY_HARD_LIMITS.maxRetries) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.countMax(RETRY_HARD_LIMITS.maxRetries, String(value)));
	}
	return count;
}

export function normalizeRetryOptions(raw: RawRetrySettings, overrides: Partial<RetryOptions> = {}): RetryOptions {
	const mode = raw.mode ?? RETRY_DEFAULTS.mode;
	if (!RETRY_MODES.includes(mode as RetryMode)) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.retryMode(String(mode)));
	}
	const defined = Object.fromEntries(
		Object.entries(overrides).filter(([, value]) => value !== undefined),
	) as Partial<RetryOptions>;
	return {
		...RETRY_DEFAULTS,
		mode: mode as RetryMode,
		statusCodes: parseStatusCodeList(raw.statusCodeList),
		limit: parseCountMax(raw.countMax),
		multiplyWaitTime: raw.multiplyWaitTime === undefined ? RETRY_DEFAULTS.multiplyWaitTime : raw.multiplyWaitTime !== false,
		...defined,
	};
}

/**
 * `Retry-After` as milliseconds: delay-seconds (fractional accepted) or an HTTP date.
 * Returns undefined for a missing or malformed value, so the computed wait applies instead.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	if (/^[+-]?\d/.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** How one attempt ended, as far as retrying is concerned. */
export type AttemptOutcome =
	| { kind: 'status'; status: number; retryAfter?: string }
	| { kind: 'network'; code: string };

export type RetryDecision =
	| { retry: true; delayMs: number; fromRetryAfter: boolean }
	| {
			retry: false;
			reason: 'notRetryable' | 'limitReached' | 'sendOutcomeUnknown' | 'retryAfterTooLong';
			/** For `retryAfterTooLong`: what Graph asked for. */
			retryAfterMs?: number;
	  };

export interface RetryQuestion {
	options: RetryOptions;
	/** Retries already made for this request (0 after the first attempt). */
	retriesDone: number;
	outcome: AttemptOutcome;
	/** The request sends mail: never risk sending it twice. */
	sendsMail: boolean;
	nowMs: number;
}

function sendOutcomeUnknown(outcome: AttemptOutcome): boolean {
	return outcome.kind === 'network' || (outcome.status >= 500 && outcome.status !== 503);
}

function modeAllows(options: RetryOptions, outcome: AttemptOutcome): boolean {
	switch (options.mode) {
		case 'None':
			return false;
		case 'RetryAny':
			return outcome.kind === 'network' || outcome.status >= 400;
		case 'RetryWhenStatusCodeMatch':
			return outcome.kind === 'status' && options.statusCodes.includes(outcome.status);
	}
}

/** The whole decision, in a fixed order: the send rule, the mode, the limit, then the wait. */
export function decideRetry({ options, retriesDone, outcome, sendsMail, nowMs }: RetryQuestion): RetryDecision {
	if (sendsMail) {
		if (sendOutcomeUnknown(outcome)) return { retry: false, reason: 'sendOutcomeUnknown' };
		if (outcome.kind === 'status' && !NOT_PROCESSED_STATUSES.includes(outcome.status)) {
			return { retry: false, reason: 'notRetryable' };
		}
	}
	if (!modeAllows(options, outcome)) return { retry: false, reason: 'notRetryable' };
	if (retriesDone >= options.limit) return { retry: false, reason: 'limitReached' };

	const retryAfterMs = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, nowMs) : undefined;
	if (retryAfterMs !== undefined) {
		if (retryAfterMs > Math.min(options.maxRetryAfterMs, RETRY_HARD_LIMITS.maxDelayMs)) {
			return { retry: false, reason: 'retryAfterTooLong', retryAfterMs };
		}
		return { retry: true, delayMs: retryAfterMs, fromRetryAfter: true };
	}
	const factor = options.multiplyWaitTime ? 2 ** retriesDone : 1;
	return {
		retry: true,
		delayMs: Math.min(options.baseDelayMs * factor, RETRY_HARD_LIMITS.maxDelayMs),
		fromRetryAfter: false,
	};
}
