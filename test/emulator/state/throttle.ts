/**
 * Exchange Online's per-mailbox concurrency throttling as seen through Graph: at most `concurrency` requests to one
 * mailbox may be in flight at once. The next one gets 429 ApplicationThrottled with Retry-After, and from then the
 * mailbox stays throttled until that time has passed on the emulator's clock: every request in between gets 429
 * with the seconds still to wait, rounded up. A sticky fault throttles a mailbox the same way (`block`).
 */

export type Admission = { admitted: true; release: () => void } | { admitted: false; retryAfterSeconds: number };

interface MailboxState {
	inFlight: number;
	/** The most requests in flight at once since the emulator started or was last reset. */
	peak: number;
	throttledUntil: number;
}

export class MailboxThrottle {
	private mailboxes = new Map<string, MailboxState>();

	constructor(
		private readonly now: () => number,
		private readonly concurrency: number,
		private readonly retryAfterSeconds: number,
	) {}

	/** Admits a request to the mailbox, or says how long the caller must wait. */
	admit(mailboxId: string): Admission {
		const state = this.state(mailboxId);
		const now = this.now();
		if (now < state.throttledUntil) {
			return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((state.throttledUntil - now) / 1000)) };
		}
		if (state.inFlight >= this.concurrency) {
			state.throttledUntil = now + this.retryAfterSeconds * 1000;
			return { admitted: false, retryAfterSeconds: this.retryAfterSeconds };
		}
		state.inFlight++;
		state.peak = Math.max(state.peak, state.inFlight);
		let released = false;
		return {
			admitted: true,
			release: () => {
				if (released) return;
				released = true;
				state.inFlight--;
			},
		};
	}

	/** Throttles the mailbox for `ms` from now (never shortens a window already running). */
	block(mailboxId: string, ms: number): void {
		const state = this.state(mailboxId);
		state.throttledUntil = Math.max(state.throttledUntil, this.now() + ms);
	}

	/** How many requests one mailbox may have in flight. */
	get limit(): number {
		return this.concurrency;
	}

	/** Retry-After of a new throttling window, in seconds. */
	get windowSeconds(): number {
		return this.retryAfterSeconds;
	}

	/** Requests in flight for a mailbox now. */
	inFlight(mailboxId: string): number {
		return this.mailboxes.get(mailboxId)?.inFlight ?? 0;
	}

	/** The most requests a mailbox had in flight at once since the emulator started or was last reset. */
	maxInFlight(mailboxId: string): number {
		return this.mailboxes.get(mailboxId)?.peak ?? 0;
	}

	/**
	 * Forgets all throttling windows and peaks (in-flight counts stay, as those requests are still running; a peak
	 * starts again from them).
	 */
	clear(): void {
		for (const state of this.mailboxes.values()) {
			state.throttledUntil = 0;
			state.peak = state.inFlight;
		}
	}

	private state(mailboxId: string): MailboxState {
		let state = this.mailboxes.get(mailboxId);
		if (!state) this.mailboxes.set(mailboxId, (state = { inFlight: 0, peak: 0, throttledUntil: 0 }));
		return state;
	}
}
