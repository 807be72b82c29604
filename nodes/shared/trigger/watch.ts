/**
 * One poll over every watched mailbox. Mailboxes are read side by side, so the client packs their delta
 * requests into `$batch` requests (20 each, at most 4 per mailbox at once, its lanes' rule). Each mailbox keeps its
 * own state: one that fails (no mailbox, outside the app's scope, deleted) is left as it was, tried again on later
 * polls with back-off and reported in n8n's log, and holds back no other; the poll fails only when every mailbox
 * fails. When the poll's time runs out, the mailboxes not reached are the first of the next poll.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { operationError, settle } from '../graph/errors';
import { pruneHolds } from '../mail/delta/events';
import { pruneSeen, type PendingMessage, type TriggerState } from '../mail/delta/state';
import {
	freshWatch,
	inBackoff,
	readWatchState,
	recordFailure,
	writeWatchState,
	type WatchState,
} from '../mail/delta/watch';
import { watchedMailboxes } from './mailboxes';
import { byReceived, mailboxState, markAsRead, MAX_EMITTED_PER_POLL, newestMatching, pollBudgetMs, readMailboxChanges, readPending, toItems } from './poll';
import { watchKey, type TriggerSettings } from './settings';

/** Mailboxes read at once: enough to fill 10 `$batch` requests of 20. */
export const MAILBOXES_IN_FLIGHT = 200;

interface MailboxRead {
	mailbox: string;
	state: TriggerState;
	fetched: Map<string, IDataObject>;
}

interface PendingEntry {
	read: MailboxRead;
	message: PendingMessage;
}

/** The watch for this poll: the stored one, or a fresh one (`activation`) when there was none or it was unusable. */
function watchForPoll(context: IPollFunctions, settings: TriggerSettings): { watch: WatchState; activation: boolean } {
	const stored = readWatchState(context.getWorkflowStaticData('node'), watchKey(settings));
	if (stored.kind === 'valid') return { watch: stored.watch, activation: false };
	const node = context.getNode();
	const where = { workflowId: context.getWorkflow().id, nodeName: node.name };
	if (stored.kind === 'invalid') {
		context.logger.warn(
			`Outlook Mail (App) Trigger "${node.name}": its stored state could not be used (${stored.problem}), so it starts again from now: mail received before is not emitted.`,
			where,
		);
		// Not an activation: nothing already in the mailboxes is emitted, whatever the start option.
		return { watch: freshWatch(watchKey(settings)), activation: false };
	}
	if (stored.kind === 'otherSettings') {
		context.logger.warn(
			`Outlook Mail (App) Trigger "${node.name}": its stored state was made for another mailbox, other folders or another start option, so it starts again as at activation.`,
			where,
		);
	}
	return { watch: freshWatch(watchKey(settings)), activation: true };
}

/**
 * Watching one mailbox, a state kept only for another one means the Mailbox was changed: a new activation, said
 * aloud, as before the trigger watched several.
 */
function anotherSingleMailbox(context: IPollFunctions, settings: TriggerSettings, watch: WatchState): boolean {
	if (settings.mailboxMode === 'list' || settings.mailboxMode === 'group') return false;
	const kept = Object.keys(watch.mailboxes);
	if (!kept.length || kept.includes(settings.mailbox.toLowerCase())) return false;
	context.logger.warn(
		`Outlook Mail (App) Trigger "${context.getNode().name}": its stored state was made for another mailbox, other folders or another start option, so it starts again as at activation.`,
		{ workflowId: context.getWorkflow().id, nodeName: context.getNode().name },
	);
	return true;
}

/** The mailboxes in the order this poll reads them: those the last poll did not reach first, then the others. */
function pollOrder(mailboxes: string[], watch: WatchState): string[] {
	const first = new Set(watch.first);
	return [...mailboxes.filter((mailbox) => first.has(mailbox.toLowerCase())), ...mailboxes.filter((mailbox) => !first.has(mailbox.toLowerCase()))];
}

export async function pollForNewMail(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	// The client's clock: the process's, or a test's virtual one; the pager stops by the same clock.
	const started = client.now();
	const stopBy = started + pollBudgetMs(context) / 2;
	const { watch, activation: newWatch } = watchForPoll(context, settings);
	const mailboxes = await watchedMailboxes(context, client, settings, watch, started);
	const node = context.getNode();
	const activation = newWatch || anotherSingleMailbox(context, settings, watch);

	const reads: MailboxRead[] = [];
	const failures: Error[] = [];
	const notReached: string[] = [];
	let waiting = 0;
	const queue = pollOrder(mailboxes, watch);
	let next = 0;
	const worker = async () => {
		while (next < queue.length) {
			const mailbox = queue[next++];
			if (inBackoff(watch, mailbox, started)) {
				waiting++;
				continue;
			}
			if (client.now() >= stopBy) {
				notReached.push(mailbox.toLowerCase());
				continue;
			}
			const mailboxSettings = { ...settings, mailbox };
			const read = await settle(
				(async () => {
					const state = mailboxState(context, client, mailboxSettings, watch, started, activation);
					const fetched = await readMailboxChanges(context, client, mailboxSettings, state, { started, stopBy });
					return { mailbox, state, fetched };
				})(),
			);
			if (!(read instanceof Error)) {
				delete watch.health[mailbox.toLowerCase()];
				reads.push(read);
				continue;
			}
			const error = client.redact(read);
			failures.push(error);
			const health = recordFailure(watch, mailbox, client.now());
			// One mailbox watched: its failure fails the poll, which says it.
			if (mailboxes.length > 1) context.logger.warn(
				`Outlook Mail (App) Trigger "${node.name}": mailbox "${mailbox}" could not be read (${error.message}); the others go on, and it is tried again from ${health.retryAt} (failure ${health.failures} in a row).`,
				{ workflowId: context.getWorkflow().id, nodeName: node.name, mailbox },
			);
		}
	};
	await Promise.all(Array.from({ length: Math.min(MAILBOXES_IN_FLIGHT, queue.length) }, worker));

	// Every mailbox failed (now, or earlier and still waiting): the poll fails, and its state is not kept.
	if (failures.length && !reads.length && !notReached.length) {
		// One mailbox watched: its own error, as it is.
		if (mailboxes.length === 1) throw failures[0];
		throw operationError(node, INPUT_TEXTS.everyMailboxFailed(failures.length + waiting, failures[0].message));
	}

	// In the list's order, whatever order the reads ended in: of two messages received at once, and of one
	// mailbox's two names, the first listed comes first.
	const listed = new Map(mailboxes.map((mailbox, index) => [mailbox, index]));
	reads.sort((a, b) => listed.get(a.mailbox)! - listed.get(b.mailbox)!);
	const states = new Map(reads.map((read) => [read.mailbox.toLowerCase(), read.state]));
	const items = await emit(context, client, settings, reads);
	for (const state of states.values()) {
		pruneSeen(state, started);
		pruneHolds(state);
	}
	watch.first = notReached;
	writeWatchState(staticData, watch, states, mailboxes);
	return items.length ? [items] : null;
}

/**
 * The oldest pending messages of all mailboxes read, at most a batch, and the repeats left out of it. A mailbox
 * watched under two names (an address and its alias, a UPN and the object ID) is read twice, but its messages
 * have one set of IDs, and an ID names a message of one mailbox only. So a message pending under two names is
 * emitted once, and one that another name has already seen and no longer has pending (emitted, or left out by the
 * filters) is a repeat. Only the mailboxes read in this poll are compared.
 */
function toEmit(reads: MailboxRead[]): { pending: PendingEntry[]; repeats: PendingEntry[]; sameMailbox: Map<string, string> } {
	const all = reads.flatMap((read) => read.state.pending.map((message) => ({ read, message }))).sort((a, b) => byReceived(a.message, b.message));
	const sameMailbox = new Map<string, string>();
	if (reads.length < 2) return { pending: all.slice(0, MAX_EMITTED_PER_POLL), repeats: [], sameMailbox };
	const pendingIds = new Map(reads.map((read) => [read, new Set(read.state.pending.map((message) => message.id))]));
	const dealtWith = (read: MailboxRead, id: string) =>
		(read.state.seen[id] !== undefined || read.state.holds?.[id] !== undefined) && !pendingIds.get(read)!.has(id);
	const pending: PendingEntry[] = [];
	const repeats: PendingEntry[] = [];
	const chosenBy = new Map<string, MailboxRead>();
	for (const entry of all) {
		const { id } = entry.message;
		const first = chosenBy.get(id) ?? reads.find((other) => other !== entry.read && dealtWith(other, id));
		if (first) {
			repeats.push(entry);
			sameMailbox.set(entry.read.mailbox, first.mailbox);
		} else if (pending.length < MAX_EMITTED_PER_POLL) {
			chosenBy.set(id, entry.read);
			pending.push(entry);
		}
	}
	return { pending, repeats, sameMailbox };
}

/**
 * Emits the pending messages `toEmit` chooses; a message read in this poll is not read again. Emitted messages
 * and repeats leave their mailbox's pending list.
 */
async function emit(context: IPollFunctions, client: GraphClient, settings: TriggerSettings, reads: MailboxRead[]): Promise<INodeExecutionData[]> {
	const { pending, repeats, sameMailbox } = toEmit(reads);
	for (const [repeat, first] of sameMailbox) {
		context.logger.warn(
			`Outlook Mail (App) Trigger "${context.getNode().name}": mailboxes "${first}" and "${repeat}" are one mailbox (they hold the same messages); each message is emitted once, as "${first}". List the mailbox once to spare the second read.`,
			{ workflowId: context.getWorkflow().id, nodeName: context.getNode().name },
		);
	}
	const messages = await Promise.all(
		pending.map(async ({ read, message }) => {
			const found = read.fetched.get(message.id) ?? (await readPending(client, { ...settings, mailbox: read.mailbox }, message));
			return found ? { mailbox: read.mailbox, message: found } : undefined;
		}),
	);
	const emitted = messages.filter((entry): entry is { mailbox: string; message: IDataObject } => entry !== undefined);
	const items = await toItems(context, client, settings, emitted);
	if (settings.markAsRead) await markAsRead(client, emitted);
	const taken = new Set([...pending, ...repeats].map(({ message }) => message));
	for (const read of reads) read.state.pending = read.state.pending.filter((message) => !taken.has(message));
	return items;
}

/** "Fetch Test Event": the newest matching message of the watched mailboxes, as an item; changes no state. */
export async function testEvent(context: IPollFunctions, client: GraphClient, settings: TriggerSettings): Promise<INodeExecutionData[]> {
	// A watch of its own: the static data is not touched, and a group's members are read afresh.
	const mailboxes = await watchedMailboxes(context, client, settings, freshWatch(watchKey(settings)), client.now());
	const found = await Promise.all(
		mailboxes.map(async (mailbox) => ({ mailbox, message: await settle(newestMatching(client, { ...settings, mailbox })) })),
	);
	const failed = found.filter((entry) => entry.message instanceof Error);
	if (failed.length && failed.length === found.length) throw client.redact(failed[0].message as Error);
	let newest: { mailbox: string; message: IDataObject } | undefined;
	for (const { mailbox, message } of found) {
		if (!message || message instanceof Error) continue;
		if (!newest || String(message.receivedDateTime) > String(newest.message.receivedDateTime)) newest = { mailbox, message };
	}
	if (!newest) {
		throw new NodeOperationError(context.getNode(), INPUT_TEXTS.noMatchingMessage, { description: INPUT_TEXTS.noMatchingMessageHint });
	}
	return await toItems(context, client, settings, [newest]);
}
