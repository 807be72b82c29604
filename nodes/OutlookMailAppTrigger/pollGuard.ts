/**
 * One poll of a trigger at a time per n8n process, and never two polls from the same stored state.
 *
 * n8n 2.41.1 does not serialise the polls of one trigger. Its legacy scheduler starts a poll on every cron
 * tick, whether the last one has finished or not; its durable scheduler (N8N_SCHEDULER_POLL_TRIGGERS_ENABLED)
 * runs every due task, and after a restart the tasks a dead process had leased come back beside the new ones.
 * `TriggersAndPollers.runPollFunction` (n8n-core, execution-engine/triggers-and-pollers.js) counts an
 * overlapping poll under the key `<workflow id>:<node id>`, and runs it all the same. Two polls reading the
 * same state emit the same mail twice.
 *
 * So, keyed as n8n keys it:
 * - a poll that finds another poll of the same trigger in flight in this process returns nothing at once and
 *   touches nothing: the poll in flight covers the same mail;
 * - a poll that reads a state an earlier poll in this process already started from, and replaced, returns
 *   nothing: it is stale. With the durable scheduler a task reads its cursor before it polls
 *   (PollTriggerTaskHandler.execute, `state?.cursor`), and the poll that ran meanwhile commits its new cursor
 *   only after it has returned (WorkflowExecutionService.runPolledWorkflow), so a poll can start from the cursor
 *   its predecessor has just used. Its mail is already on its way; the next poll reads the new cursor.
 *   n8n commits within moments of the poll's return, so the window is short: a state read again more than
 *   `staleMs` after the poll that replaced it returned is the current one after all (n8n discarded that poll's
 *   result: its lease or its timeout had passed, or the workflow was updated meanwhile), and is polled from.
 *
 * A skipped poll returns null without writing the state, so n8n saves nothing for it (the durable scheduler
 * commits a cursor only when the poll changed it).
 *
 * When the poll that replaced the stale state emitted nothing (it returned null), nothing can be emitted twice
 * by carrying on from where it left: the guard then writes that poll's state back (`restore`) and polls from it,
 * instead of skipping. This matters under the durable scheduler, which never commits the cursor of the poll it
 * runs at activation when that poll found nothing (`PollTriggerExecutor.create` in n8n-core runs it as a testing
 * trigger: `else if (!testingTrigger) commitStagedCursor`): the first scheduled poll is handed the empty state
 * (`{}`) again, which polled as it is starts from now, so mail arriving after the activation poll would never be
 * emitted. The successor of the empty state is therefore kept past the stale window, until a poll of the trigger
 * is handed any other state (the trigger has moved on; a later empty state is a new start), so the first
 * scheduled poll goes on from the activation poll's state however long after activation it comes. After a poll that emitted items the guard still skips: if n8n
 * dropped that poll's execution, its items must come again from the older state once the stale window passes. Several n8n processes polling one trigger (multi-main) share
 * nothing here: that is n8n's leader election's and leases' to prevent.
 */
import { createHash } from 'node:crypto';

/** Why a poll did not run. */
export type PollSkip = 'inFlight' | 'staleState';

/** A replaced state: when its successor replaced it, and that successor when the poll emitted nothing. */
interface Replaced {
	at: number;
	next?: unknown;
}

export interface PollGuardOptions {
	now?: () => number;
	/** How long after the poll that replaced it a state counts as stale; default 60 s. */
	staleMs?: number;
	/** Replaced states remembered per trigger, newest kept. */
	maxRemembered?: number;
}

/** JSON with object keys sorted (at every depth), so equal states give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record)
		// n8n's flag on its observable static data, not part of the state.
		.filter((key) => key !== '__dataChanged' && record[key] !== undefined)
		.sort();
	return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** A copy of a state as n8n stores it (JSON); n8n's static data is a Proxy, which structuredClone refuses. */
function jsonCopy(state: unknown): unknown {
	return JSON.parse(JSON.stringify(state ?? null)) as unknown;
}

/** A digest of a state: two reads of the same state give the same one. */
export function stateFingerprint(state: unknown): string {
	return createHash('sha256').update(canonicalJson(state)).digest('base64');
}

/** The state of a trigger that has none yet (a new trigger, or one whose activation poll n8n did not keep). */
const EMPTY_STATE = stateFingerprint({});

export class PollGuard {
	private readonly inFlight = new Set<string>();
	/** Per trigger: fingerprints of states a poll started from and replaced, with when (and by what). */
	private readonly replaced = new Map<string, Map<string, Replaced>>();
	private readonly now: () => number;
	private readonly staleMs: number;
	private readonly maxRemembered: number;

	constructor(options: PollGuardOptions = {}) {
		this.now = options.now ?? Date.now;
		this.staleMs = options.staleMs ?? 60 * 1000;
		this.maxRemembered = options.maxRemembered ?? 32;
	}

	/**
	 * Runs `poll` unless it must not run; `readState` reads the trigger's stored state (before the poll, and
	 * after it to see whether it replaced it). A skipped poll gets `skipped(reason)` instead. With `restore`,
	 * a stale state whose successor emitted nothing is replaced by that successor (see above) and polled from.
	 */
	async run<T>(key: string, readState: () => unknown, poll: () => Promise<T | null>, skipped: (reason: PollSkip) => T | null, restore?: (state: unknown) => void): Promise<T | null> {
		if (this.inFlight.has(key)) return skipped('inFlight');
		let before = stateFingerprint(readState());
		const replaced = this.forgetOld(key);
		// Handed a state of its own: the trigger has moved on from its start, whose successor is no longer needed.
		if (before !== EMPTY_STATE) replaced?.delete(EMPTY_STATE);
		const stale = replaced?.get(before);
		if (stale) {
			if (!restore || stale.next === undefined) return skipped('staleState');
			restore(jsonCopy(stale.next));
			before = stateFingerprint(readState());
		}
		this.inFlight.add(key);
		try {
			const result = await poll();
			const after = readState();
			if (stateFingerprint(after) !== before) this.remember(key, before, result === null ? jsonCopy(after) : undefined);
			return result;
		} finally {
			this.inFlight.delete(key);
		}
	}

	/** The trigger's replaced states still in their stale window, and the empty state's successor (see above). */
	private forgetOld(key: string): Map<string, Replaced> | undefined {
		const replaced = this.replaced.get(key);
		if (!replaced) return undefined;
		const cutoff = this.now() - this.staleMs;
		for (const [fingerprint, { at, next }] of replaced) {
			if (at < cutoff && !(fingerprint === EMPTY_STATE && next !== undefined)) replaced.delete(fingerprint);
		}
		if (!replaced.size) this.replaced.delete(key);
		return replaced.size ? replaced : undefined;
	}

	private remember(key: string, fingerprint: string, next: unknown): void {
		const replaced = this.replaced.get(key) ?? new Map<string, Replaced>();
		replaced.delete(fingerprint);
		replaced.set(fingerprint, { at: this.now(), next });
		// Oldest first in a Map's order: drop from the front.
		for (const oldest of replaced.keys()) {
			if (replaced.size <= this.maxRemembered) break;
			replaced.delete(oldest);
		}
		this.replaced.set(key, replaced);
	}
}

/** The guard of this n8n process: every poll of every Outlook Mail (App) Trigger goes through it. */
export const pollGuard = new PollGuard();
