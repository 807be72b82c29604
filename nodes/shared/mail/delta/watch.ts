/**
 * The state of a trigger watching several mailboxes, kept in the workflow's static data: one `TriggerState`
 * (state.ts) per mailbox, each checked by `readState` when it is used, and around them what the watch itself
 * needs: the back-off of failing mailboxes, the mailboxes a poll did not reach (first next time), and the members
 * of a watched group as last read. Everything is checked on every read: a bad mailbox entry resets that mailbox
 * alone, a bad cache entry is dropped, and a watch whose shape is wrong (or too large) starts again from now.
 */
import type { IDataObject } from 'n8n-workflow';

import { isIsoDateTime, readState, STATE_VERSION, type StateExpectation, type StoredState, type TriggerState } from './state';

export const WATCH_STATE_VERSION = 2;
/** Mailboxes one trigger watches at most. */
export const MAX_WATCHED_MAILBOXES = 1000;
/** The longest mailbox kept (a UPN is at most 113 characters, an address 320). */
const MAX_MAILBOX_LENGTH = 400;
/** A failing mailbox is tried again after 1 minute, then 2, 4 ... up to an hour. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

export interface MailboxHealth {
	/** Polls in a row that failed for the mailbox. */
	failures: number;
	/** Not tried again before this time (ISO). */
	retryAt: string;
}

export interface WatchedGroup {
	id: string;
	/** When its members were read (ISO). */
	readAt: string;
	/** The members' mailboxes (object IDs), in the directory's order. */
	members: string[];
}

export interface WatchState {
	version: typeof WATCH_STATE_VERSION;
	/** What the watch was made for (folders, start option); each mailbox's state has its own key besides. */
	configKey: string;
	/** Each mailbox's state by its lower-cased name, as stored: checked with `readState` when used. */
	mailboxes: Record<string, unknown>;
	health: Record<string, MailboxHealth>;
	/** Mailboxes the last poll did not reach before its time ran out: first next time. */
	first: string[];
	group?: WatchedGroup;
}

export type StoredWatch =
	| { kind: 'valid'; watch: WatchState }
	| { kind: 'absent' }
	| { kind: 'otherSettings' }
	| { kind: 'invalid'; problem: string };

class InvalidWatch extends Error {}

function invalid(problem: string): never {
	throw new InvalidWatch(problem);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A mailbox as the watch keeps it: text of 1 to 400 characters, no control characters, never `__proto__`. */
export function isMailboxKey(value: unknown): value is string {
	return (
		typeof value === 'string' &&
		value.length > 0 &&
		value.length <= MAX_MAILBOX_LENGTH &&
		!/[\u0000-\u001f\u007f-\u009f]/.test(value) &&
		value.toLowerCase() !== '__proto__'
	);
}

/** `record[key]` only when it is the record's own entry (a mailbox named `constructor` finds nothing inherited). */
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** Own enumerable string keys, refusing more than `max` (counted before any is looked at). */
function boundedKeys(record: Record<string, unknown>, max: number, what: string): string[] {
	const all = Reflect.ownKeys(record);
	// One more for the hidden `__dataChanged` flag n8n adds to static data.
	if (all.length > max + 1) invalid(`${what} holds more than ${max} entries`);
	const keys = all.filter((key): key is string => typeof key === 'string' && Object.prototype.propertyIsEnumerable.call(record, key));
	if (keys.length > max) invalid(`${what} holds more than ${max} entries`);
	for (const key of keys) if (!isMailboxKey(key)) invalid(`${what} holds a mailbox that is not valid`);
	return keys;
}

/**
 * The caches around the mailboxes' states (back-off, the order, a group's members) are checked entry by entry: an
 * entry that is not valid is dropped (a mailbox tried now, a group read again), the rest kept.
 */
function mailboxNames(raw: unknown): string[] {
	if (!Array.isArray(raw)) return [];
	return raw.slice(0, MAX_WATCHED_MAILBOXES).filter(isMailboxKey);
}

function readHealth(raw: unknown): Record<string, MailboxHealth> {
	const health: Record<string, MailboxHealth> = {};
	if (!isRecord(raw)) return health;
	for (const key of boundedKeys(raw, MAX_WATCHED_MAILBOXES, 'health')) {
		const entry = raw[key];
		if (!isRecord(entry) || !Number.isInteger(entry.failures) || (entry.failures as number) < 1 || (entry.failures as number) > 1_000_000) continue;
		if (!isIsoDateTime(entry.retryAt)) continue;
		health[key] = { failures: entry.failures as number, retryAt: entry.retryAt };
	}
	return health;
}

function readGroup(raw: unknown): WatchedGroup | undefined {
	if (!isRecord(raw) || !isMailboxKey(raw.id) || !isIsoDateTime(raw.readAt) || !Array.isArray(raw.members)) return undefined;
	if (raw.members.length > MAX_WATCHED_MAILBOXES || !raw.members.every(isMailboxKey)) return undefined;
	return { id: raw.id, readAt: raw.readAt, members: raw.members as string[] };
}

function readWatch(raw: Record<string, unknown>): WatchState {
	if (!isRecord(raw.mailboxes)) invalid('mailboxes is not an object');
	const mailboxes: Record<string, unknown> = {};
	for (const key of boundedKeys(raw.mailboxes, MAX_WATCHED_MAILBOXES, 'mailboxes')) mailboxes[key] = raw.mailboxes[key];
	return {
		version: WATCH_STATE_VERSION,
		configKey: raw.configKey as string,
		mailboxes,
		health: readHealth(raw.health),
		first: mailboxNames(raw.first),
		...(readGroup(raw.group) ? { group: readGroup(raw.group) } : {}),
	};
}

/**
 * The watch kept in the static data. A state of one mailbox (version 1, as the trigger kept before it watched
 * several) becomes a watch of that one mailbox, so an upgrade loses nothing: its entry is checked like any other.
 */
export function readWatchState(staticData: IDataObject, configKey: string): StoredWatch {
	const raw: unknown = staticData.outlookMailApp;
	if (raw === undefined || raw === null) return { kind: 'absent' };
	try {
		if (!isRecord(raw)) invalid('it is not an object');
		if (raw.version === STATE_VERSION && typeof raw.configKey === 'string') {
			const mailbox = mailboxOfSingleState(raw.configKey);
			if (mailbox === undefined) return { kind: 'otherSettings' };
			return { kind: 'valid', watch: { version: WATCH_STATE_VERSION, configKey, mailboxes: { [mailbox]: raw }, health: {}, first: [] } };
		}
		if (raw.version !== WATCH_STATE_VERSION) invalid(`its version is not ${WATCH_STATE_VERSION}`);
		if (typeof raw.configKey !== 'string') invalid('configKey is not text');
		if (raw.configKey !== configKey) return { kind: 'otherSettings' };
		return { kind: 'valid', watch: readWatch(raw) };
	} catch (error) {
		return { kind: 'invalid', problem: error instanceof InvalidWatch ? error.message : 'it could not be read' };
	}
}

/** The mailbox a version-1 state's key names (`["mailbox", [folders], includeExisting]`), lower-cased. */
function mailboxOfSingleState(configKey: string): string | undefined {
	try {
		const parsed: unknown = JSON.parse(configKey);
		return Array.isArray(parsed) && isMailboxKey(parsed[0]) ? parsed[0].toLowerCase() : undefined;
	} catch {
		return undefined;
	}
}

/** One mailbox's state from the watch, checked in full (see `readState`). */
export function readMailboxState(watch: WatchState, mailbox: string, expected: StateExpectation): StoredState {
	return readState({ outlookMailApp: own(watch.mailboxes, mailbox.toLowerCase()) as IDataObject }, expected);
}

/** A fresh, empty watch. */
export function freshWatch(configKey: string): WatchState {
	return { version: WATCH_STATE_VERSION, configKey, mailboxes: {}, health: {}, first: [] };
}

/** The wait before a mailbox that failed `failures` polls in a row is tried again. */
export function backoffMs(failures: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(Math.max(failures - 1, 0), 30), BACKOFF_MAX_MS);
}

/** Records a failed poll of a mailbox; returns its health. */
export function recordFailure(watch: WatchState, mailbox: string, now: number): MailboxHealth {
	const key = mailbox.toLowerCase();
	const failures = (own(watch.health, key)?.failures ?? 0) + 1;
	return (watch.health[key] = { failures, retryAt: new Date(now + backoffMs(failures)).toISOString() });
}

/**
 * Whether a failing mailbox waits out its back-off at `now`. A stored wait longer than the longest back-off is
 * not one this trigger wrote (static data edited, or a clock that jumped back): the mailbox is tried now rather
 * than left unread until then.
 */
export function inBackoff(watch: WatchState, mailbox: string, now: number): boolean {
	const health = own(watch.health, mailbox.toLowerCase());
	if (health === undefined) return false;
	const retryAt = Date.parse(health.retryAt);
	return retryAt > now && retryAt <= now + BACKOFF_MAX_MS;
}

/** Replaces the stored watch in one assignment, keeping only the mailboxes still watched. */
export function writeWatchState(staticData: IDataObject, watch: WatchState, states: Map<string, TriggerState>, watched: string[]): void {
	const keep = new Set(watched.map((mailbox) => mailbox.toLowerCase()));
	const mailboxes: Record<string, unknown> = {};
	for (const key of keep) {
		const state = states.get(key);
		if (state) mailboxes[key] = state;
		else if (own(watch.mailboxes, key) !== undefined) mailboxes[key] = watch.mailboxes[key];
	}
	const health = Object.fromEntries(Object.entries(watch.health).filter(([key]) => keep.has(key)));
	staticData.outlookMailApp = {
		version: WATCH_STATE_VERSION,
		configKey: watch.configKey,
		mailboxes,
		health,
		first: watch.first.filter((key) => keep.has(key)),
		...(watch.group ? { group: watch.group } : {}),
	} as unknown as IDataObject;
}
