/**
 * What the trigger remembers between polls, kept in the workflow's static data as plain JSON.
 *
 * Exactly-once rests on two things: the delta link of each watched folder (Graph's own change cursor), and
 * the IDs of every message already seen (emitted, filtered out, or present at activation), so a message
 * delta replays after it is read, flagged or recategorised, or after a resync, is never emitted again.
 */
import type { IDataObject } from 'n8n-workflow';

import { deltaLinkProblem } from './links';

export const STATE_VERSION = 1;

/** How long a seen message ID is kept after the newest one: the window a resync looks back over. */
export const SEEN_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this many seen IDs are kept (oldest dropped first). */
export const MAX_SEEN = 20_000;
/** At most this many messages wait to be emitted; a poll stops reading changes before it would pass it. */
export const MAX_PENDING = 10_000;
/**
 * How far after now a stored start may lie (clocks of n8n's processes differ by seconds, not days). A later one
 * is no start this trigger wrote, and would filter every delta round from then on.
 */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/** The longest link kept: Graph's delta and next-page links are a few hundred characters. */
export const MAX_LINK_LENGTH = 8_192;
/** The longest message ID kept: Outlook's are about 150 characters. */
export const MAX_ID_LENGTH = 512;

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
	/**
	 * Whether the first round emits the mail already there; absent: as the node's option says. A state that
	 * replaced an invalid one starts from now (false), whatever the option.
	 */
	includeExisting?: boolean;
	folders: Record<string, FolderCursor>;
	/** Message ID to its receivedDateTime. */
	seen: Record<string, string>;
	/** Flagged and Categorised: the messages that hold the condition now (ID to receivedDateTime), see events.ts. */
	holds?: Record<string, string>;
	/** Matching messages not emitted yet (a backlog larger than one poll's batch), oldest first. */
	pending: PendingMessage[];
}

/** What a stored state must have been made for, to be used. */
export interface StateExpectation {
	configKey: string;
	/** The origin of the credential's Graph endpoint: stored links must be on it. */
	graphOrigin: string;
	/** The watched mailbox, as the node addresses it: stored links must stay in it. */
	mailbox: string;
	/** The watched folders: cursors and pending messages must be of one of them. */
	folders: string[];
	/** Now (epoch ms): a state cannot have started after it. */
	now: number;
}

/**
 * What the static data held: a state to use, nothing (first activation), a state of other settings (the
 * mailbox, folders or start option changed), or something unusable, with why (for n8n's log; it never echoes
 * stored values).
 */
export type StoredState =
	| { kind: 'valid'; state: TriggerState }
	| { kind: 'absent' }
	| { kind: 'otherSettings' }
	| { kind: 'invalid'; problem: string };

/** An ISO 8601 date and time as Graph writes them (`2026-12-01T09:00:00Z`, up to 7 decimals or an offset). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(value: unknown): value is string {
	return typeof value === 'string' && value.length <= 40 && ISO_DATE_TIME.test(value) && Number.isFinite(Date.parse(value));
}

/** A message ID as it may be kept: printable ASCII, not too long. */
export function isStorableId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class InvalidState extends Error {}

function invalid(problem: string): never {
	throw new InvalidState(problem);
}

/**
 * Own enumerable keys of `record`, refusing more than `max`: counted at once, before any key is looked at (n8n
 * keeps static data behind a proxy, through which looking at a million keys one by one takes seconds). One
 * more is allowed in the count for the hidden `__dataChanged` flag n8n adds.
 */
function boundedKeys(record: Record<string, unknown>, max: number, what: string): string[] {
	const all = Reflect.ownKeys(record);
	if (all.length > max + 1) invalid(`${what} holds more than ${max} entries`);
	const keys = all.filter(
		(key): key is string => typeof key === 'string' && Object.prototype.propertyIsEnumerable.call(record, key),
	);
	if (keys.length > max) invalid(`${what} holds more than ${max} entries`);
	return keys;
}

function readCursor(raw: unknown, folder: string, expected: StateExpectation): FolderCursor {
	if (!isRecord(raw)) invalid(`the cursor of folder "${folder}" is not an object`);
	const cursor: FolderCursor = {};
	if (raw.link !== undefined) {
		const problem = deltaLinkProblem(raw.link, { ...expected, folder });
		if (problem) invalid(`the stored link of folder "${folder}" ${problem}`);
		cursor.link = raw.link as string;
	}
	if (raw.initialRoundDone !== undefined) {
		if (typeof raw.initialRoundDone !== 'boolean') invalid(`initialRoundDone of folder "${folder}" is not a boolean`);
		cursor.initialRoundDone = raw.initialRoundDone;
	}
	return cursor;
}

function readPendingList(raw: unknown, expected: StateExpectation): PendingMessage[] {
	if (!Array.isArray(raw)) invalid('pending is not a list');
	if (raw.length > MAX_PENDING) invalid(`pending holds more than ${MAX_PENDING} entries`);
	const folders = new Set(expected.folders);
	return raw.map((entry: unknown) => {
		if (!isRecord(entry)) invalid('a pending message is not an object');
		if (!isStorableId(entry.id)) invalid('a pending message has no valid ID');
		if (typeof entry.folder !== 'string' || !folders.has(entry.folder)) invalid('a pending message is of a folder not watched');
		if (!isIsoDateTime(entry.receivedDateTime)) invalid('a pending message has no valid receivedDateTime');
		return { id: entry.id, folder: entry.folder, receivedDateTime: entry.receivedDateTime };
	});
}

function readSeen(raw: unknown, what = 'seen'): Record<string, string> {
	if (!isRecord(raw)) invalid(`${what} is not an object`);
	const entries: Array<[string, string]> = [];
	for (const id of boundedKeys(raw, MAX_SEEN, what)) {
		if (!isStorableId(id)) invalid(`${what} holds an ID that is not valid`);
		const received = raw[id];
		if (!isIsoDateTime(received)) invalid(`${what} holds a receivedDateTime that is not an ISO date`);
		entries.push([id, received]);
	}
	return Object.fromEntries(entries);
}

function readValidState(raw: Record<string, unknown>, expected: StateExpectation): TriggerState {
	if (!isIsoDateTime(raw.startedAt)) invalid('startedAt is not an ISO date');
	if (Date.parse(raw.startedAt) > expected.now + FUTURE_TOLERANCE_MS) invalid('startedAt lies in the future');
	if (raw.includeExisting !== undefined && typeof raw.includeExisting !== 'boolean') invalid('includeExisting is not a boolean');
	if (!isRecord(raw.folders)) invalid('folders is not an object');
	const folders: Record<string, FolderCursor> = {};
	const watched = new Set(expected.folders);
	for (const folder of boundedKeys(raw.folders, expected.folders.length, 'folders')) {
		if (!watched.has(folder)) invalid('folders holds a folder not watched');
		folders[folder] = readCursor(raw.folders[folder], folder, expected);
	}
	return {
		version: STATE_VERSION,
		configKey: expected.configKey,
		startedAt: raw.startedAt,
		...(raw.includeExisting !== undefined ? { includeExisting: raw.includeExisting } : {}),
		folders,
		seen: readSeen(raw.seen),
		...(raw.holds !== undefined ? { holds: readSeen(raw.holds, 'holds') } : {}),
		pending: readPendingList(raw.pending, expected),
	};
}

/**
 * The state kept in the static data, checked in full on every read: the type of every field, the size of every
 * list, and every stored link (see deltaLinkProblem). The state returned is a copy built from checked values
 * only; nothing else of the static data is used.
 */
export function readState(staticData: IDataObject, expected: StateExpectation): StoredState {
	const raw: unknown = staticData.outlookMailApp;
	if (raw === undefined || raw === null) return { kind: 'absent' };
	try {
		if (!isRecord(raw)) invalid('it is not an object');
		if (raw.version !== STATE_VERSION) invalid(`its version is not ${STATE_VERSION}`);
		if (typeof raw.configKey !== 'string') invalid('configKey is not text');
		if (raw.configKey !== expected.configKey) return { kind: 'otherSettings' };
		return { kind: 'valid', state: readValidState(raw, expected) };
	} catch (error) {
		// Anything else that fails on this data (a getter that throws, say) makes it unusable just the same.
		return { kind: 'invalid', problem: error instanceof InvalidState ? error.message : 'it could not be read' };
	}
}

/** Replaces the stored state in one assignment, after a poll has fully succeeded. */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.outlookMailApp = state as unknown as IDataObject;
}

/** The newest of these times (epoch ms), or `fallback` for none; a loop, so any number of them is fine. */
function newestOf(times: Iterable<string>, fallback: number): number {
	let newest = -Infinity;
	for (const time of times) {
		const parsed = Date.parse(time);
		if (parsed > newest) newest = parsed;
	}
	return newest === -Infinity ? fallback : newest;
}

/**
 * Forgets seen IDs outside the retention window, and the oldest beyond the cap. The window ends at the newest
 * received time, but never after `now`: a message dated in the future (a stray clock, an imported item, an edited
 * state) must not push every other ID out of it, or their replays would be emitted again.
 */
export function pruneSeen(state: TriggerState, now: number): void {
	const entries = Object.entries(state.seen);
	if (!entries.length) return;
	const newest = Math.min(newestOf(Object.values(state.seen), 0), now);
	const pendingIds = new Set(state.pending.map((message) => message.id));
	const kept = entries
		.filter(([id, received]) => pendingIds.has(id) || (Date.parse(received) || 0) >= newest - SEEN_RETENTION_MS)
		.sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))
		.slice(0, MAX_SEEN);
	state.seen = Object.fromEntries(kept);
}

/**
 * Where a resync (after Graph forgot a delta token) looks back from: the retention window, not before the start,
 * and (as in pruneSeen) never from a future date.
 */
export function resyncFrom(state: TriggerState, now: number): string {
	const started = Math.min(Date.parse(state.startedAt), now);
	const newest = Math.min(newestOf(Object.values(state.seen), started), now);
	const from = Math.max(newest - SEEN_RETENTION_MS, started);
	return new Date(from).toISOString();
}
