/**
 * The tenant-scale workloads of issue 13, against the emulator set to the bench model (50 ms per HTTP request,
 * 5 ms per mailbox operation, 4 at once per mailbox):
 * - 20 mailboxes x 100 updates in one execution, beside one mailbox's 100 (target: at most 1.5x its wall time, 0 failed);
 * - the trigger's empty poll over 100 mailboxes x 1 folder (target: at most 6 HTTP requests, under 2 s);
 * - listing 10,000 users (Mailbox > Get Many, Return All), plain and with the Exchange mailbox check.
 * Prints requests, wall time, peak memory and failures. Not a test: nothing here can fail the build.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useGraphRuntime } from '../nodes/shared/graph/runtime';
import { clearTokenCache } from '../nodes/shared/graph/token';
import { isGraphHttpRequest, SAMPLE, startEmulator, type Emulator } from '../test/emulator';
import { emulatorCredential, runOutlook, runOutlookNode } from '../test/helpers/outlook';
import { TriggerHarness } from '../test/trigger/helpers';
import { startEmulatorThread, type EmulatorThread } from './emulator-thread';
import { memoryWatch, printTable, type BenchModel } from './table';

interface Row {
	name: string;
	requests: number;
	ms: number;
	memory: { heldMb: number; rssMb: number };
	failed: number;
	items: number;
	target: string;
}

/** HTTP requests to Graph: `$batch` requests and requests sent alone (sub-requests are not HTTP requests). */
const httpRequests = (emulator: Emulator) =>
	emulator.requests.filter(isGraphHttpRequest).length;

/** The emulator back to its seed (in this process or on its thread), and the token cache and mailbox lanes fresh, as a new process has them. */
async function fresh(emulator: Emulator | EmulatorThread): Promise<void> {
	if ('call' in emulator) await emulator.call({ op: 'reset' });
	else emulator.reset();
	clearTokenCache();
	useGraphRuntime();
}

/** Runs the node once on `items`, after a warm-up request that takes the token (fetched once per process in real use). */
async function timedRun(emulator: Emulator, parameters: INodeParameters, items: IDataObject[]) {
	await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } });
	emulator.clearRequests();
	const stop = memoryWatch();
	const started = performance.now();
	const run = await runOutlook(emulator, parameters, items, { continueOnFail: true, keepRequests: true });
	const ms = performance.now() - started;
	return {
		run,
		ms,
		memory: stop(),
		requests: httpRequests(emulator),
		failed: run.items.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0),
	};
}

const markRead: INodeParameters = {
	resource: 'message',
	operation: 'update',
	mailbox: '={{ $json.mailbox }}',
	messageId: { mode: 'id', value: '={{ $json.id }}' },
	updateFields: { readStatus: 'read' },
};

/**
 * Time n8n-core spends resolving node parameters (expressions included) while `run` runs: the share of the node
 * thread's time that is n8n's per-item work, whatever the node does with the values.
 */
async function timingParameters<T>(run: () => Promise<T>): Promise<{ value: T; parameterMs: number }> {
	let prototype: object | null = ExecuteContext.prototype;
	while (prototype && !Object.hasOwn(prototype, '_getNodeParameter')) prototype = Object.getPrototypeOf(prototype) as object | null;
	if (!prototype) return { value: await run(), parameterMs: NaN };
	const target = prototype as { _getNodeParameter: (...args: unknown[]) => unknown };
	const original = target._getNodeParameter;
	let parameterMs = 0;
	target._getNodeParameter = function (this: unknown, ...args: unknown[]) {
		const started = performance.now();
		try {
			return original.apply(this, args);
		} finally {
			parameterMs += performance.now() - started;
		}
	};
	try {
		return { value: await run(), parameterMs };
	} finally {
		target._getNodeParameter = original;
	}
}

/**
 * One execution of mark-read over `mailboxCount` mailboxes' 100 messages each, against the emulator on its own
 * thread: its CPU is Graph's, not the node's, and on one thread the two compete (20 mailboxes x 100 took 4.4 s
 * of which the emulator's share was about half). `nodeThreadMs` is the node's thread busy time over the run.
 */
async function updates(emulator: EmulatorThread, mailboxCount: number): Promise<Row & { nodeThreadMs: number; parameterMs: number }> {
	await fresh(emulator);
	const users = await emulator.call<{ id: string }[]>({ op: 'addUsers', tenantId: SAMPLE.tenantId, count: mailboxCount, options: { seed: 13 } });
	const items: { mailbox: string; id: string }[] = [];
	for (const [index, user] of users.entries()) {
		const ids = await emulator.call<string[]>({ op: 'addMessages', userId: user.id, folder: 'inbox', count: 100, seed: 100 + index });
		items.push(...ids.map((id) => ({ mailbox: user.id, id })));
	}
	const credential = emulatorCredential(emulator);
	await runOutlookNode(credential, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } }, [{}]);
	await emulator.call({ op: 'clearRequests' });
	const stop = memoryWatch();
	const busy = performance.eventLoopUtilization();
	const started = performance.now();
	const { value: run, parameterMs } = await timingParameters(async () => await runOutlookNode(credential, markRead, items, { continueOnFail: true }));
	const ms = performance.now() - started;
	const nodeThreadMs = performance.eventLoopUtilization(busy).active;
	const memory = stop();
	const counts = await emulator.call<number[]>({ op: 'updateCounts', messageIds: items.map((item) => item.id) });
	const failed = run.items.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0);
	return {
		name: `${mailboxCount} mailbox${mailboxCount > 1 ? 'es' : ''} x 100 updates (mark read)`,
		requests: await emulator.call<number>({ op: 'httpRequests' }),
		ms,
		nodeThreadMs,
		parameterMs,
		memory,
		failed: failed + counts.filter((count) => count !== 1).length,
		items: run.items.length,
		target: '',
	};
}

async function emptyPoll(emulator: Emulator): Promise<Row> {
	await fresh(emulator);
	const users = emulator.store.addUsers(SAMPLE.tenantId, 100, { seed: 14 });
	const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: users.map((user) => user.userPrincipalName) });
	const baseline = await trigger.poll();
	if (baseline.error) throw baseline.error;
	emulator.clearRequests();
	const stop = memoryWatch();
	const started = performance.now();
	const poll = await trigger.poll();
	const ms = performance.now() - started;
	const deltas = emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/messages/delta')).length;
	return {
		name: `trigger: empty poll, 100 mailboxes x 1 folder (${deltas} delta requests)`,
		requests: httpRequests(emulator),
		ms,
		memory: stop(),
		failed: poll.error ? 1 : 0,
		items: poll.items.length,
		target: '<= 6 requests, < 2000 ms',
	};
}

async function listUsers(emulator: Emulator, onlyWithMailbox: boolean): Promise<Row> {
	await fresh(emulator);
	emulator.store.addUsers(SAMPLE.tenantId, 10_000 - 9, { seed: 15, shares: { withoutMailbox: 0.05, shared: 0.05, room: 0.02 } });
	const result = await timedRun(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true, options: { onlyWithMailbox } }, [{}]);
	return {
		name: `list 10,000 users${onlyWithMailbox ? ', Only Users With an Exchange Mailbox' : ''} (${result.run.items.length} out)`,
		requests: result.requests,
		ms: result.ms,
		memory: result.memory,
		failed: result.failed,
		items: result.run.items.length,
		target: '',
	};
}

export async function runTenantBench(model: BenchModel): Promise<void> {
	const emulator = await startEmulator(model);
	const thread = await startEmulatorThread(model);
	const rows: Row[] = [];
	try {
		const one = await updates(thread, 1);
		const twenty = await updates(thread, 20);
		const busy = (row: { nodeThreadMs: number; parameterMs: number }) =>
			`node thread busy ${row.nodeThreadMs.toFixed(0)} ms, of it n8n resolving parameters ${row.parameterMs.toFixed(0)} ms`;
		rows.push({ ...one, target: busy(one) }, { ...twenty, target: `<= 1.5x of one mailbox: ${(twenty.ms / one.ms).toFixed(2)}x; ${busy(twenty)}` });
		console.error('done: updates');
		rows.push(await emptyPoll(emulator));
		console.error('done: empty poll');
		rows.push(await listUsers(emulator, false));
		rows.push(await listUsers(emulator, true));
		console.error('done: users');
	} finally {
		await emulator.close();
		await thread.close();
	}
	printTable(
		['tenant workload', 'HTTP requests', 'wall ms', 'peak heap+buffers +MB', 'failed', 'target'],
		rows.map((row) => [
			row.name,
			String(row.requests),
			row.ms.toFixed(0),
			`${row.memory.heldMb.toFixed(1)} (rss ${row.memory.rssMb.toFixed(0)})`,
			String(row.failed),
			row.target,
		]),
	);
}
