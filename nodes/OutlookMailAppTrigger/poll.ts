/**
 * One poll of the trigger: read each watched folder's changes, keep the messages never seen before that
 * match the filters, and emit them oldest first, at most a batch per poll. The state is replaced only
 * when the whole poll has succeeded, so a failed poll leaves it as it was and the next one catches up.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SIMPLIFIED_MESSAGE_FIELDS, withoutAnnotations } from '../OutlookMailApp/helpers/messageOutput';
import { downloadAttachments } from '../OutlookMailApp/helpers/binary';
import type { GraphClient } from '../shared/graph/client';
import { settle } from '../shared/graph/errors';
import { segment, userPath } from '../shared/graph/paths';
import { FILTER_FIELDS, matchesFilters, type TriggerFilters } from './filters';
import {
	pruneSeen,
	readState,
	resyncFrom,
	STATE_VERSION,
	writeState,
	type PendingMessage,
	type TriggerState,
} from './state';
import { firstDeltaLink, readFolderChanges } from './sync';

/** Messages emitted by one poll at most; a larger backlog waits for the next polls, oldest first. */
export const MAX_EMITTED_PER_POLL = 100;
/** Used when n8n gives no poll budget (before 2.41). */
const DEFAULT_POLL_BUDGET_MS = 300_000;
/** How far before activation the first round looks, so a clock skew between n8n and Exchange loses nothing. */
const START_SKEW_MS = 5 * 60 * 1000;

export interface TriggerSettings {
	mailbox: string;
	folders: string[];
	filters: TriggerFilters;
	output: 'simple' | 'raw' | 'fields';
	fields: string[];
	includeExisting: boolean;
	markAsRead: boolean;
	downloadAttachments: boolean;
	attachmentsPrefix: string;
}

export function configKey(settings: TriggerSettings): string {
	return JSON.stringify([settings.mailbox.toLowerCase(), [...settings.folders].sort(), settings.includeExisting]);
}

/** `$select` for delta and reads: what the output needs plus what the filters read; none for Raw. */
function selectFor(settings: TriggerSettings): string | undefined {
	if (settings.output === 'raw') return undefined;
	const fields = settings.output === 'fields' ? settings.fields : SIMPLIFIED_MESSAGE_FIELDS;
	return [...new Set(['id', 'parentFolderId', ...fields, ...FILTER_FIELDS])].join(',');
}

function shape(message: IDataObject, settings: TriggerSettings): IDataObject {
	const clean = withoutAnnotations(message);
	if (settings.output === 'raw') return clean;
	const fields = settings.output === 'fields' ? ['id', ...settings.fields] : SIMPLIFIED_MESSAGE_FIELDS;
	return Object.fromEntries(Object.entries(clean).filter(([key]) => fields.includes(key)));
}

function pollBudgetMs(context: IPollFunctions): number {
	// getPollBudgetMs arrived in n8n 2.41; older 2.x poll contexts lack it.
	const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

function byReceived(a: PendingMessage, b: PendingMessage): number {
	return a.receivedDateTime < b.receivedDateTime ? -1 : a.receivedDateTime > b.receivedDateTime ? 1 : a.id < b.id ? -1 : 1;
}

async function toItems(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	messages: IDataObject[],
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const message of messages) {
		const item: INodeExecutionData = { json: shape(message, settings) };
		if (settings.downloadAttachments && message.hasAttachments === true) {
			const { binary, references } = await downloadAttachments(
				context,
				client,
				settings.mailbox,
				String(message.id),
				settings.attachmentsPrefix,
				0,
			);
			item.binary = binary;
			if (references.length) item.json.referenceAttachments = references;
		}
		items.push(item);
	}
	return items;
}

async function markAsRead(client: GraphClient, settings: TriggerSettings, messages: IDataObject[]): Promise<void> {
	for (const message of messages) {
		if (message.isRead === true) continue;
		await client.request({
			method: 'PATCH',
			path: userPath(settings.mailbox, 'messages', segment(message.id, 'Message')),
			body: { isRead: true },
			mailbox: settings.mailbox,
		});
	}
}

/** The newest matching message of the watched folders, for "Fetch Test Event"; changes no state. */
export async function newestMatching(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
): Promise<INodeExecutionData[]> {
	let newest: IDataObject | undefined;
	for (const folder of settings.folders) {
		const messages = await client.paginate<IDataObject>(
			{
				method: 'GET',
				path: userPath(settings.mailbox, 'mailFolders', segment(folder, 'Folder'), 'messages'),
				query: { $select: selectFor(settings), $orderby: 'receivedDateTime desc' },
				mailbox: settings.mailbox,
			},
			{ limit: 50 },
		);
		const match = messages.find((message) => matchesFilters(message, settings.filters));
		if (match && (!newest || String(match.receivedDateTime) > String(newest.receivedDateTime))) newest = match;
	}
	if (!newest) {
		throw new NodeOperationError(
			context.getNode(),
			'No message in the watched folders matches the filters (among the 50 newest of each folder)',
			{ description: 'Send a matching message to the mailbox, or loosen the filters, then fetch again.' },
		);
	}
	return await toItems(context, client, settings, [newest]);
}

function freshState(settings: TriggerSettings, now: number): TriggerState {
	return {
		version: STATE_VERSION,
		configKey: configKey(settings),
		startedAt: new Date(settings.includeExisting ? 0 : now - START_SKEW_MS).toISOString(),
		folders: {},
		seen: {},
		pending: [],
	};
}

export async function pollForNewMail(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	now: () => number = Date.now,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const started = now();
	const stopBy = started + pollBudgetMs(context) / 2;
	const existing = readState(staticData, configKey(settings));
	const state = existing ?? freshState(settings, started);
	const select = selectFor(settings);
	const fetched = new Map<string, IDataObject>();

	for (const folder of settings.folders) {
		const cursor = (state.folders[folder] ??= {});
		const receivedFrom = settings.includeExisting && !cursor.link ? undefined : state.startedAt;
		const changes = await readFolderChanges(client, {
			mailbox: settings.mailbox,
			folder,
			link: cursor.link ?? firstDeltaLink(client, settings.mailbox, folder, select, receivedFrom),
			restart: () => firstDeltaLink(client, settings.mailbox, folder, select, resyncFrom(state)),
			stopBy,
			now,
		});
		// Mail present when watching began counts as seen, unless existing mail was asked for.
		const isNew = settings.includeExisting || cursor.initialRoundDone === true;
		cursor.link = changes.link;
		if (changes.complete) cursor.initialRoundDone = true;
		for (const message of changes.messages) {
			const id = String(message.id);
			if (state.seen[id] !== undefined || fetched.has(id)) continue;
			const receivedDateTime = String(message.receivedDateTime ?? new Date(started).toISOString());
			state.seen[id] = receivedDateTime;
			if (!isNew || message.isDraft === true || !matchesFilters(message, settings.filters)) continue;
			fetched.set(id, message);
			state.pending.push({ id, folder, receivedDateTime });
		}
	}

	state.pending.sort(byReceived);
	const batch = state.pending.slice(0, MAX_EMITTED_PER_POLL);
	const messages: IDataObject[] = [];
	for (const pending of batch) {
		const message = fetched.get(pending.id) ?? (await readPending(client, settings, pending, select));
		if (message) messages.push(message);
	}
	const items = await toItems(context, client, settings, messages);
	if (settings.markAsRead) await markAsRead(client, settings, messages);

	state.pending = state.pending.slice(batch.length);
	pruneSeen(state);
	writeState(staticData, state);
	return items.length ? [items] : null;
}

/** A backlog message left from an earlier poll; gone (deleted or moved away) means nothing to emit. */
async function readPending(
	client: GraphClient,
	settings: TriggerSettings,
	pending: PendingMessage,
	select: string | undefined,
): Promise<IDataObject | undefined> {
	const message = await settle(
		client.request<IDataObject>({
			method: 'GET',
			path: userPath(settings.mailbox, 'messages', segment(pending.id, 'Message')),
			query: { $select: select },
			mailbox: settings.mailbox,
		}),
	);
	if (!(message instanceof Error)) return message;
	if (message instanceof NodeApiError && message.httpCode === '404') return undefined;
	throw message;
}
