/**
 * One lane per (app, mailbox): the throttle gate and the adaptive concurrency limit that every request to
 * that mailbox passes, whichever item, batch or execution sends it.
 *
 * - The gate: when Graph answers 429 (or 503 with Retry-After) for any request of the mailbox, nothing more
 *   leaves for it until that time has passed. Waiting at the gate is not an attempt, so it uses up no retry.
 * - The limit: at most `limit` operations in flight at once, 4 at most (Outlook's limit per mailbox). A new
 *   throttling episode halves it; successes raise it again by one slot at a time (AIMD). Processes share
 *   nothing (queue-mode workers), so each one backs off on its own and together they settle under Outlook's
 *   limit.
 *
 * Lanes live for the process: `processLanes` is the one registry the client uses.
 */
import { CLIENT_TEXTS } from './errorTexts';
import { MAILBOX_CONCURRENCY } from './limits';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Successes per slot of the current limit before the limit rises by one. */
export const SUCCESSES_PER_INCREASE = 8;

/** The gate stays closed longer than a request may wait. */
export class GateClosedError extends Error {
	constructor(readonly retryAfterMs: number) {
		super(CLIENT_TEXTS.laneThrottled(retryAfterMs));
		this.name = 'GateClosedError';
	}
}

export class MailboxLane {
	/** Operations this process lets run at once for the mailbox. */
	limit = MAILBOX_CONCURRENCY;
	private inFlight = 0;
	private readonly waiting: Array<{ count: number; start: () => void }> = [];
	/** Epoch ms until which the gate is closed. */
	private closedUntil = 0;
	private successes = 0;
	private peakInFlight = 0;

	constructor(private readonly clock: Clock) {}

	/** Whether the gate is closed now, and for how long. */
	closedForMs(): number {
		return Math.max(0, this.closedUntil - this.clock.now());
	}

	/** The slots `count` operations need here: one each, at most the limit. */
	fit(count: number): number {
		return Math.min(Math.max(count, 1), this.limit);
	}

	/**
	 * Waits for `count` slots (in arrival order), then for the gate, and returns the function that gives the
	 * slots back. Fails with GateClosedError, holding nothing, when the gate stays closed longer than `maxWaitMs`.
	 */
	async enter(count: number, maxWaitMs: number): Promise<() => void> {
		await this.acquire(count);
		const closed = await this.waitForGate(maxWaitMs);
		if (closed) {
			this.release(count);
			throw closed;
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release(count);
		};
	}

	/** Runs `task` on one slot, after the gate. */
	async run<T>(maxWaitMs: number, task: () => Promise<T>): Promise<T> {
		const release = await this.enter(1, maxWaitMs);
		try {
			return await task();
		} finally {
			release();
		}
	}

	/**
	 * Graph throttled a request of this mailbox: close the gate for `waitMs`. A throttle that arrives while the gate
	 * is open starts a new episode and halves the limit; more answers of the same episode (requests that were in
	 * flight when it began) only keep the gate closed.
	 */
	throttled(waitMs: number): void {
		const now = this.clock.now();
		if (now >= this.closedUntil) {
			this.limit = Math.max(1, Math.floor(this.limit / 2));
			this.successes = 0;
		}
		this.closedUntil = Math.max(this.closedUntil, now + waitMs);
	}

	/** A request of this mailbox succeeded: enough of them in a row raise the limit by one slot. */
	succeeded(): void {
		if (this.limit >= MAILBOX_CONCURRENCY) return;
		if (++this.successes < this.limit * SUCCESSES_PER_INCREASE) return;
		this.limit++;
		this.successes = 0;
		this.startWaiting();
	}

	/** The most operations this lane has had in flight at once. */
	get peak(): number {
		return this.peakInFlight;
	}

	/** Nothing waits, runs or is throttled, and the limit is back at its maximum: the lane can be forgotten. */
	get idle(): boolean {
		return this.inFlight === 0 && this.waiting.length === 0 && this.limit === MAILBOX_CONCURRENCY && this.closedForMs() === 0;
	}

	/** Sleeps until the gate is open; the error, without waiting, when it stays closed longer than `maxWaitMs`. */
	private async waitForGate(maxWaitMs: number): Promise<GateClosedError | undefined> {
		for (let wait = this.closedForMs(); wait > 0; wait = this.closedForMs()) {
			if (wait > maxWaitMs) return new GateClosedError(wait);
			await this.clock.sleep(wait);
		}
		return undefined;
	}

	private async acquire(count: number): Promise<void> {
		if (this.waiting.length === 0 && this.fits(count)) {
			this.take(count);
			return;
		}
		await new Promise<void>((start) => this.waiting.push({ count, start }));
	}

	/** A request asking for more slots than the limit now allows still starts once the lane is empty. */
	private fits(count: number): boolean {
		return this.inFlight + count <= this.limit || this.inFlight === 0;
	}

	private take(count: number): void {
		this.inFlight += count;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
	}

	private release(count: number): void {
		this.inFlight -= count;
		this.startWaiting();
	}

	private startWaiting(): void {
		while (this.waiting.length && this.fits(this.waiting[0].count)) {
			const next = this.waiting.shift()!;
			this.take(next.count);
			next.start();
		}
	}
}

/** Lanes by key, created on first use; idle lanes are forgotten once there are many. */
export class MailboxLanes {
	private readonly lanes = new Map<string, MailboxLane>();

	constructor(
		private readonly clock: Clock,
		private readonly maxIdleLanes = 10_000,
	) {}

	lane(key: string): MailboxLane {
		let lane = this.lanes.get(key);
		if (!lane) {
			if (this.lanes.size >= this.maxIdleLanes) this.forgetIdle();
			lane = new MailboxLane(this.clock);
			this.lanes.set(key, lane);
		}
		return lane;
	}

	private forgetIdle(): void {
		for (const [key, lane] of this.lanes) if (lane.idle) this.lanes.delete(key);
	}
}
