import { createVirtualClock } from '../../helpers/clock';
import { SAMPLE, startEmulator, type Emulator, type EmulatorOptions } from '../index';
import { accessToken, as, batch, graph, userPath, type Answer, type BatchAnswer, type GraphErrorBody } from '../test-client';

const adele = SAMPLE.users.adele;
const alex = SAMPLE.users.alex;
const THROTTLED = { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' };

let clock: ReturnType<typeof createVirtualClock>;
let emulator: Emulator;
let token: string;

async function start(options: EmulatorOptions = {}): Promise<void> {
	clock = createVirtualClock();
	emulator = await startEmulator({ now: clock.now, sleep: clock.sleep, ...options });
	token = await accessToken(emulator);
}
afterEach(async () => await emulator.close());

const inbox = (user: { userPrincipalName: string } = adele) => graph(emulator, `${userPath(user)}/mailFolders/inbox?$select=id`, { token });
const messages = (user: { userPrincipalName: string } = adele) => graph(emulator, `${userPath(user)}/messages?$top=1`, { token });
const seen = (answer: Answer) => ({ status: answer.status, retryAfter: answer.headers.get('retry-after') });

describe('sticky faults', () => {
	it('a sticky 429 throttles its mailbox until Retry-After has passed on the emulator clock: every request in between gets 429 with the seconds still to wait', async () => {
		await start();
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 429, retryAfter: '3', sticky: true });
		expect(seen(await inbox())).toEqual({ status: 429, retryAfter: '3' });
		const early = await messages();
		expect(seen(early)).toEqual({ status: 429, retryAfter: '3' });
		expect(as<GraphErrorBody>(early).error).toMatchObject(THROTTLED);
		expect((await messages(alex)).status).toBe(200);
		clock.advance(1500);
		expect(seen(await messages())).toEqual({ status: 429, retryAfter: '2' });
		clock.advance(1500);
		expect((await messages()).status).toBe(200);
		expect(emulator.requests.filter((record) => record.mailbox === adele.id).map((record) => record.status)).toEqual([429, 429, 429, 200]);
	});

	it('a 429 without sticky leaves the mailbox open', async () => {
		await start();
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 429, retryAfter: '3' });
		expect((await inbox()).status).toBe(429);
		expect((await messages()).status).toBe(200);
	});

	it('a sticky 503 throttles too, and a sticky rule without Retry-After throttles for throttleRetryAfterSeconds and sends it', async () => {
		await start({ throttleRetryAfterSeconds: 2 });
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 503, sticky: true });
		const faulted = await inbox();
		expect(seen(faulted)).toEqual({ status: 503, retryAfter: '2' });
		expect(as<GraphErrorBody>(faulted).error.code).toBe('ServiceUnavailable');
		expect(seen(await messages())).toEqual({ status: 429, retryAfter: '2' });
		clock.advance(2000);
		expect((await messages()).status).toBe(200);
	});

	it('a sticky 429 for one sub-request of a $batch throttles the mailbox for the rest of the batch and after it', async () => {
		await start();
		emulator.faults.add({ method: 'GET', path: /\/messages\/[^/]+$/, status: 429, retryAfter: '1', sticky: true });
		const ids = emulator.store.messages(adele.id).map((message) => message.id);
		const answer = await batch(
			emulator,
			token,
			ids.slice(0, 5).map((id, index) => ({ id: String(index + 1), method: 'GET', url: `/users/${adele.id}/messages/${id}?$select=id` })),
		);
		expect(as<BatchAnswer>(answer).responses.map((response) => response.status)).toEqual(Array(5).fill(429));
		expect(emulator.requests.filter((record) => record.mailbox === adele.id && record.status === 429)).toHaveLength(5);
		expect((await messages()).status).toBe(429);
		clock.advance(1000);
		expect((await messages()).status).toBe(200);
	});

	it('stickyFaults makes random 429s sticky: each one is followed by 429s until its Retry-After has passed, unless the rule says sticky: false', async () => {
		await start({ stickyFaults: true, faultSeed: 7 });
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 429, retryAfter: '1', probability: 0.05, times: Infinity });
		let faulted = 0;
		for (let index = 0; index < 200; index++) {
			if ((await inbox()).status !== 429) continue;
			faulted++;
			expect((await messages()).status).toBe(429);
			clock.advance(1000);
		}
		expect(faulted).toBeGreaterThan(3);
		expect(faulted).toBeLessThan(25);

		emulator.reset();
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 429, retryAfter: '1', sticky: false });
		expect((await inbox()).status).toBe(429);
		expect((await messages()).status).toBe(200);
	});

	it('takes sticky over HTTP, and refuses one that is not a Boolean', async () => {
		await start();
		const added = await graph(emulator, '/_emulator/faults', { method: 'POST', body: { pathPattern: 'inbox$', status: 429, retryAfter: '1', sticky: true } });
		expect(added.status).toBe(201);
		expect(as<{ value: unknown[] }>(added).value).toEqual([{ pathPattern: 'inbox$', status: 429, retryAfter: '1', sticky: true, remaining: 1 }]);
		expect((await inbox()).status).toBe(429);
		expect((await messages()).status).toBe(429);
		const refused = await graph(emulator, '/_emulator/faults', { method: 'POST', body: [{ status: 503 }, { status: 429, sticky: 'yes' }] });
		expect(refused.status).toBe(400);
		expect(as<GraphErrorBody>(refused).error.message).toBe('fault rule sticky must be true or false, not yes');
		expect(emulator.faults.list()).toEqual([]);
	});
});
