/**
 * What a trigger fires on, decided from what a folder's delta round brings, for both triggers:
 *
 * - New Mail: a message new to a watched folder (delivered, or moved in), read from the start date on.
 * - Moved Into Folder: a message that arrives in a watched folder other than by delivery. The folder's delta is
 *   read for created items only (`changeType=created`: a move creates the message anew in its new folder), and a
 *   created message counts as moved in when Exchange last changed it a minute or more after it was received; a
 *   delivered message is last changed when it is received (a message moved within a minute of delivery counts as
 *   delivered).
 * - Flagged, Categorised: a message that becomes flagged, or gains the chosen category. The folder's every change
 *   is read, and the IDs of the messages that hold the condition now are kept (`holds`), so the transition is
 *   seen once: a message already flagged that changes again emits nothing, one unflagged and flagged again emits
 *   again.
 *
 * Each is emitted once per transition: a repeated or replayed change finds the message in `seen` or `holds`.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_SEEN, type TriggerState } from './state';

export const TRIGGER_EVENTS = ['messageReceived', 'messageFlagged', 'messageMoved', 'messageCategorised'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export interface EventSettings {
	event: TriggerEvent;
	/** The category Categorised watches for (compared without regard to case, as Outlook does). */
	eventCategory: string;
}

/** A created message last changed this long after it was received came by a move, not by delivery. */
export const MOVED_AFTER_MS = 60_000;

/** The message fields an event reads, beyond those of the output and the filters. */
export function eventFields(event: TriggerEvent): string[] {
	if (event === 'messageFlagged') return ['flag'];
	if (event === 'messageCategorised') return ['categories'];
	if (event === 'messageMoved') return ['receivedDateTime', 'lastModifiedDateTime'];
	return [];
}

/**
 * How the event reads a folder's delta: New Mail from the start date on (`receivedDateTime ge`), Moved Into
 * Folder created items only (a moved message is older than the start), Flagged and Categorised every change.
 */
export function deltaScope(event: TriggerEvent): { fromStartDate: boolean; changeType?: 'created' } {
	if (event === 'messageReceived') return { fromStartDate: true };
	if (event === 'messageMoved') return { fromStartDate: false, changeType: 'created' };
	return { fromStartDate: false };
}

/** The change types of a Graph subscription for the event: a flag or a category is an update of the message. */
export function subscriptionChangeType(event: TriggerEvent): string {
	return event === 'messageFlagged' || event === 'messageCategorised' ? 'created,updated' : 'created';
}

/** Whether Exchange changed the message a minute or more after it was received: it came by a move. */
export function isMovedIn(message: IDataObject): boolean {
	const received = Date.parse(String(message.receivedDateTime));
	const modified = Date.parse(String(message.lastModifiedDateTime));
	return Number.isFinite(received) && Number.isFinite(modified) && modified - received >= MOVED_AFTER_MS;
}

/** Whether the message holds the condition Flagged or Categorised watches for. */
export function holdsCondition(message: IDataObject, settings: EventSettings): boolean {
	if (settings.event === 'messageFlagged') return (message.flag as IDataObject | undefined)?.flagStatus === 'flagged';
	const wanted = settings.eventCategory.toLowerCase();
	return Array.isArray(message.categories) && message.categories.some((category) => typeof category === 'string' && category.toLowerCase() === wanted);
}

/**
 * Notes one message of a round in the state and says whether it is an event to emit. `emitting` false (the first
 * round, which reads what was there at activation, or a replay after Graph forgot the delta token for the
 * events that read from no start date) only notes it.
 */
export function noteChange(
	state: TriggerState,
	message: IDataObject & { id: string },
	receivedDateTime: string,
	settings: EventSettings,
	emitting: boolean,
): boolean {
	const { id } = message;
	if (settings.event === 'messageReceived' || settings.event === 'messageMoved') {
		if (state.seen[id] !== undefined) return false;
		state.seen[id] = receivedDateTime;
		return emitting && (settings.event === 'messageReceived' || isMovedIn(message));
	}
	const holds = (state.holds ??= {});
	if (!holdsCondition(message, settings)) {
		delete holds[id];
		return false;
	}
	if (holds[id] !== undefined) return false;
	holds[id] = receivedDateTime;
	return emitting;
}

/** Messages gone from a folder (deleted or moved away) hold nothing there any more. */
export function noteRemoved(state: TriggerState, ids: readonly string[]): void {
	if (!state.holds) return;
	for (const id of ids) delete state.holds[id];
}

/** At most MAX_SEEN messages are kept as holding the condition, the most recently received. */
export function pruneHolds(state: TriggerState): void {
	if (!state.holds) return;
	const entries = Object.entries(state.holds);
	if (entries.length <= MAX_SEEN) return;
	entries.sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0));
	state.holds = Object.fromEntries(entries.slice(0, MAX_SEEN));
}
