/**
 * Bounded waiting: every wait in the end-to-end suite and the demo polls for a condition until a deadline,
 * and fails with a message that says what it was waiting for (and, optionally, what it saw last).
 */

export interface WaitOptions {
	timeoutMs: number;
	/** Between probes; default 250 ms. */
	intervalMs?: number;
	/** Extra text for the timeout error: the last state seen, a log tail... */
	detail?: () => string | Promise<string>;
	/** Checked before each probe: a message here stops the wait at once with that message (no point waiting on). */
	failIf?: () => string | undefined | Promise<string | undefined>;
}

export class WaitTimeoutError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WaitTimeoutError';
	}
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` until it returns something other than undefined, null or false, and returns that. A probe that
 * throws is retried (the thing may not be up yet); its last error is reported if the deadline passes.
 */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
	options: WaitOptions,
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let lastError: unknown;
	for (;;) {
		const failure = await options.failIf?.();
		if (failure) {
			const detail = options.detail ? `\n${await options.detail()}` : '';
			throw new Error(`Gave up waiting for ${what}: ${failure}${detail}`);
		}
		try {
			const value = await probe();
			if (value !== undefined && value !== null && value !== false) return value;
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) break;
		await delay(Math.min(options.intervalMs ?? 250, Math.max(0, deadline - Date.now())));
	}
	const parts = [`Timed out after ${(options.timeoutMs / 1000).toFixed(0)} s waiting for ${what}.`];
	if (lastError) parts.push(`Last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
	if (options.detail) parts.push(await options.detail());
	throw new WaitTimeoutError(parts.join('\n'));
}
