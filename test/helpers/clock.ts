/**
 * A virtual clock for tests: nothing waits in real time. `sleep(ms)` yields to the event loop once, then moves
 * the clock forward to at least the time of the call plus `ms`. It is a jumping clock, not a discrete-event
 * simulator: time only moves forward, and a sleeper may wake a little "late" when another sleeper jumped the
 * clock further meanwhile, never early.
 */
export interface VirtualClock {
	now(): number;
	sleep(ms: number): Promise<void>;
	advance(ms: number): void;
}

export function createVirtualClock(startIso = '2026-12-01T09:00:00.000Z'): VirtualClock {
	let time = Date.parse(startIso);
	return {
		now: () => time,
		sleep: async (ms: number) => {
			const wake = time + Math.max(0, ms);
			await new Promise((resolve) => setImmediate(resolve));
			if (time < wake) time = wake;
		},
		advance: (ms: number) => {
			time += Math.max(0, ms);
		},
	};
}
