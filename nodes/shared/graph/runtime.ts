/**
 * What the Graph client takes from the process: the clock, how to wait, and the mailbox lanes (throttle gates
 * and concurrency limits) shared by every execution. Tests replace the clock with a virtual one, so nothing
 * waits in real time, and may give a fresh set of lanes to stand for another process.
 */
import { sleep as n8nSleep } from 'n8n-workflow';

import { MailboxLanes, type Clock } from './lanes';

export interface GraphRuntime extends Clock {
	lanes: MailboxLanes;
}

function createRuntime(clock: Clock): GraphRuntime {
	return { now: clock.now, sleep: clock.sleep, lanes: new MailboxLanes(clock) };
}

const processClock: Clock = { now: () => Date.now(), sleep: async (ms) => await n8nSleep(ms) };
let current: GraphRuntime = createRuntime(processClock);

/** A runtime on this clock: the runtime itself when it has lanes, else the clock with lanes of its own. */
export function runtimeOn(clock: Clock | GraphRuntime): GraphRuntime {
	return 'lanes' in clock ? clock : createRuntime(clock);
}

/** The runtime of this process. */
export function graphRuntime(): GraphRuntime {
	return current;
}

/**
 * For tests: from now on, a runtime on this clock (default: real time) with fresh lanes, as a new process has.
 * Returns the function that puts the previous runtime back.
 */
export function useGraphRuntime(clock: Clock = processClock): () => void {
	const previous = current;
	current = createRuntime(clock);
	return () => {
		current = previous;
	};
}
