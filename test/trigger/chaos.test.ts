/**
 * Exactly once under chaos: 2,000 messages arrive at random moments across 200 polls while about 10% of
 * Graph requests fail at random (429 with Retry-After, 503, connection reset, 410 on delta), the trigger's
 * static data goes through JSON between polls as n8n stores it, and emitted mail is read and flagged at
 * random (which makes delta replay it). Seeded: the same run every time.
 */
import { useGraphRuntime } from '../../nodes/shared/graph/runtime';
import { clearTokenCache } from '../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { createVirtualClock } from '../helpers/clock';
import { emulatorCredential } from '../helpers/outlook';
import { TriggerHarness } from './helpers';

const MESSAGES = 2000;
const POLLS = 200;
const FAULT_SHARE = 0.1;
const adele = SAMPLE.users.adele.id;

/** mulberry32: a small seeded PRNG, so the arrivals are the same on every run. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

let emulator: Emulator;
let restoreRuntime: () => void;

// On a virtual clock shared by the emulator and the client: the 429s' Retry-After passes without a real wait.
beforeAll(async () => {
	const clock = createVirtualClock(new Date().toISOString());
	emulator = await startEmulator({ faultSeed: 4242, now: clock.now, sleep: clock.sleep });
	restoreRuntime = useGraphRuntime(clock);
	clearTokenCache();
});
afterAll(async () => {
	restoreRuntime();
	await emulator.close();
});

it('emits every one of 2,000 messages exactly once across 200 polls with 10% of requests failing', async () => {
	const random = prng(2026);
	const trigger = new TriggerHarness(
		emulator,
		{},
		// 429s are retried at once (their Retry-After is short); anything else fails the poll, and the next catches up.
		emulatorCredential(emulator, { retryMode: 'RetryWhenStatusCodeMatch', retryStatusCodeList: '429', retryCountMax: 3 }),
	);
	expect((await trigger.poll()).error).toBeUndefined();

	const arrivalsAt: number[][] = Array.from({ length: POLLS }, () => []);
	for (let message = 0; message < MESSAGES; message++) arrivalsAt[Math.floor(random() * POLLS)].push(message);

	// Four rules, each drawn in turn: together they fail FAULT_SHARE of the requests.
	const share = 1 - (1 - FAULT_SHARE) ** (1 / 4);
	const graphPath = /^\/v1\.0\//;
	emulator.faults.add({ path: /\/messages\/delta$/, status: 410, probability: share, times: Infinity });
	emulator.faults.add({ path: graphPath, status: 429, retryAfter: '0.01', probability: share, times: Infinity });
	emulator.faults.add({ path: graphPath, status: 503, probability: share, times: Infinity });
	emulator.faults.add({ path: graphPath, reset: true, probability: share, times: Infinity });

	const arrived: string[] = [];
	let failedPolls = 0;
	for (let poll = 0; poll < POLLS; poll++) {
		for (const index of arrivalsAt[poll]) {
			const message = emulator.store.addMessage(
				adele,
				'inbox',
				{ receivedDateTime: new Date().toISOString(), isRead: false, subject: `Chaos ${index}` },
				index + 1,
			);
			arrived.push(message.id);
		}
		const { error, items } = await trigger.poll();
		if (error) failedPolls++;
		for (const item of items) {
			if (random() < 0.1) emulator.store.updateMessage(adele, String(item.json.id), { isRead: true, flag: { flagStatus: 'flagged' } });
		}
	}
	const graphRequests = emulator.requests.filter((request) => request.kind === 'graph');
	const statuses = graphRequests.reduce<Record<string, number>>((tally, request) => {
		tally[request.status] = (tally[request.status] ?? 0) + 1;
		return tally;
	}, {});
	const faultsInjected = graphRequests.filter((request) => request.status !== 200).length;

	// The chaos stops; the backlog drains.
	emulator.faults.clear();
	for (let drain = 0; drain < 30; drain++) {
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		if (items.length === 0) break;
	}

	const counts = new Map<string, number>();
	for (const item of trigger.emitted) counts.set(String(item.json.id), (counts.get(String(item.json.id)) ?? 0) + 1);
	const missed = arrived.filter((id) => !counts.has(id)).length;
	const duplicated = [...counts.values()].filter((count) => count > 1).length;
	const unexpected = [...counts.keys()].filter((id) => !arrived.includes(id)).length;
	console.log(
		`chaos: ${arrived.length} messages, ${POLLS} polls (${failedPolls} failed), ${faultsInjected} of ${graphRequests.length} Graph requests failed ${JSON.stringify(statuses)}, ` +
			`${trigger.emitted.length} emitted, ${missed} missed, ${duplicated} duplicated, ${unexpected} unexpected`,
	);
	expect({ missed, duplicated, unexpected }).toEqual({ missed: 0, duplicated: 0, unexpected: 0 });
	expect(trigger.emitted).toHaveLength(MESSAGES);
	expect(failedPolls).toBeGreaterThan(0);
}, 180_000);
