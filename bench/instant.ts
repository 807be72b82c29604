/**
 * `npm run bench -- instant`: the instant trigger against the polling trigger (issue 15).
 *
 * 1. Seconds from delivery to execution start.
 *    - Instant: measured, in real time: the emulator (Graph's model: 50 ms per request, 5 ms per mailbox
 *      operation) posts each change notification as soon as the mail is stored, the trigger answers 202, reads the
 *      folder's delta and emits; from the mail being stored to `emit`. Graph's own notification latency comes on
 *      top (its documentation gives under a minute on average for messages, 3 minutes at most); the emulator adds
 *      none here, so this is the trigger's share.
 *    - Polling every minute: measured on a virtual clock instead of waiting an hour: polls every 60 s, mail
 *      delivered at random times between them (seeded), each poll's Graph time spent on the same clock; from
 *      delivery to the end of the poll that emits it.
 * 2. Graph requests per hour for 50 quiet mailboxes (one watched folder each, no mail): a day of virtual time for
 *    the instant trigger (a tick a minute, the 15-minute safety net, the daily renewals), an hour for the polling
 *    trigger polling every minute. Token requests are counted apart.
 */
import { OutlookMailAppInstantTrigger } from '../nodes/OutlookMailAppInstantTrigger/OutlookMailAppInstantTrigger.node';
import { useGraphRuntime } from '../nodes/shared/graph/runtime';
import { clearTokenCache } from '../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator, type RequestRecord } from '../test/emulator';
import { seededRandom } from '../test/emulator/seed/random';
import { createVirtualClock, type VirtualClock } from '../test/helpers/clock';
import { emulatorCredential } from '../test/helpers/outlook';
import { WebhookTriggerHarness } from '../test/helpers/webhookTrigger';
import { TriggerHarness } from '../test/trigger/helpers';
import { BENCH_MODEL, printTable } from './table';

const adele = SAMPLE.users.adele.id;
const MINUTE = 60_000;
const MAILBOXES = 50;

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

function instantHarness(emulator: Emulator, mailbox: string | string[], index = 0): WebhookTriggerHarness {
	return new WebhookTriggerHarness({
		nodeType: new OutlookMailAppInstantTrigger(),
		typeName: 'outlookMailAppInstantTrigger',
		parameters: Array.isArray(mailbox) ? { mailboxMode: 'list', mailboxes: mailbox.join(','), folders: ['inbox'] } : { mailbox, folders: ['inbox'] },
		credential: emulatorCredential(emulator),
		workflowId: `bench-instant-${index}`,
	});
}

async function quiet(emulator: Emulator, wait = 20): Promise<void> {
	let last = -1;
	for (let stable = 0; stable < 3; ) {
		await emulator.notifications.drain();
		await new Promise((resolve) => setTimeout(resolve, wait));
		stable = emulator.requests.length === last ? stable + 1 : 0;
		last = emulator.requests.length;
	}
}

/** Instant: the share of the trigger, in real time. */
async function instantLatency(count: number): Promise<number[]> {
	const emulator = await startEmulator({ ...BENCH_MODEL, notifications: { allowHttpLoopback: true } });
	const restore = useGraphRuntime();
	clearTokenCache();
	const harness = instantHarness(emulator, SAMPLE.users.adele.userPrincipalName);
	try {
		await harness.start();
		await harness.activate();
		const deliveredAt = new Map<string, number>();
		const random = seededRandom(15);
		for (let index = 0; index < count; index++) {
			const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date().toISOString(), subject: `bench ${index}` }, index + 1);
			deliveredAt.set(message.id, Date.now());
			await new Promise((resolve) => setTimeout(resolve, 100 + random.int(0, 200)));
		}
		await quiet(emulator);
		const latencies: number[] = [];
		for (const execution of harness.executions) {
			for (const item of execution.items) {
				const at = deliveredAt.get(String(item.json.id));
				if (at !== undefined) latencies.push(execution.startedAt - at);
			}
		}
		if (latencies.length !== count) throw new Error(`instant: ${latencies.length} of ${count} messages emitted`);
		return latencies;
	} finally {
		await harness.close();
		restore();
		await emulator.close();
	}
}

async function virtualEmulator(clock: VirtualClock, users: number): Promise<{ emulator: Emulator; mailboxes: string[] }> {
	const emulator = await startEmulator({ ...BENCH_MODEL, now: clock.now, sleep: clock.sleep, notifications: { allowHttpLoopback: true } });
	const added = users > 1 ? emulator.store.addUsers(SAMPLE.tenantId, users - 1) : [];
	return { emulator, mailboxes: [SAMPLE.users.adele.userPrincipalName, ...added.map((user) => user.userPrincipalName)] };
}

/**
 * Polling every minute, on a virtual clock. It starts at the real time: the polling trigger dates the start of its
 * watch from the host's clock, so mail delivered "before" it would not count as new.
 */
async function pollingLatency(count: number): Promise<number[]> {
	const clock = createVirtualClock(new Date().toISOString());
	const { emulator } = await virtualEmulator(clock, 1);
	const restore = useGraphRuntime(clock);
	clearTokenCache();
	try {
		const trigger = new TriggerHarness(emulator, { folders: ['inbox'] });
		await trigger.poll();
		const random = seededRandom(15);
		const deliveredAt = new Map<string, number>();
		const start = clock.now();
		const deliveries = Array.from({ length: count }, () => start + random.int(1, count * MINUTE - 1)).sort((a, b) => a - b);
		const latencies: number[] = [];
		let next = 0;
		for (let poll = 1; latencies.length < count; poll++) {
			if (poll > count * 2) throw new Error(`polling: ${latencies.length} of ${count} messages emitted after ${poll} polls`);
			const pollAt = start + poll * MINUTE;
			while (next < deliveries.length && deliveries[next] <= pollAt) {
				if (deliveries[next] > clock.now()) clock.advance(deliveries[next] - clock.now());
				const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date(clock.now()).toISOString() }, next + 1);
				deliveredAt.set(message.id, clock.now());
				next++;
			}
			if (pollAt > clock.now()) clock.advance(pollAt - clock.now());
			const { items, error } = await trigger.poll();
			if (error) throw error;
			for (const item of items) latencies.push(clock.now() - (deliveredAt.get(String(item.json.id)) ?? clock.now()));
		}
		return latencies;
	} finally {
		restore();
		await emulator.close();
	}
}

interface RequestCounts {
	graph: number;
	delta: number;
	subscriptions: number;
	/** Token requests an hour: one per credential in real use (msal's cache). */
	tokens: number;
}

/**
 * Requests per hour. A virtual day makes the access token (an hour on the emulator's clock) expire under the
 * client, which msal (on real time) does not see coming: each such 401 and its retry is left out, as msal renews
 * a token before it expires in real use.
 */
function countRequests(requests: RequestRecord[], hours: number): RequestCounts {
	// HTTP requests to Graph: those sent alone, and each $batch once (its sub-requests are counted as delta reads).
	const graph = requests.filter((request) => (request.kind === 'graph' && request.batchRequestId === undefined && request.status !== 401) || request.kind === 'batch');
	const reads = requests.filter((request) => request.kind === 'graph' && request.status !== 401);
	return {
		graph: graph.length / hours,
		delta: reads.filter((request) => /\/messages\/delta$/.test(request.path)).length / hours,
		subscriptions: graph.filter((request) => /^\/v1\.0\/subscriptions/.test(request.path)).length / hours,
		tokens: Math.min(requests.filter((request) => request.kind === 'token').length / hours, 1),
	};
}

/** Instant, 50 quiet mailboxes, a day on a virtual clock: a trigger per mailbox, or (`asList`) one for the 50. */
async function instantRequests(asList = false): Promise<RequestCounts> {
	const clock = createVirtualClock('2026-03-02T09:00:00.000Z');
	const { emulator, mailboxes } = await virtualEmulator(clock, MAILBOXES);
	const restore = useGraphRuntime(clock);
	clearTokenCache();
	const harnesses = asList ? [instantHarness(emulator, mailboxes)] : mailboxes.map((mailbox, index) => instantHarness(emulator, mailbox, index));
	try {
		for (const harness of harnesses) {
			await harness.start();
			await harness.activate();
		}
		await quiet(emulator);
		emulator.clearRequests();
		const hours = 24;
		for (let minute = 0; minute < hours * 60; minute++) {
			clock.advance(MINUTE);
			for (const harness of harnesses) harness.tick();
			await quiet(emulator, 1);
		}
		return countRequests(emulator.requests, hours);
	} finally {
		for (const harness of harnesses) await harness.close();
		restore();
		await emulator.close();
	}
}

/**
 * Polling every minute, 50 quiet mailboxes, an hour on a virtual clock: a trigger per mailbox, or (`asList`) one
 * trigger watching the 50 as a list, whose delta reads travel in $batch requests of 20.
 */
async function pollingRequests(asList = false): Promise<RequestCounts> {
	const clock = createVirtualClock(new Date().toISOString());
	const { emulator, mailboxes } = await virtualEmulator(clock, MAILBOXES);
	const restore = useGraphRuntime(clock);
	clearTokenCache();
	try {
		const triggers = asList
			? [new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: mailboxes.join(','), folders: ['inbox'] })]
			: mailboxes.map((mailbox) => new TriggerHarness(emulator, { mailbox, folders: ['inbox'] }));
		for (const trigger of triggers) await trigger.poll();
		emulator.clearRequests();
		for (let minute = 0; minute < 60; minute++) {
			clock.advance(MINUTE);
			for (const trigger of triggers) {
				const { error } = await trigger.poll();
				if (error) throw error;
			}
		}
		return countRequests(emulator.requests, 1);
	} finally {
		restore();
		await emulator.close();
	}
}

export async function runInstantBench(): Promise<void> {
	const count = 200;
	const instant = await instantLatency(count);
	console.error('done: instant latency');
	const polling = await pollingLatency(count);
	console.error('done: polling latency');
	const instantPerHour = await instantRequests();
	const instantListPerHour = await instantRequests(true);
	console.error('done: instant requests per hour');
	const pollingPerHour = await pollingRequests();
	const pollingListPerHour = await pollingRequests(true);
	console.error('done: polling requests per hour');
	const perHour = (counts: RequestCounts) =>
		`${counts.graph.toFixed(1)} (delta reads ${counts.delta.toFixed(1)}, subscriptions ${counts.subscriptions.toFixed(1)}), + ${counts.tokens.toFixed(0)} token request`;
	printTable(
		['trigger', `delivery -> execution start, median s (${count} mails)`, 'p95 s', `HTTP requests to Graph per hour, ${MAILBOXES} quiet mailboxes`],
		[
			['Instant (change notifications; Graph adds its own latency), a trigger per mailbox', seconds(percentile(instant, 50)), seconds(percentile(instant, 95)), perHour(instantPerHour)],
			['Instant, one trigger watching the 50 as a list', '', '', perHour(instantListPerHour)],
			['Polling, every minute (virtual clock), a trigger per mailbox', seconds(percentile(polling, 50)), seconds(percentile(polling, 95)), perHour(pollingPerHour)],
			['Polling, every minute, one trigger watching the 50 as a list', seconds(percentile(polling, 50)), seconds(percentile(polling, 95)), perHour(pollingListPerHour)],
		],
	);
}
