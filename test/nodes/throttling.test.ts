/**
 * Bulk work under Exchange's throttling, through n8n's engine, on a virtual clock (no real waits): a mailbox that
 * stays throttled until its Retry-After has passed, seeded random 429s on top, and both ways a Graph front end may
 * run the steps of a `$batch` (4 at a time per mailbox as documented, or all at once as tenants report). With the
 * node's defaults (batching on, the credential's default retry policy), every item finishes, once.
 */
import type { INodeType } from 'n8n-workflow';

import { useGraphRuntime } from '../../nodes/shared/graph/runtime';
import { clearTokenCache } from '../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type BatchModel, type Emulator } from '../emulator';
import { createVirtualClock, type VirtualClock } from '../helpers/clock';
import { linearWorkflow, runWorkflow } from '../helpers/n8n';
import { emulatorCredential, runOutlook } from '../helpers/outlook';

const adele = SAMPLE.users.adele.id;
const ITEMS = 200;

let emulator: Emulator;
let clock: VirtualClock;
let restoreRuntime: () => void;

async function start(batchModel: BatchModel): Promise<void> {
	clock = createVirtualClock();
	emulator = await startEmulator({ now: clock.now, sleep: clock.sleep, batchModel, serviceTimeMs: 5, faultSeed: 9 });
	restoreRuntime = useGraphRuntime(clock);
	clearTokenCache();
}

afterEach(async () => {
	restoreRuntime();
	await emulator.close();
});

function inboxIds(count: number, seed: number): string[] {
	return emulator.store.addMessages(adele, 'inbox', count, seed).map((message) => message.id);
}

const markRead = { resource: 'message', operation: 'update', messageId: { mode: 'id', value: '={{ $json.id }}' }, updateFields: { readStatus: 'read' } };

/** 5% of message PATCHes, batch steps included, answered 429 with Retry-After: 1, which throttles the mailbox for that second. */
function stickyRandom429s(): void {
	emulator.faults.add({ method: 'PATCH', path: /\/messages\/[^/]+$/, status: 429, retryAfter: '1', probability: 0.05, times: Infinity, sticky: true });
}

const throttledAnswers = () => emulator.requests.filter((request) => request.kind === 'graph' && request.status === 429).length;
const tokenRequests = () => emulator.requests.filter((request) => request.kind === 'token').length;

function expectEachWrittenOnce(ids: string[]): void {
	expect(ids.map((id) => emulator.store.updateCount(id))).toEqual(ids.map(() => 1));
	expect(ids.every((id) => emulator.store.message(adele, id).isRead)).toBe(true);
}

describe.each<BatchModel>(['documented', 'allAtOnce'])('throttling, with Graph running batch steps %s', (batchModel) => {
	beforeEach(async () => await start(batchModel));

	it(`marks ${ITEMS} messages read under sticky throttling and 5% random 429s: every item done, each message written once, one token`, async () => {
		const ids = inboxIds(ITEMS, 21);
		stickyRandom429s();
		const run = await runOutlook(emulator, markRead, ids.map((id) => ({ id })));
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.id)).toEqual(ids);
		expect(run.items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expectEachWrittenOnce(ids);
		expect(tokenRequests()).toBe(1);
		expect(emulator.maxInFlight(adele)).toBeLessThanOrEqual(4);
		expect(throttledAnswers()).toBeGreaterThan(0);
		console.log(`${batchModel}: ${throttledAnswers()} answers 429, ${emulator.requests.filter((r) => r.kind === 'batch').length} $batch requests`);
	});

	it('does the same with On Error: Continue, with no error item', async () => {
		const ids = inboxIds(ITEMS, 22);
		stickyRandom429s();
		const run = await runOutlook(emulator, markRead, ids.map((id) => ({ id })), { continueOnFail: true });
		expect(run.items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(run.items).toHaveLength(ITEMS);
		expectEachWrittenOnce(ids);
	});

	it('finishes with Retry Count Max 1: waiting at a closed gate is not a retry', async () => {
		const ids = inboxIds(ITEMS, 23);
		// Three messages answer 429 once each, with a long Retry-After that throttles the whole mailbox: without the
		// gate, every item sent into that window would use up its one retry there.
		for (const index of [10, 90, 170]) {
			emulator.faults.add({ method: 'PATCH', path: `/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/messages/${ids[index]}`, status: 429, retryAfter: '5', sticky: true });
		}
		const run = await runOutlook(emulator, markRead, ids.map((id) => ({ id })), {
			credential: emulatorCredential(emulator, { retryCountMax: 1 }),
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(ITEMS);
		expectEachWrittenOnce(ids);
		expect(throttledAnswers()).toBeGreaterThanOrEqual(3);
	});
});

describe('two processes on one mailbox', () => {
	beforeEach(async () => await start('documented'));

	/** The node as another n8n process loads it: its own module instances, so its own lanes and token cache. */
	async function nodeOfAnotherProcess(): Promise<INodeType> {
		let node: INodeType | undefined;
		await jest.isolateModulesAsync(async () => {
			const runtime = await import('../../nodes/shared/graph/runtime');
			runtime.useGraphRuntime(clock);
			const { OutlookMailApp } = await import('../../nodes/OutlookMailApp/OutlookMailApp.node');
			node = new OutlookMailApp();
		});
		return node!;
	}

	it('lets two workers mark 150 messages read each at once: no failed item, each message written once, a bounded number of 429s', async () => {
		const first = inboxIds(150, 31);
		const second = inboxIds(150, 32);
		const credentials = { outlookMailAppApi: emulatorCredential(emulator) };
		const run = (node: INodeType, ids: string[]) =>
			runWorkflow(linearWorkflow(ids.map((id) => ({ id })), [{ name: 'Outlook', type: 'outlookMailApp', parameters: markRead }]), {
				nodeTypes: { outlookMailApp: node },
				credentials,
			});
		const [nodeA, nodeB] = [await nodeOfAnotherProcess(), await nodeOfAnotherProcess()];
		const [a, b] = await Promise.all([run(nodeA, first), run(nodeB, second)]);
		for (const [result, ids] of [
			[a, first],
			[b, second],
		] as const) {
			expect(result.error('Outlook')).toBeUndefined();
			expect(result.output('Outlook').map((item) => item.json.id)).toEqual(ids);
		}
		expectEachWrittenOnce([...first, ...second]);
		expect(emulator.maxInFlight(adele)).toBeLessThanOrEqual(4);
		expect(throttledAnswers()).toBeLessThan(60);
		console.log(`two workers: ${throttledAnswers()} answers 429`);
	});
});
