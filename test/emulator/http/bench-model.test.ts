import { connect, type Socket } from 'node:net';
import type { RequestRecord } from './context';
import { createVirtualClock } from '../../helpers/clock';
import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, batch, folderMessages, graph, userPath, type BatchAnswer, type GraphErrorBody } from '../test-client';

/**
 * The model the issue-6 benchmark runs against: 50 ms network latency per HTTP request, 5 ms of service per mailbox
 * operation, at most 4 operations of one mailbox at once, the sub-requests of a $batch included.
 */
const BENCH = { latencyMs: 50, serviceTimeMs: 5, mailboxConcurrency: 4 };

const adele = SAMPLE.users.adele;
const upn = encodeURIComponent(adele.userPrincipalName);

/** The most records of the list running at one instant (a record runs from startedAt until endedAt, exclusive). */
const peakOverlap = (records: readonly RequestRecord[]): number =>
	Math.max(0, ...records.map((record) => records.filter((other) => other.startedAt <= record.startedAt && record.startedAt < other.endedAt).length));

/**
 * Sends the same GET on `count` connections at once: all connect first, then every request is written in one
 * synchronous loop, so they reach the emulator in the same turn of its event loop, closer together than any
 * service time. Resolves with each answer's status and Retry-After.
 */
async function simultaneous(emulator: Emulator, target: string, token: string, count: number): Promise<{ status: number; retryAfter?: string }[]> {
	const { hostname, port } = new URL(emulator.baseUrl);
	const sockets = await Promise.all(
		Array.from({ length: count }, () => new Promise<Socket>((resolve, reject) => {
			const socket = connect(Number(port), hostname, () => resolve(socket));
			socket.once('error', reject);
		})),
	);
	// Let the emulator accept every connection before anything is written.
	await new Promise((resolve) => setTimeout(resolve, 20));
	const answers = sockets.map(
		(socket) =>
			new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
				const chunks: Buffer[] = [];
				socket.on('data', (chunk: Buffer) => chunks.push(chunk));
				socket.on('error', reject);
				socket.on('end', () => {
					const head = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0];
					resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), retryAfter: /^retry-after: *(.*)$/im.exec(head)?.[1] });
				});
			}),
	);
	const request = `GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`;
	for (const socket of sockets) socket.write(request);
	return await Promise.all(answers);
}

describe('benchmark model: latencyMs 50, serviceTimeMs 5, mailboxConcurrency 4', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator(BENCH);
		token = await accessToken(emulator);
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	it('admits 4 parallel requests to one mailbox and answers a 5th concurrent one 429 with Retry-After', async () => {
		// The same path once before, so nothing in it runs for the first time while the five are in flight.
		await graph(emulator, `${userPath()}/mailFolders/inbox?$select=id`, { token });
		await new Promise((resolve) => setTimeout(resolve, BENCH.serviceTimeMs + 5));
		const answers = await simultaneous(emulator, `${userPath()}/mailFolders/inbox?$select=id`, token, 5);
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 429]);
		expect(answers.find((answer) => answer.status === 429)?.retryAfter).toBe('1');
		const throttled = emulator.requests.filter((request) => request.status === 429);
		expect(throttled.map((request) => request.mailbox)).toEqual([adele.id]);
	});

	it('admits 4 more once the throttling window has passed, and keeps other mailboxes apart', async () => {
		await simultaneous(emulator, `${userPath()}/mailFolders/inbox?$select=id`, token, 5);
		const alex = await graph(emulator, `${userPath(SAMPLE.users.alex)}/mailFolders/inbox`, { token });
		expect(alex.status).toBe(200);
		const early = await graph(emulator, `${userPath()}/mailFolders/inbox`, { token });
		expect(early.status).toBe(429);
		expect(as<GraphErrorBody>(early).error.code).toBe('ApplicationThrottled');
	});

	it('runs a $batch of 20 for one mailbox 4 at a time, in 5 rounds of the service time, paying the latency once', async () => {
		const ids = folderMessages(emulator, adele.id, 'inbox').map((message) => message.id);
		const started = Date.now();
		const answer = await batch(
			emulator,
			token,
			Array.from({ length: 20 }, (_, index) => ({ id: String(index + 1), method: 'GET', url: `/users/${upn}/messages/${ids[index % ids.length]}?$select=id` })),
		);
		const elapsed = Date.now() - started;
		expect(as<BatchAnswer>(answer).responses.map((response) => response.status)).toEqual(Array(20).fill(200));
		const subs = emulator.requests.filter((request) => request.batchRequestId !== undefined);
		expect(subs).toHaveLength(20);
		expect(peakOverlap(subs)).toBe(4);
		// Each sub-request after the first four starts only once an earlier one has given its slot back.
		const byStart = [...subs].sort((left, right) => left.startedAt - right.startedAt);
		const ends = byStart.map((record) => record.endedAt).sort((left, right) => left - right);
		byStart.slice(4).forEach((record, index) => expect(record.startedAt).toBeGreaterThanOrEqual(ends[index]));
		const span = Math.max(...subs.map((record) => record.endedAt)) - Math.min(...subs.map((record) => record.startedAt));
		expect(span).toBeGreaterThanOrEqual(5 * BENCH.serviceTimeMs - 2);
		expect(elapsed).toBeGreaterThanOrEqual(BENCH.latencyMs + 5 * BENCH.serviceTimeMs - 2);
		expect(elapsed).toBeLessThan(20 * BENCH.latencyMs);
	});
});

describe('benchmark model: a batch holding every slot of a mailbox', () => {
	it('answers a request from another HTTP request 429 with Retry-After, and the mailbox stays throttled until it passes', async () => {
		// A longer service time, so the other request surely lands while the batch holds the slots.
		const emulator = await startEmulator({ ...BENCH, serviceTimeMs: 40 });
		try {
			const token = await accessToken(emulator);
			const ids = folderMessages(emulator, adele.id, 'inbox').map((message) => message.id);
			const running = batch(
				emulator,
				token,
				Array.from({ length: 12 }, (_, index) => ({ id: String(index + 1), method: 'GET', url: `/users/${upn}/messages/${ids[index]}?$select=id` })),
			);
			while (!emulator.requests.some((request) => request.batchRequestId !== undefined && request.mailbox !== undefined)) {
				await new Promise((resolve) => setImmediate(resolve));
			}
			const other = await graph(emulator, `${userPath()}/mailFolders/inbox`, { token });
			expect(other.status).toBe(429);
			expect(other.headers.get('retry-after')).toBe('1');
			const statuses = as<BatchAnswer>(await running).responses.map((response) => response.status);
			// The first round ran; sub-requests that started after the throttling began are throttled too.
			expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
			expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
			const throttled = as<BatchAnswer>(await running).responses.find((response) => response.status === 429);
			expect(throttled?.headers['Retry-After']).toEqual(expect.stringMatching(/^[1-9]$/));
		} finally {
			await emulator.close();
		}
	});
});

describe('benchmark model on a virtual clock (EmulatorOptions.sleep)', () => {
	it('pays latencyMs, serviceTimeMs and a fault rule latencyMs through the given sleep, with no real wait', async () => {
		const clock = createVirtualClock();
		const slept: number[] = [];
		const sleep = (ms: number) => {
			slept.push(ms);
			return clock.sleep(ms);
		};
		const emulator = await startEmulator({ now: clock.now, sleep, latencyMs: 60_000, serviceTimeMs: 30_000 });
		try {
			const token = await accessToken(emulator);
			emulator.faults.add({ path: /\/mailFolders\/inbox$/, latencyMs: 120_000 });
			slept.length = 0;
			const before = clock.now();
			const realStart = Date.now();
			expect((await graph(emulator, `${userPath()}/mailFolders/inbox`, { token })).status).toBe(200);
			expect(slept).toEqual([120_000, 30_000, 60_000]);
			expect(clock.now() - before).toBe(210_000);
			expect(Date.now() - realStart).toBeLessThan(5_000);
		} finally {
			await emulator.close();
		}
	});
});
