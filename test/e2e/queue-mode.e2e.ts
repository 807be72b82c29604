/**
 * The package in n8n's queue mode, as it runs in production: real n8n 2.41.1, a main process (`n8n start`)
 * and two workers (`n8n worker`), Redis and PostgreSQL, all started here on loopback ports and stopped after
 * the file (harness/queue-cluster.ts); the package installed in each process's user folder as n8n's installer
 * installs it; the emulator in this process, modelling Exchange's throttling (4 operations at once per
 * mailbox, the mailbox throttled until Retry-After has passed, the steps of a `$batch` all started at once).
 *
 * - Two 500-item "mark as read" executions on one mailbox at once, on the two workers: 0 failed items, each
 *   message written once, the 429s they met counted.
 * - A 30 MB attachment downloaded to binary data and sent on, byte for byte, in `database` binary mode
 *   (queue mode's default), the worker's memory sampled meanwhile.
 * - One trigger watching five mailboxes (a list): 100 mails over five polls, each emitted once and saying its
 *   mailbox, executions on workers, its state (a delta link per mailbox) in PostgreSQL.
 */
import { createHash, randomBytes } from 'node:crypto';

import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { sampleMemory, type ProcessMemory } from './harness/memory';
import { QueueCluster, type QueueServices } from './harness/queue-cluster';
import type { ExecutionSummary } from './harness/rest';
import { waitFor } from './harness/wait';
import { byId, linearWorkflow, outlook, outlookTrigger, pollEverySeconds, tagInItsMailbox, webhook } from './harness/workflows';
import { finishedExecutions, flattedParse, recordResults, startQueueServices } from './setup/queue-case';

const { adele, alex } = SAMPLE.users;
const { lukas } = SAMPLE.mailboxes;
const MB = 1024 * 1024;

const BULK = linearWorkflow('e2eQueueBulkRead1', 'Queue: mark a folder read', [
	webhook('Mark folder read', 'queue-bulk-read'),
	outlook('List folder', { resource: 'message', operation: 'getMany', folderScope: 'folder', folderId: byId('={{ $json.body.folder }}'), returnAll: true }),
	outlook(
		'Mark read',
		{ resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { readStatus: 'read' } },
		{ onError: 'continueRegularOutput' },
	),
]);

const ATTACHMENT = linearWorkflow('e2eQueueAttachmnt1', 'Queue: pass a large attachment on', [
	webhook('Pass the report on', 'queue-attachment'),
	outlook('Download report', {
		resource: 'attachment',
		operation: 'download',
		messageId: byId('={{ $json.body.messageId }}'),
		scope: 'one',
		attachmentId: byId('={{ $json.body.attachmentId }}'),
		binaryPropertyName: 'data',
	}),
	outlook('Send report', {
		resource: 'message',
		operation: 'send',
		toRecipients: alex.mail,
		subject: 'Quarterly archive (queue e2e)',
		bodyContent: '<p>The archive is attached.</p>',
		additionalFields: { attachments: 'data' },
	}),
]);

const CATEGORY = 'Seen by n8n';
/**
 * One trigger watching five mailboxes of different kinds (user, shared, room, equipment) as a list, each with
 * its own state; the node after it tags each message in the mailbox its item names (`mailbox`), as a user
 * builds it.
 */
const WATCHED = [lukas, SAMPLE.mailboxes.sales, SAMPLE.mailboxes.boardroom, SAMPLE.mailboxes.projector, alex];
const TRIGGER = linearWorkflow('e2eQueueTrigger01', 'Queue: tag new mail in five mailboxes', [
	outlookTrigger(
		'New mail',
		{ event: 'messageReceived', mailboxMode: 'list', mailboxes: WATCHED.map((mailbox) => mailbox.userPrincipalName).join(', '), folders: ['inbox'] },
		pollEverySeconds(5),
	),
	tagInItsMailbox('Tag it', CATEGORY),
]);

let emulator: Emulator;
let services: QueueServices | undefined;
let cluster: QueueCluster | undefined;
const startedAt = Date.now();

beforeAll(async () => {
	// Exchange as the benchmark models it, with the harsher of the two $batch models.
	emulator = await startEmulator({ latencyMs: 50, serviceTimeMs: 5, mailboxConcurrency: 4, batchModel: 'allAtOnce' });
	services = await startQueueServices('queue-mode', emulator, [BULK, ATTACHMENT, TRIGGER]);
	// One job at a time per worker: two executions started together run on two workers.
	cluster = await QueueCluster.start(services, { name: 'mode', workers: 2, workerConcurrency: 1 });
	recordResults('queue-mode startup', { seconds: Math.round((Date.now() - startedAt) / 1000) });
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await services?.stop();
	await emulator?.close();
	recordResults('queue-mode file', { seconds: Math.round((Date.now() - startedAt) / 1000) });
}, 120_000);

const webhookUrl = (path: string) => `${cluster!.rest.baseUrl}/webhook/${path}`;

/**
 * Publishes a webhook workflow and waits until its production webhook is registered: in queue mode the main
 * process finds webhooks in PostgreSQL (webhook_entity), written after the activation request has answered.
 */
async function activateWebhook(workflowId: string): Promise<void> {
	await cluster!.rest.activate(workflowId);
	await waitFor(
		`the webhook of ${workflowId} to be registered`,
		async () => (await cluster!.query(`SELECT count(*) FROM webhook_entity WHERE "workflowId" = '${workflowId}'`))[0]?.[0] !== '0',
		{ timeoutMs: 60_000 },
	);
}

async function callWebhook(path: string, body: object): Promise<void> {
	const response = await fetch(webhookUrl(path), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`POST /webhook/${path}: ${response.status} ${await response.text()}`);
}

it('two 500-item bulk updates on one mailbox at once, on two workers: 0 failed items, every message written once', async () => {
	const folders = ['Bulk A', 'Bulk B'].map((name) => emulator.store.addFolder(adele.id, emulator.store.folder(adele.id, 'inbox').id, name));
	const messages = folders.map((folder, index) => emulator.store.addMessages(adele.id, folder.id, 500, 100 + index));
	for (const message of messages.flat()) message.isRead = false;
	await activateWebhook(BULK.id);
	emulator.clearRequests();

	const started = Date.now();
	await Promise.all(folders.map(async (folder) => await callWebhook('queue-bulk-read', { folder: folder.id })));
	const executions = await finishedExecutions(cluster!, BULK.id, 2, 240_000);
	const seconds = (Date.now() - started) / 1000;

	const parse = flattedParse();
	const outputs = await Promise.all(executions.map(async (execution) => await cluster!.rest.execution(execution.id, parse)));
	const items = outputs.map((execution) => execution.data.resultData.runData['Mark read']?.[0]?.data?.main[0] ?? []);
	const failedItems = items.flat().filter((item) => item.json.error !== undefined).length;
	const writes = messages.flat().map((message) => emulator.store.updateCount(message.id));
	const graph = emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === adele.id);
	const workers = executions.map((execution) => cluster!.executionWorkers().get(execution.id) ?? []);
	const results = {
		executions: executions.map((execution) => execution.status),
		workers,
		items: items.map((list) => list.length),
		failedItems,
		applied: writes.filter((count) => count === 1).length,
		duplicateWrites: writes.filter((count) => count > 1).length,
		missingWrites: writes.filter((count) => count === 0).length,
		stillUnread: messages.flat().filter((message) => !message.isRead).length,
		patchesSent: graph.filter((request) => request.method === 'PATCH').length,
		throttled429: graph.filter((request) => request.status === 429).length,
		batches: emulator.requests.filter((request) => request.kind === 'batch').length,
		maxInFlight: emulator.maxInFlight(adele.id),
		seconds,
	};
	recordResults('bulk: 2 x 500 mark read on one mailbox, 2 workers', results);

	expect(results.executions).toEqual(['success', 'success']);
	// Each execution on one worker, and not the same one.
	expect(workers.map((names) => names.length)).toEqual([1, 1]);
	expect(new Set(workers.flat()).size).toBe(2);
	expect(results.items).toEqual([500, 500]);
	expect(results).toMatchObject({ failedItems: 0, applied: 1000, duplicateWrites: 0, missingWrites: 0, stillUnread: 0 });
	await cluster!.rest.deactivate(BULK.id);
});

it('a 30 MB attachment downloaded to binary data and sent on, byte for byte, in database binary mode', async () => {
	const bytes = randomBytes(30 * MB);
	const digest = createHash('sha256').update(bytes).digest('hex');
	const inbox = emulator.store.folder(adele.id, 'inbox').id;
	const message = emulator.store.addMessage(adele.id, inbox, { subject: 'Quarterly archive' });
	const attachment = emulator.store.addFileAttachment(adele.id, message.id, 'archive.bin', bytes, 'application/octet-stream');
	await activateWebhook(ATTACHMENT.id);
	emulator.clearRequests();

	const memory = sampleMemory(cluster!.workerPids());
	const started = Date.now();
	let execution: ExecutionSummary;
	let figures: ProcessMemory[];
	try {
		await callWebhook('queue-attachment', { messageId: message.id, attachmentId: attachment.id });
		[execution] = await finishedExecutions(cluster!, ATTACHMENT.id, 1, 180_000);
	} finally {
		figures = memory.stop();
	}
	const seconds = (Date.now() - started) / 1000;

	// n8n kept the download in PostgreSQL (binary_data), whole: queue mode's default binary data mode.
	const stored = await cluster!.query(`SELECT "fileSize", encode(sha256(data), 'hex') FROM binary_data WHERE "fileName" = 'archive.bin'`);
	const sent = emulator.store
		.messages(alex.id, emulator.store.folder(alex.id, 'inbox').id)
		.filter((candidate) => candidate.subject === 'Quarterly archive (queue e2e)');
	const [worker] = cluster!.executionWorkers().get(execution.id) ?? [];
	const ran = figures[cluster!.workers.findIndex((member) => member.name === worker)];
	const results = {
		status: execution.status,
		worker,
		storedInDatabase: stored.map(([size, hash]) => ({ size: Number(size), intact: hash === digest })),
		delivered: sent.length,
		uploadRequests: emulator.requests.filter((request) => request.kind === 'upload').length,
		workerRssMb: ran && { start: Math.round(ran.startRssMb), peak: Math.round(ran.peakRssMb), growth: Math.round(ran.peakRssMb - ran.startRssMb), hwm: Math.round(ran.hwmMb) },
		seconds,
	};
	recordResults('attachment: 30 MB download + send, database binary mode', results);

	expect(execution.status).toBe('success');
	expect(stored.length).toBeGreaterThan(0);
	expect(results.storedInDatabase.every((row) => row.size === bytes.length && row.intact)).toBe(true);
	expect(sent).toHaveLength(1);
	const [received] = sent[0].attachments;
	expect(received.kind === 'file' && received.name === 'archive.bin' && received.content.equals(bytes)).toBe(true);
	await cluster!.rest.deactivate(ATTACHMENT.id);
});

it('one trigger watching five mailboxes in queue mode: 100 mails over several polls, each emitted once naming its mailbox, executions on workers, state in PostgreSQL', async () => {
	const ids = WATCHED.map((mailbox) => mailbox.id);
	const upnOf = new Map<string, string>(WATCHED.map((mailbox) => [mailbox.id, mailbox.userPrincipalName]));
	const flow = emulator.mailFlow({ mailboxes: ids, seed: 13 });
	const deltaPolls = (mailbox: string) =>
		emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === mailbox && request.status === 200 && /\/messages\/delta$/.test(request.path)).length;
	/** Until every watched mailbox has been polled `count` more times. */
	const waitPolls = async (count: number) => {
		const from = ids.map(deltaPolls);
		await waitFor(`${count} more polls of each watched Inbox`, () => ids.every((id, index) => deltaPolls(id) >= from[index] + count), { timeoutMs: 90_000 });
	};
	await cluster!.rest.activate(TRIGGER.id);
	await waitPolls(1);

	const rounds = 5;
	for (let round = 0; round < rounds; round++) {
		flow.deliver(20);
		await waitPolls(1);
	}
	const tagged = () => flow.delivered.filter((mail) => emulator.store.message(mail.userId, mail.messageId).categories.includes(CATEGORY)).length;
	await waitFor('every delivered mail tagged', () => tagged() === flow.delivered.length, { timeoutMs: 120_000, detail: () => `${tagged()} of ${flow.delivered.length} tagged` });
	await waitPolls(3);
	const executions = await finishedExecutions(cluster!, TRIGGER.id, 1, 60_000);

	// What the trigger emitted, from n8n's own run data: each item's message and the mailbox it names.
	const parse = flattedParse();
	const emitted = (
		await Promise.all(executions.map(async (execution) => (await cluster!.rest.execution(execution.id, parse)).data.resultData.runData['New mail']?.[0]?.data?.main[0] ?? []))
	).flat();
	const mailboxOfItem = new Map(emitted.map((item) => [String(item.json.id), item.json.mailbox]));
	const patches = emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'PATCH' && request.status === 200);
	const writes = flow.delivered.map((mail) => emulator.store.updateCount(mail.messageId));
	const onWorkers = executions.map((execution) => cluster!.executionWorkers().get(execution.id) ?? []);
	const [[staticData]] = await cluster!.query(`SELECT "staticData"::text FROM workflow_entity WHERE id = '${TRIGGER.id}'`);
	const results = {
		triggerNodes: 1,
		mailboxes: ids.length,
		rounds,
		delivered: flow.delivered.length,
		perMailbox: ids.map((id) => flow.delivered.filter((mail) => mail.userId === id).length),
		itemsEmitted: emitted.length,
		emittedOnce: writes.filter((count) => count === 1).length,
		duplicated: writes.filter((count) => count > 1).length,
		lost: writes.filter((count) => count === 0).length,
		// Each item names the mailbox the mail was delivered to, and the tag went to that mailbox.
		itemsNamingTheirMailbox: flow.delivered.filter((mail) => mailboxOfItem.get(mail.messageId) === upnOf.get(mail.userId)).length,
		tagsInTheirMailbox: flow.delivered.filter((mail) => patches.some((request) => request.mailbox === mail.userId && request.path.endsWith(`/${mail.messageId}`))).length,
		executions: executions.length,
		executionsOnWorkers: onWorkers.filter((names) => names.length === 1).length,
		workersUsed: [...new Set(onWorkers.flat())].sort(),
		deltaRequests: ids.map(deltaPolls).reduce((sum, count) => sum + count, 0),
	};
	recordResults('trigger: 1 trigger node on 5 mailboxes (list), 100 mails, legacy scheduler', results);

	expect(results).toMatchObject({ delivered: 100, itemsEmitted: 100, emittedOnce: 100, duplicated: 0, lost: 0, itemsNamingTheirMailbox: 100, tagsInTheirMailbox: 100 });
	expect(results.executionsOnWorkers).toBe(executions.length);
	expect(executions.every((execution) => execution.status === 'success' && execution.mode === 'trigger')).toBe(true);
	// The trigger's state is the workflow's static data, in PostgreSQL: one node's, a delta link per mailbox.
	const state = JSON.parse(staticData) as Record<string, { outlookMailApp?: { mailboxes?: Record<string, unknown> } }>;
	const perMailbox = state['node:New mail']?.outlookMailApp?.mailboxes ?? {};
	expect(Object.keys(state).filter((key) => key.startsWith('node:'))).toEqual(['node:New mail']);
	expect(WATCHED.map((mailbox) => JSON.stringify(perMailbox[mailbox.userPrincipalName.toLowerCase()] ?? '').includes('deltatoken'))).toEqual(WATCHED.map(() => true));
	await cluster!.rest.deactivate(TRIGGER.id);
});
