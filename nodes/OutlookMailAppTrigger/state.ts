/**
 * What the trigger remembers between polls, kept in the workflow's static data as plain JSON.
 *
 * Exactly-once rests on two things: the delta link of each watched folder (Graph's own change cursor), and
 * the IDs of every message already seen (emitted, filtered out, or present at activation), so a message
 * delta replays after it is read, flagged or recategorised, or after a resync, is never emitted again.
 */
import type { IDataObject } from 'n8n-workflow';

export const STATE_VERSION = 1;

/** How long a seen message ID is kept after the newest one: the window a resync looks back over. */
export const SEEN_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this many seen IDs are kept (oldest dropped first). */
export const MAX_SEEN = 20_000;

export interface FolderCursor {
	/** The next link to call: a delta link, or a next-page link of a round left unfinished. */
	link?: string;
	/** The first round, which reads what was there at activation, has been completed. */
	initialRoundDone?: boolean;
}

export interface PendingMessage {
	id: string;
	folder: string;
	receivedDateTime: string;
}

export interface TriggerState {
	version: number;
	/** What the state was built for; a change of mailbox, folders or start point starts over. */
	configKey: string;
	/** When watching began (ISO): nothing received before is new, unless existing mail was asked for. */
	startedAt: string;
	folders: Record<string, FolderCursor>;
	/** Message ID to its receivedDateTime. */
	seen: Record<string, string>;
	/** Matching messages not emitted yet (a backlog larger than one poll's batch), oldest first. */
	pending: PendingMessage[];
}

export function readState(staticData: IDataObject, configKey: string): TriggerState | undefined {
	const state = staticData.outlookMailApp as TriggerState | undefined;
	if (!state || state.version !== STATE_VERSION || state.configKey !== configKey) return undefined;
	return JSON.parse(JSON.stringify(state)) as TriggerState;
}

/** Replaces the stored state in one assignment, after a poll has fully succeeded. */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.outlookMailApp = state as unknown as IDataObject;
}

/** Forgets seen IDs outside the retention window, and the oldest beyond the cap. */
export function pruneSeen(state: TriggerState): void {
	const entries = Object.entries(state.seen);
	if (!entries.length) return;
	const newest = Math.max(...entries.map(([, received]) => Date.parse(received) || 0));
	const pendingIds = new Set(state.pending.map((message) => message.id));
	const kept = entries
		.filter(([id, received]) => pendingIds.has(id) || (Date.parse(received) || 0) >= newest - SEEN_RETENTION_MS)
		.sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))
		.slice(0, MAX_SEEN);
	state.seen = Object.fromEntries(kept);
}

/** Where a resync (after Graph forgot a delta token) looks back from: the retention window, not before the start. */
export function resyncFrom(state: TriggerState): string {
	const received = Object.values(state.seen).map((value) => Date.parse(value) || 0);
	const newest = received.length ? Math.max(...received) : Date.parse(state.startedAt);
	const from = Math.max(newest - SEEN_RETENTION_MS, Date.parse(state.startedAt));
	return new Date(from).toISOString();
}
