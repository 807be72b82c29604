import { CredentialSettingsError } from '../../../nodes/shared/graph/errors';
import {
	decideRetry,
	normalizeRetryOptions,
	parseRetryAfter,
	parseStatusCodeList,
	RETRY_DEFAULTS,
	type AttemptOutcome,
	type RetryOptions,
} from '../../../nodes/shared/graph/retry';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function options(raw: Parameters<typeof normalizeRetryOptions>[0] = {}): RetryOptions {
	return normalizeRetryOptions(raw);
}

const status = (code: number, retryAfter?: string): AttemptOutcome => ({ kind: 'status', status: code, retryAfter });
const reset: AttemptOutcome = { kind: 'network', code: 'ECONNRESET' };
const timeout: AttemptOutcome = { kind: 'network', code: 'ETIMEDOUT' };

function decide(opts: RetryOptions, outcome: AttemptOutcome, retriesDone = 0, sendsMail = false) {
	return decideRetry({ options: opts, retriesDone, outcome, sendsMail, nowMs: NOW });
}

/** The waits a policy would make for an outcome repeated until it gives up. */
function waits(opts: RetryOptions, outcome: AttemptOutcome, sendsMail = false): number[] {
	const result: number[] = [];
	for (let retriesDone = 0; retriesDone < 20; retriesDone++) {
		const decision = decide(opts, outcome, retriesDone, sendsMail);
		if (!decision.retry) break;
		result.push(decision.delayMs);
	}
	return result;
}

describe('normalizeRetryOptions', () => {
	it('uses the credential defaults when fields are missing', () => {
		expect(options()).toEqual(RETRY_DEFAULTS);
		expect(RETRY_DEFAULTS).toMatchObject({
			mode: 'RetryWhenStatusCodeMatch',
			statusCodes: [429, 503],
			limit: 5,
			multiplyWaitTime: true,
		});
	});

	it('parses a pipe-separated status list with spaces', () => {
		expect(parseStatusCodeList(' 429 | 503|504 ')).toEqual([429, 503, 504]);
	});

	it('treats an empty status list as no status to retry', () => {
		expect(parseStatusCodeList('')).toEqual([]);
	});

	it.each(['429,503', '429|abc', '42|503', '429||503', '700'])(
		'refuses the malformed status list %p, quoting the bad part',
		(list) => {
			expect(() => parseStatusCodeList(list)).toThrow(CredentialSettingsError);
			expect(() => parseStatusCodeList(list)).toThrow(/Retry Status Code List has ".*", which is not an HTTP status code/);
		},
	);

	it.each([-1, 11, 2.5, 'five'])('refuses Retry Count Max %p', (countMax) => {
		expect(() => options({ countMax })).toThrow('Retry Count Max must be a whole number from 0 to 10');
	});

	it('refuses an unknown Retry Mode', () => {
		expect(() => options({ mode: 'Always' })).toThrow('Retry Mode "Always" is unknown');
	});

	it('accepts the count as a numeric string', () => {
		expect(options({ countMax: '3' }).limit).toBe(3);
	});
});

describe('parseRetryAfter', () => {
	it('reads whole seconds', () => expect(parseRetryAfter('2', NOW)).toBe(2000));
	it('reads fractional seconds, rounding up to the millisecond', () => expect(parseRetryAfter('0.0015', NOW)).toBe(2));
	it('reads an HTTP date relative to now', () =>
		expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000));
	it('reads an HTTP date in the past as no wait', () =>
		expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0));
	it.each(['', 'soon', '-1', '1e3'])('ignores the malformed value %p', (value) =>
		expect(parseRetryAfter(value, NOW)).toBeUndefined());
	it('ignores a missing header', () => expect(parseRetryAfter(undefined, NOW)).toBeUndefined());
});

describe('decideRetry', () => {
	it('None: never retries, not even a 429', () => {
		expect(decide(options({ mode: 'None' }), status(429, '1'))).toEqual({ retry: false, reason: 'notRetryable' });
	});

	it('RetryWhenStatusCodeMatch: retries a listed status and nothing else', () => {
		const opts = options({ statusCodeList: '429|503' });
		expect(decide(opts, status(503)).retry).toBe(true);
		expect(decide(opts, status(500)).retry).toBe(false);
		expect(decide(opts, status(404)).retry).toBe(false);
		expect(decide(opts, reset).retry).toBe(false);
	});

	it('RetryAny: retries any error status and network failures, not successes', () => {
		const opts = options({ mode: 'RetryAny' });
		expect(decide(opts, status(500)).retry).toBe(true);
		expect(decide(opts, status(404)).retry).toBe(true);
		expect(decide(opts, reset).retry).toBe(true);
		expect(decide(opts, timeout).retry).toBe(true);
		expect(decide(opts, status(304)).retry).toBe(false);
	});

	it('doubles the wait when Retry Multiply Wait Time is on', () => {
		expect(waits(options(), status(503))).toEqual([1000, 2000, 4000, 8000, 16000]);
	});

	it('keeps the wait constant when Retry Multiply Wait Time is off', () => {
		expect(waits(options({ multiplyWaitTime: false }), status(503))).toEqual([1000, 1000, 1000, 1000, 1000]);
	});

	it('makes no retry when Retry Count Max is 0', () => {
		expect(decide(options({ countMax: 0 }), status(429, '1'))).toEqual({ retry: false, reason: 'limitReached' });
	});

	it('makes exactly Retry Count Max retries when it is 5', () => {
		const opts = options({ countMax: 5 });
		expect(waits(opts, status(429))).toHaveLength(5);
		expect(decide(opts, status(429), 5)).toEqual({ retry: false, reason: 'limitReached' });
	});

	it('lets Retry-After win over the computed wait, with no doubling', () => {
		expect(waits(options({ countMax: 3 }), status(429, '2'))).toEqual([2000, 2000, 2000]);
	});

	it('honours a fractional Retry-After', () => {
		expect(decide(options(), status(429, '1.5'))).toEqual({ retry: true, delayMs: 1500, fromRetryAfter: true });
	});

	it('honours a Retry-After given as an HTTP date', () => {
		const decision = decide(options(), status(503, new Date(NOW + 3000).toUTCString()));
		expect(decision).toEqual({ retry: true, delayMs: 3000, fromRetryAfter: true });
	});

	it('falls back to the computed wait when Retry-After is malformed', () => {
		expect(decide(options(), status(429, 'later'), 2)).toEqual({ retry: true, delayMs: 4000, fromRetryAfter: false });
	});

	it('gives up instead of waiting a Retry-After longer than 180 s', () => {
		expect(decide(options(), status(429, '600'))).toEqual({
			retry: false,
			reason: 'retryAfterTooLong',
			retryAfterMs: 600000,
		});
	});

	describe('a request that sends mail', () => {
		it('is retried after 429, because Graph did not process it', () => {
			expect(decide(options(), status(429, '2'), 0, true)).toEqual({ retry: true, delayMs: 2000, fromRetryAfter: true });
		});

		it('is retried after 503 with or without Retry-After', () => {
			expect(decide(options(), status(503), 0, true).retry).toBe(true);
			expect(decide(options(), status(503, '1'), 0, true).retry).toBe(true);
		});

		it.each([
			['a 504', status(504)],
			['a 500', status(500)],
			['a 502', status(502)],
			['a connection reset', reset],
			['a timeout', timeout],
		])('is not retried after %s, even in RetryAny mode: its outcome is unknown', (_, outcome) => {
			const decision = decide(options({ mode: 'RetryAny', statusCodeList: '429|500|502|503|504' }), outcome, 0, true);
			expect(decision).toEqual({ retry: false, reason: 'sendOutcomeUnknown' });
		});

		it('reports an unknown outcome even in None mode, so the error can say so', () => {
			expect(decide(options({ mode: 'None' }), status(504), 0, true)).toEqual({
				retry: false,
				reason: 'sendOutcomeUnknown',
			});
		});

		it('is not retried after a 400 in RetryAny mode: Graph refused it, nothing was sent', () => {
			expect(decide(options({ mode: 'RetryAny' }), status(400), 0, true)).toEqual({
				retry: false,
				reason: 'notRetryable',
			});
		});

		it('still obeys the mode: None does not retry a 429', () => {
			expect(decide(options({ mode: 'None' }), status(429, '1'), 0, true).retry).toBe(false);
		});
	});
});
