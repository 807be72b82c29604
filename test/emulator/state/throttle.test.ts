import { SAMPLE, startEmulator, type Emulator } from '../index';
import { MailboxThrottle } from './throttle';
import { accessToken, as, graph, testClock, userPath, type GraphErrorBody } from '../test-client';

describe('mailbox concurrency throttling', () => {
	const clock = testClock();
	let emulator: Emulator;
	let token: string;
	/** While `holding`, mailbox operations keep their slot until released: concurrency without real waits. */
	let holding = false;
	let held: (() => void)[] = [];
	const holdSlot = async (ms: number) => {
		if (holding && ms > 0) await new Promise<void>((resolve) => held.push(resolve));
	};

	beforeAll(async () => {
		emulator = await startEmulator({ now: clock.now, sleep: holdSlot, serviceTimeMs: 250 });
		token = await accessToken(emulator);
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => {
		emulator.reset();
		holding = false;
		held = [];
	});

	const inbox = () => graph(emulator, `${userPath()}/mailFolders/inbox?$select=id`, { token });
	const answered = () => emulator.requests.filter((request) => request.kind === 'graph' && request.status !== 0).length;
	/** Five requests at once, the admitted ones holding their slots until each of the five is admitted or answered. */
	async function fiveAtOnce() {
		holding = true;
		const before = answered();
		const requests = Promise.all([inbox(), inbox(), inbox(), inbox(), inbox()]);
		while (held.length + answered() - before < 5) await new Promise((resolve) => setImmediate(resolve));
		holding = false;
		held.splice(0).forEach((release) => release());
		return await requests;
	}

	it('answers exactly one of 5 concurrent requests with 429, keeps the mailbox throttled until Retry-After has passed', async () => {
		const answers = await fiveAtOnce();
		const throttled = answers.filter((answer) => answer.status === 429);
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
		expect(throttled).toHaveLength(1);
		expect(throttled[0].headers.get('retry-after')).toBe('1');
		expect(as<GraphErrorBody>(throttled[0]).error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });

		clock.advance(400);
		const early = await inbox();
		expect(early.status).toBe(429);
		expect(early.headers.get('retry-after')).toBe('1');

		clock.advance(600);
		expect((await inbox()).status).toBe(200);
	});

	it('throttles each mailbox on its own', async () => {
		const adele = await fiveAtOnce();
		expect(adele.filter((answer) => answer.status === 429)).toHaveLength(1);
		const alex = await graph(emulator, `${userPath(SAMPLE.users.alex)}/mailFolders/inbox`, { token });
		expect(alex.status).toBe(200);
	});

	it('logs the resolved mailbox of every request, throttled or not', async () => {
		await fiveAtOnce();
		const graphRequests = emulator.requests.filter((request) => request.kind === 'graph');
		expect(graphRequests.map((request) => request.mailbox)).toEqual(Array(5).fill(SAMPLE.users.adele.id));
		expect(graphRequests.map((request) => request.status).sort()).toEqual([200, 200, 200, 200, 429]);
	});
});

describe('MailboxThrottle', () => {
	it('says the seconds still to wait, rounded up, and frees a slot on release', () => {
		const clock = testClock(0);
		const throttle = new MailboxThrottle(clock.now, 1, 3);
		const first = throttle.admit('m');
		expect(first.admitted).toBe(true);
		expect(throttle.admit('m')).toEqual({ admitted: false, retryAfterSeconds: 3 });
		clock.advance(1500);
		expect(throttle.admit('m')).toEqual({ admitted: false, retryAfterSeconds: 2 });
		if (first.admitted) first.release();
		clock.advance(1500);
		expect(throttle.admit('m').admitted).toBe(true);
	});

	it('remembers the most requests in flight at once per mailbox, until clear() starts again from those still in flight', () => {
		const throttle = new MailboxThrottle(testClock(0).now, 4, 1);
		const admitted = [throttle.admit('m'), throttle.admit('m'), throttle.admit('m')];
		throttle.admit('other');
		admitted.forEach((admission) => admission.admitted && admission.release());
		expect([throttle.maxInFlight('m'), throttle.maxInFlight('other'), throttle.maxInFlight('unseen')]).toEqual([3, 1, 0]);
		throttle.admit('m');
		throttle.clear();
		expect(throttle.maxInFlight('m')).toBe(1);
	});

	it('block: throttles a mailbox for a while, never shortening a window already running', () => {
		const clock = testClock(0);
		const throttle = new MailboxThrottle(clock.now, 4, 1);
		throttle.block('m', 2500);
		throttle.block('m', 1000);
		expect(throttle.admit('m')).toEqual({ admitted: false, retryAfterSeconds: 3 });
		clock.advance(2500);
		expect(throttle.admit('m').admitted).toBe(true);
	});
});
