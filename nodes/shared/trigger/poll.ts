/**
 * One mailbox's part of a poll: read each watched folder's changes, keep the messages never seen before that
 * match the filters as pending, oldest first; and the steps that emit them. `watch.ts` runs this for every
 * watched mailbox and keeps a mailbox's new state only when its part succeeded, so a failed mailbox is left as it
 * was and a later poll catches up.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { settle } from '../graph/errors';
import { isGraphError } from '../graph/graphError';
import { deltaScope, noteChange, noteRemoved } from '../mail/delta/events';
import { DELTA_PAGE_SIZE, firstDeltaLink, readFolderChanges } from '../mail/delta/round';
import { isIsoDateTime, isStorableId, MAX_PENDING, type PendingMessage, resyncFrom, STATE_VERSION, type TriggerState } from '../mail/delta/state';
import { readMailboxState, type WatchState } from '../mail/delta/watch';
import { updateMessage } from '../mail/drafts';
import { matchesFilters } from '../mail/filters';
import { messageItem, shapeMessage } from '../mail/messageOutput';
import { mailFolderPath, messagePath } from '../mail/paths';
import { configKey, triggerSelect, type TriggerSettings } from './settings';

/** Messages emitted by one poll at most; a larger backlog waits for the next polls, oldest first. */
export const MAX_EMITTED_PER_POLL = 100;
/** Used when n8n gives no poll budget (before 2.41). */
const DEFAULT_POLL_BUDGET_MS = 300_000;
/** How far before activation the first round looks, so a clock skew between n8n and Exchange loses nothing. */
const START_SKEW_MS = 5 * 60 * 1000;

export function pollBudgetMs(context: IPollFunctions): number {
	// getPollBudgetMs arrived in n8n 2.41; older 2.x poll contexts lack it.
	const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

export function byReceived(a: PendingMessage, b: PendingMessage): number {
	return a.receivedDateTime < b.receivedDateTime ? -1 : a.receivedDateTime > b.receivedDateTime ? 1 : a.id < b.id ? -1 : 1;
}

/** The items of `messages`, each saying the mailbox it came from (`mailbox`, as the trigger addressed it). */
export async function toItems(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	messages: Array<{ mailbox: string; message: IDataObject }>,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const { mailbox, message } of messages) {
		const json = { ...shapeMessage(message, settings.output, settings.fields), mailbox };
		const downloadAttachments = settings.downloadAttachments && message.hasAttachments === true;
		items.push(await messageItem(context, client, mailbox, message, { json, downloadAttachments, attachmentsPrefix: settings.attachmentsPrefix }, 0));
	}
	return items;
}

export async function markAsRead(client: GraphClient, messages: Array<{ mailbox: string; message: IDataObject }>): Promise<void> {
	await Promise.all(
		messages
			.filter(({ message }) => message.isRead !== true)
			.map(async ({ mailbox, message }) => await updateMessage(client, mailbox, String(message.id), { isRead: true })),
	);
}

/** The newest matching message of one mailbox's watched folders, for "Fetch Test Event"; changes no state. */
export async function newestMatching(client: GraphClient, settings: TriggerSettings): Promise<IDataObject | undefined> {
	let newest: IDataObject | undefined;
	for (const folder of settings.folders) {
		const messages = await client.paginate<IDataObject>(
			{
				method: 'GET',
				path: mailFolderPath(settings.mailbox, folder).child('messages'),
				query: { $select: triggerSelect(settings), $orderby: 'receivedDateTime desc' },
			},
			{ limit: 50 },
		);
		const match = messages.find((message) => matchesFilters(message, settings.filters));
		if (match && (!newest || String(match.receivedDateTime) > String(newest.receivedDateTime))) newest = match;
	}
	return newest;
}

/**
 * The state of a trigger that starts watching now. `includeExisting` false: a state replacing one that could not
 * be used starts from now whatever the option says, so nothing old is emitted.
 */
export function freshState(settings: TriggerSettings, now: number, includeExisting = settings.includeExisting): TriggerState {
	return {
		version: STATE_VERSION,
		configKey: configKey(settings),
		startedAt: new Date(includeExisting ? 0 : now - START_SKEW_MS).toISOString(),
		...(includeExisting === settings.includeExisting ? {} : { includeExisting }),
		folders: {},
		seen: {},
		pending: [],
	};
}

/**
 * A mailbox's stored state, checked in full; a state that cannot be used (invalid, or pointing at another origin,
 * mailbox or folder) is replaced by a fresh one that starts from now, and n8n's log says why. A mailbox with no
 * state yet starts as at activation when the watch is new (`activation`), else from now: a mailbox added to the
 * list or group later emits none of its old mail.
 */
export function mailboxState(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	watch: WatchState,
	now: number,
	activation: boolean,
): TriggerState {
	const stored = readMailboxState(watch, settings.mailbox, {
		configKey: configKey(settings),
		graphOrigin: new URL(client.settings.graphBaseUrl).origin,
		mailbox: settings.mailbox,
		folders: settings.folders,
		now,
	});
	if (stored.kind === 'valid') return stored.state;
	const node = context.getNode();
	const where = { workflowId: context.getWorkflow().id, nodeName: node.name, mailbox: settings.mailbox };
	if (stored.kind === 'invalid') {
		context.logger.warn(
			`Outlook Mail (App) Trigger "${node.name}": its stored state for mailbox "${settings.mailbox}" could not be used (${stored.problem}), so it starts again from now: mail received before is not emitted.`,
			where,
		);
		return freshState(settings, now, false);
	}
	if (stored.kind === 'otherSettings') {
		// The folders or Include Mail Already in the Folders changed: a new activation, said aloud.
		context.logger.warn(
			`Outlook Mail (App) Trigger "${node.name}": its stored state for mailbox "${settings.mailbox}" was made for another mailbox, other folders or another start option, so it starts again as at activation.`,
			where,
		);
		return freshState(settings, now);
	}
	return activation ? freshState(settings, now) : freshState(settings, now, false);
}

/**
 * Reads a mailbox's folders' changes into `state` (seen IDs, pending messages) and returns the messages read, by
 * ID, so that emitting them costs no second read.
 */
export async function readMailboxChanges(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	state: TriggerState,
	clock: { started: number; stopBy: number },
): Promise<Map<string, IDataObject>> {
	const includeExisting = state.includeExisting ?? settings.includeExisting;
	const select = triggerSelect(settings);
	const fetched = new Map<string, IDataObject>();
	// Room left for new messages to wait in, a page short of the cap: the page that fills it still fits.
	const room = () => MAX_PENDING - DELTA_PAGE_SIZE - state.pending.length;

	const scope = deltaScope(settings.event);
	for (const folder of settings.folders) {
		const cursor = (state.folders[folder] ??= {});
		// Mail present when watching began counts as seen, unless existing mail was asked for (New Mail only).
		const isNew = (scope.fromStartDate && includeExisting) || cursor.initialRoundDone === true;
		// A full backlog waits: this folder's changes are read once there is room again.
		if (isNew && room() <= 0) continue;
		const receivedFrom = !scope.fromStartDate || (includeExisting && !cursor.link) ? undefined : state.startedAt;
		const changes = await readFolderChanges(client, {
			node: context.getNode(),
			mailbox: settings.mailbox,
			folder,
			link: cursor.link ?? firstDeltaLink(client, settings.mailbox, folder, select, receivedFrom, scope.changeType),
			restart: () => firstDeltaLink(client, settings.mailbox, folder, select, scope.fromStartDate ? resyncFrom(state, client.now()) : undefined, scope.changeType),
			stopBy: clock.stopBy,
			maxMessages: isNew ? room() : undefined,
		});
		cursor.link = changes.link;
		if (changes.complete) cursor.initialRoundDone = true;
		noteRemoved(state, changes.removed);
		// Moved Into Folder replays the whole folder after Graph forgot the token: noted, not emitted again.
		const emitting = isNew && !(changes.resynced && scope.changeType === 'created');
		for (const message of changes.messages) {
			// Only what a later read of the state accepts is kept: an ID that could not be, is not a message.
			if (!isStorableId(message.id) || fetched.has(message.id)) continue;
			const id = message.id;
			const receivedDateTime = isIsoDateTime(message.receivedDateTime)
				? message.receivedDateTime
				: new Date(clock.started).toISOString();
			if (!noteChange(state, { ...message, id }, receivedDateTime, settings, emitting)) continue;
			if (message.isDraft === true || !matchesFilters(message, settings.filters)) continue;
			fetched.set(id, message);
			state.pending.push({ id, folder, receivedDateTime });
		}
	}

	state.pending.sort(byReceived);
	if (state.pending.length > MAX_PENDING) {
		// Only when Graph sent pages larger than asked: the newest wait for a resync rather than grow the state.
		for (const dropped of state.pending.splice(MAX_PENDING)) {
			delete state.seen[dropped.id];
			fetched.delete(dropped.id);
		}
		context.logger.warn(
			`Outlook Mail (App) Trigger "${context.getNode().name}": more than ${MAX_PENDING} messages wait to be emitted in mailbox "${settings.mailbox}"; the newest were left for later.`,
		);
	}
	return fetched;
}

/**
 * A backlog message left from an earlier poll; gone (deleted or moved away: 404) or refused as not a message of
 * this mailbox (400, such as a malformed ID) means nothing to emit, rather than a poll that fails every time.
 */
export async function readPending(client: GraphClient, settings: TriggerSettings, pending: PendingMessage): Promise<IDataObject | undefined> {
	const select = triggerSelect(settings);
	const message = await settle(
		client.request<IDataObject>({
			method: 'GET',
			path: messagePath(settings.mailbox, pending.id),
			query: { $select: select },
		}),
	);
	if (!(message instanceof Error)) return message;
	if (isGraphError(message, { status: [404, 400] })) return undefined;
	throw message;
}
