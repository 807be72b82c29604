/**
 * The throttling workloads: 1,000 "mark as read" items with the node's defaults against an emulator that models
 * Exchange's throttling (a mailbox stays throttled until Retry-After has passed, plus 5% random 429s that throttle it
 * the same way), with Graph running batch steps as documented (4 at a time per mailbox) or all at once, two
 * executions at once on one mailbox, and, for comparison, random 429s that throttle nothing but their own request. Each is printed with requests, 429s received, wall time, failed items and
 * duplicate writes, beside the same work unthrottled.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useGraphRuntime } from '../nodes/shared/graph/runtime';
import { clearTokenCache } from '../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type BatchModel, type Emulator } from '../test/emulator';
import { runOutlook } from '../test/helpers/outlook';
import { printTable, type BenchModel } from './table';

const adele = SAMPLE.users.adele.id;
const ITEMS = 1000;

const markRead: INodeParameters = {
	resource: 'message',
	operation: 'update',
	messageId: { mode: 'id', value: '={{ $json.id }}' },
	updateFields: { readStatus: 'read' },
};

interface Scenario {
	name: string;
	batchModel: BatchModel;
	throttled: boolean;
	/** The random 429s throttle the mailbox for their Retry-After, as Exchange's own 429s do (default: yes). */
	sticky?: boolean;
	/** Executions at once, sharing the items between them. */
	executions: number;
}

const SCENARIOS: Scenario[] = [
	{ name: 'mark 1,000 read, unthrottled', batchModel: 'documented', throttled: false, executions: 1 },
	{ name: 'mark 1,000 read, sticky throttling + 5% 429, batch steps as documented', batchModel: 'documented', throttled: true, executions: 1 },
	{ name: 'mark 1,000 read, sticky throttling + 5% 429, batch steps all at once', batchModel: 'allAtOnce', throttled: true, executions: 1 },
	{ name: 'mark 1,000 read by two executions at once, sticky throttling + 5% 429', batchModel: 'documented', throttled: true, executions: 2 },
	{ name: 'mark 1,000 read, 5% 429 that throttle nothing else, batch steps as documented', batchModel: 'documented', throttled: true, sticky: false, executions: 1 },
];

interface Result {
	requests: number;
	throttled: number;
	ms: number;
	failed: number;
	duplicates: number;
	missing: number;
}

async function measure(model: BenchModel, scenario: Scenario): Promise<Result> {
	const emulator: Emulator = await startEmulator({ ...model, batchModel: scenario.batchModel, faultSeed: 2026 });
	const restore = useGraphRuntime();
	clearTokenCache();
	try {
		const ids = emulator.store.addMessages(adele, 'inbox', ITEMS, 40).map((message) => message.id);
		// The token is fetched once per process in real use; keep it out of the figures.
		await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } });
		emulator.clearRequests();
		if (scenario.throttled) {
			emulator.faults.add({ method: 'PATCH', path: /\/messages\/[^/]+$/, status: 429, retryAfter: '1', probability: 0.05, times: Infinity, sticky: scenario.sticky ?? true });
		}
		const share = Math.ceil(ITEMS / scenario.executions);
		const started = performance.now();
		const runs = await Promise.all(
			Array.from({ length: scenario.executions }, async (_, index) => {
				const items = ids.slice(index * share, (index + 1) * share).map((id) => ({ id }));
				return await runOutlook(emulator, markRead, items, { continueOnFail: true, keepRequests: true });
			}),
		);
		const ms = performance.now() - started;
		const counts = ids.map((id) => emulator.store.updateCount(id));
		return {
			requests: emulator.requests.filter((request) => request.kind !== 'token' && request.batchRequestId === undefined).length,
			throttled: emulator.requests.filter((request) => request.kind === 'graph' && request.status === 429).length,
			ms,
			failed: runs.reduce((sum, run) => sum + run.items.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0), 0),
			duplicates: counts.filter((count) => count > 1).length,
			missing: counts.filter((count) => count === 0).length,
		};
	} finally {
		restore();
		await emulator.close();
	}
}

export async function runThrottlingBench(model: BenchModel): Promise<void> {
	const rows: string[][] = [];
	let unthrottledRequests = 0;
	for (const scenario of SCENARIOS) {
		const result = await measure(model, scenario);
		if (!scenario.throttled) unthrottledRequests = result.requests;
		rows.push([
			scenario.name,
			String(result.requests),
			String(result.throttled),
			result.ms.toFixed(0),
			String(result.failed),
			String(result.duplicates),
			String(result.missing),
			unthrottledRequests ? `${(result.requests / unthrottledRequests).toFixed(2)}x` : '-',
		]);
		console.error(`done: ${scenario.name}`);
	}
	printTable(['throttling workload', 'requests', '429s received', 'wall ms', 'failed', 'written twice', 'never written', 'requests vs unthrottled'], rows);
}
