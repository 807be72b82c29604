/**
 * A deterministic virtual clock for tests: pass `now` and `sleep` to the emulator (and to the code under test), and
 * nothing waits for real time.
 *
 * It is a jumping clock, not a discrete-event simulator. `sleep(ms)` yields to the event loop once (setImmediate,
 * so I/O and other callbacks already queued run first), then moves the clock forward to at least the time of the
 * call + ms, and resolves. Time only moves forward: a sleeper that wakes after a longer one finds the clock already
 * past its own wake time and leaves it there. Concurrent sleepers resume in the order they called sleep, not in the
 * order of their wake times, and each resumes once the clock has reached its wake time; no sleeper is ever woken
 * early. `advance(ms)` moves the clock forward by hand.
 */
export interface VirtualClock {
	now(): number;
	sleep(ms: number): Promise<void>;
	advance(ms: number): void;
}

export function createVirtualClock(startIso = '2025-01-15T12:00:00.000Z'): VirtualClock {
	let current = Date.parse(startIso);
	if (Number.isNaN(current)) throw new Error(`createVirtualClock: not an ISO date: ${startIso}`);
	return {
		now: () => current,
		sleep: async (ms) => {
			const wakeAt = current + Math.max(0, ms);
			await new Promise<void>((resolve) => setImmediate(resolve));
			current = Math.max(current, wakeAt);
		},
		advance: (ms) => {
			if (!(ms >= 0)) throw new Error(`createVirtualClock: time only moves forward, not by ${ms} ms`);
			current += ms;
		},
	};
}
