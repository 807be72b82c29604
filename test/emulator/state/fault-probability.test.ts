import { FaultTable, SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const inboxPath = `/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/mailFolders/inbox`;
const inbox = () => graph(emulator, `${userPath()}/mailFolders/inbox?$select=id`, { token });

/** Statuses of `count` requests in a row; 0 for a dropped connection. */
async function statuses(target: Emulator, bearer: string, count: number): Promise<number[]> {
	const seen: number[] = [];
	for (let index = 0; index < count; index++) {
		try {
			seen.push((await graph(target, `${userPath()}/mailFolders/inbox?$select=id`, { token: bearer })).status);
		} catch {
			seen.push(0);
		}
	}
	return seen;
}

describe('faults with a probability', () => {
	it('applies to about that share of matching requests, the same ones again after reset and in another emulator with the same seed', async () => {
		emulator.faults.add({ path: inboxPath, status: 503, probability: 0.3, times: Infinity });
		const first = await statuses(emulator, token, 40);
		const faulted = first.filter((status) => status === 503).length;
		expect(faulted).toBeGreaterThan(5);
		expect(faulted).toBeLessThan(20);
		expect(first.filter((status) => status !== 503).every((status) => status === 200)).toBe(true);

		emulator.reset();
		emulator.faults.add({ path: inboxPath, status: 503, probability: 0.3, times: Infinity });
		expect(await statuses(emulator, token, 40)).toEqual(first);

		const twin = await startEmulator({ faultSeed: 1 });
		const other = await startEmulator({ faultSeed: 2 });
		try {
			for (const target of [twin, other]) target.faults.add({ path: inboxPath, status: 503, probability: 0.3, times: Infinity });
			expect(await statuses(twin, await accessToken(twin), 40)).toEqual(first);
			expect(await statuses(other, await accessToken(other), 40)).not.toEqual(first);
		} finally {
			await Promise.all([twin.close(), other.close()]);
		}
	});

	it('counts toward `times` only the requests it was applied to', async () => {
		emulator.faults.add({ path: inboxPath, status: 500, probability: 0.5, times: 3 });
		const seen = await statuses(emulator, token, 40);
		expect(seen.filter((status) => status === 500)).toHaveLength(3);
		expect(emulator.faults.list()).toEqual([]);
	});

	it('lets the next matching rule answer when the draw says no', async () => {
		emulator.faults.add({ path: inboxPath, status: 503, probability: 0, times: Infinity });
		emulator.faults.add({ path: inboxPath, status: 504 });
		expect((await inbox()).status).toBe(504);
		expect((await inbox()).status).toBe(200);
		expect(emulator.faults.list()).toHaveLength(1);
	});

	it('gives a probability to a connection reset, a 429 with Retry-After and a 503 alike', async () => {
		emulator.faults.add({ path: inboxPath, reset: true, probability: 0.15, times: Infinity });
		emulator.faults.add({ path: inboxPath, status: 429, retryAfter: '2', probability: 0.15, times: Infinity });
		emulator.faults.add({ path: inboxPath, status: 503, probability: 0.15, times: Infinity });
		const answers: { status: number; retryAfter: string | null; code?: string }[] = [];
		for (let index = 0; index < 60; index++) {
			try {
				const answer = await inbox();
				answers.push({ status: answer.status, retryAfter: answer.headers.get('retry-after'), code: (answer.body as GraphErrorBody).error?.code });
			} catch {
				answers.push({ status: 0, retryAfter: null });
			}
		}
		const of = (status: number) => answers.filter((answer) => answer.status === status);
		expect(of(0).length).toBeGreaterThan(0);
		expect(of(429).length).toBeGreaterThan(0);
		expect(of(429).every((answer) => answer.retryAfter === '2' && answer.code === 'ApplicationThrottled')).toBe(true);
		expect(of(503).length).toBeGreaterThan(0);
		expect(of(200).length).toBeGreaterThan(0);
		expect(of(0).length + of(429).length + of(503).length + of(200).length).toBe(60);
	});

	it('takes a probability over HTTP, and refuses one outside 0..1', async () => {
		const added = await graph(emulator, '/_emulator/faults', { method: 'POST', body: { pathPattern: 'inbox$', status: 503, probability: 1 } });
		expect(added.status).toBe(201);
		expect(as<{ value: unknown[] }>(added).value).toEqual([{ pathPattern: 'inbox$', status: 503, probability: 1, remaining: 1 }]);
		expect((await inbox()).status).toBe(503);
		const refused = await graph(emulator, '/_emulator/faults', { method: 'POST', body: { status: 503, probability: 2 } });
		expect(refused.status).toBe(400);
		expect(() => new FaultTable().add({ status: 503, probability: -0.1 })).toThrow(/probability/);
	});
});
