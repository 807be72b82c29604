/**
 * `npm run bench`: the bulk workloads of issue 6, run through n8n-core's execution engine against the
 * emulator set to model Graph (50 ms network latency per HTTP request, 5 ms of service time per mailbox
 * operation, at most 4 operations per mailbox at once, $batch items included). Each workload runs with
 * batching on (the node's default) and off (one request per item, one item after another), side by side.
 * Prints requests, wall time, peak memory and the ratios. Not a test: nothing here can fail the build.
 */
import '../test/helpers/env';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useGraphRuntime } from '../nodes/shared/graph/runtime';
import { clearTokenCache } from '../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator } from '../test/emulator';
import { useBinaryDataMode } from '../test/helpers/n8n';
import { runOutlook } from '../test/helpers/outlook';
import { runInstantBench } from './instant';
import { BENCH_MODEL, memoryWatch, printTable } from './table';
import { runTenantBench } from './tenant';
import { runThrottlingBench } from './throttling';

const { latencyMs: LATENCY_MS, serviceTimeMs: SERVICE_MS, mailboxConcurrency: CONCURRENCY } = BENCH_MODEL;
const adele = SAMPLE.users.adele.id;

interface Workload {
	name: string;
	/** Mailbox operations the workload needs: the lower bound is N x 5 ms / 4 + 50 ms. */
	operations: number;
	prepare(emulator: Emulator): { parameters: INodeParameters; items: IDataObject[] };
	/** Compare against one-request-per-item mode too (not for single-item workloads). */
	sequential: boolean;
	binaryMode?: 'default' | 'filesystem';
}

function messageIds(emulator: Emulator, count: number): string[] {
	return emulator.store
		.messages(adele, emulator.store.folder(adele, 'inbox').id)
		.slice(0, count)
		.map((message) => message.id);
}

const byId = (id: string) => ({ id });

const WORKLOADS: Workload[] = [
	{
		name: '1. list 10,000 messages (Return All)',
		operations: 10_000,
		sequential: true,
		prepare: (emulator) => {
			emulator.store.addMessages(adele, 'inbox', 10_000 - emulator.store.messages(adele, emulator.store.folder(adele, 'inbox').id).length, 7);
			return {
				parameters: { resource: 'message', operation: 'getMany', folderScope: 'folder', folderId: { mode: 'id', value: 'inbox' }, returnAll: true },
				items: [{}],
			};
		},
	},
	{
		name: '2. mark 1,000 messages read',
		operations: 1000,
		sequential: true,
		prepare: (emulator) => {
			emulator.store.addMessages(adele, 'inbox', 1000, 8);
			return {
				parameters: { resource: 'message', operation: 'update', messageId: { mode: 'id', value: '={{ $json.id }}' }, updateFields: { readStatus: 'read' } },
				items: messageIds(emulator, 1000).map(byId),
			};
		},
	},
	{
		name: '3. move 1,000 messages',
		operations: 1000,
		sequential: true,
		prepare: (emulator) => {
			emulator.store.addMessages(adele, 'inbox', 1000, 9);
			return {
				parameters: { resource: 'message', operation: 'move', messageId: { mode: 'id', value: '={{ $json.id }}' }, folderId: { mode: 'id', value: 'archive' } },
				items: messageIds(emulator, 1000).map(byId),
			};
		},
	},
	{
		name: '4. get 500 messages by id',
		operations: 500,
		sequential: true,
		prepare: (emulator) => {
			emulator.store.addMessages(adele, 'inbox', 500, 10);
			return {
				parameters: { resource: 'message', operation: 'get', messageId: { mode: 'id', value: '={{ $json.id }}' } },
				items: messageIds(emulator, 500).map(byId),
			};
		},
	},
	{
		name: '5. download 200 attachments of 1 MB',
		operations: 200,
		sequential: true,
		binaryMode: 'filesystem',
		prepare: (emulator) => {
			const messages = emulator.store.addMessages(adele, 'inbox', 200, 11);
			const content = Buffer.alloc(1024 * 1024, 7);
			const items = messages.map((message, index) => ({
				messageId: message.id,
				attachmentId: emulator.store.addFileAttachment(adele, message.id, `file-${index}.bin`, content).id,
			}));
			return {
				parameters: {
					resource: 'attachment',
					operation: 'download',
					messageId: { mode: 'id', value: '={{ $json.messageId }}' },
					scope: 'one',
					attachmentId: { mode: 'id', value: '={{ $json.attachmentId }}' },
				},
				items,
			};
		},
	},
];

/** One attachment of `mb` MB downloaded to binary data, in `binaryMode`. */
function oneLargeAttachment(name: string, mb: number, binaryMode: 'default' | 'filesystem', seed: number): Workload {
	return {
		name,
		operations: 1,
		sequential: false,
		binaryMode,
		prepare: (emulator) => {
			const [message] = emulator.store.addMessages(adele, 'inbox', 1, seed);
			const attachment = emulator.store.addFileAttachment(adele, message.id, 'big.bin', Buffer.alloc(mb * 1024 * 1024, 9));
			return {
				parameters: {
					resource: 'attachment',
					operation: 'download',
					messageId: { mode: 'id', value: message.id },
					scope: 'one',
					attachmentId: { mode: 'id', value: attachment.id },
				},
				items: [{}],
			};
		},
	};
}

/**
 * Large attachments and n8n's binary data modes (`npm run bench -- binary`): what a worker holds for one
 * attachment. Filesystem mode streams it to disk; the default (in-memory) mode holds it whole, as n8n's
 * `database` mode does (its manager reads and writes whole buffers; the queue-mode e2e samples a worker).
 */
const BINARY_WORKLOADS: Workload[] = [
	// Smallest first: the process's RSS rarely shrinks, so a large run would raise the baseline of the next.
	oneLargeAttachment('6. download one 30 MB attachment (filesystem binary mode)', 30, 'filesystem', 13),
	oneLargeAttachment('7. download one 30 MB attachment (default, in-memory binary mode)', 30, 'default', 14),
	oneLargeAttachment('8. download one 100 MB attachment (filesystem binary mode)', 100, 'filesystem', 12),
];

interface Measure {
	requests: number;
	ms: number;
	peakMemoryGrowthMb: { heldMb: number; rssMb: number };
	failed: number;
	items: number;
}

async function measure(emulator: Emulator, workload: Workload, batching: boolean): Promise<Measure> {
	emulator.reset();
	clearTokenCache();
	// Fresh mailbox lanes for each run, as a new process has, so no run inherits another's throttling.
	useGraphRuntime();
	await useBinaryDataMode(workload.binaryMode ?? 'default');
	const { parameters, items } = workload.prepare(emulator);
	// The token is fetched once per process in real use; keep it out of the figures.
	await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } });
	emulator.clearRequests();
	const stop = memoryWatch();
	const started = performance.now();
	const run = await runOutlook(emulator, { ...parameters, requestOptions: { batching } }, items, { continueOnFail: true });
	const ms = performance.now() - started;
	const peakMemoryGrowthMb = stop();
	const requests = emulator.requests.filter((request) => request.kind !== 'token' && request.batchRequestId === undefined).length;
	return {
		requests,
		ms,
		peakMemoryGrowthMb,
		failed: run.items.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0),
		items: run.items.length,
	};
}

const format = (value: number, digits = 0) => value.toFixed(digits);

/** `npm run bench [-- bulk|binary|throttling|tenant|instant ...]`: the sections named, or all of them. */
async function main() {
	const sections = process.argv.slice(2);
	const wanted = (name: string) => sections.length === 0 || sections.includes(name);
	if (wanted('bulk')) await runBulkBench(WORKLOADS);
	if (wanted('binary')) await runBulkBench(BINARY_WORKLOADS);
	if (wanted('throttling')) await runThrottlingBench(BENCH_MODEL);
	if (wanted('tenant')) await runTenantBench(BENCH_MODEL);
	if (wanted('instant')) await runInstantBench();
	console.log(`emulator: ${LATENCY_MS} ms latency per HTTP request, ${SERVICE_MS} ms per mailbox operation, ${CONCURRENCY} operations per mailbox at once`);
}

async function runBulkBench(workloads: Workload[]) {
	const emulator = await startEmulator(BENCH_MODEL);
	const rows: string[][] = [];
	try {
		for (const workload of workloads) {
			const lowerBoundMs = (workload.operations * SERVICE_MS) / CONCURRENCY + LATENCY_MS;
			const batched = await measure(emulator, workload, true);
			const sequential = workload.sequential ? await measure(emulator, workload, false) : undefined;
			rows.push([
				workload.name,
				format(batched.requests),
				format(batched.ms),
				`${format(batched.peakMemoryGrowthMb.heldMb, 1)} (rss ${format(batched.peakMemoryGrowthMb.rssMb, 0)})`,
				String(batched.failed),
				sequential ? `${format(sequential.requests)} / ${format(sequential.ms)} ms` : '-',
				sequential ? `${format(sequential.requests / batched.requests, 1)}x` : '-',
				sequential ? `${format(sequential.ms / batched.ms, 1)}x` : '-',
				`${format(batched.ms / lowerBoundMs, 2)}x of ${format(lowerBoundMs)} ms`,
			]);
			console.error(`done: ${workload.name}`);
		}
	} finally {
		await emulator.close();
	}
	printTable(['workload', 'requests', 'wall ms', 'peak heap+buffers +MB', 'failed', 'sequential (req / time)', 'fewer requests', 'faster', 'vs lower bound'], rows);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
