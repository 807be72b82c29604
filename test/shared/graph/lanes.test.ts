import { MailboxLane, MailboxLanes, SUCCESSES_PER_INCREASE } from '../../../nodes/shared/graph/lanes';
import { createVirtualClock } from '../../helpers/clock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MailboxLane', () => {
	it('lets a waiting request start only when its slots are free, in arrival order', async () => {
		const lane = new MailboxLane(createVirtualClock());
		const order: string[] = [];
		const releaseFirst = await lane.enter(4, 1000);
		order.push('first');
		const second = lane.enter(1, 1000).then((release) => {
			order.push('second');
			release();
		});
		await tick();
		expect(order).toEqual(['first']);
		releaseFirst();
		await second;
		expect(order).toEqual(['first', 'second']);
	});

	it('halves its limit once per throttling episode, not once per 429 of the same episode', () => {
		const clock = createVirtualClock();
		const lane = new MailboxLane(clock);
		lane.throttled(1000);
		lane.throttled(1000);
		lane.throttled(500);
		expect(lane.limit).toBe(2);
		expect(lane.closedForMs()).toBe(1000);
		clock.advance(1000);
		lane.throttled(2000);
		expect(lane.limit).toBe(1);
		clock.advance(2000);
		lane.throttled(1000);
		expect(lane.limit).toBe(1);
	});

	it('raises its limit by one after limit x 8 successes in a row, up to 4', () => {
		const clock = createVirtualClock();
		const lane = new MailboxLane(clock);
		lane.throttled(10);
		clock.advance(10);
		lane.throttled(10);
		expect(lane.limit).toBe(1);
		const succeed = (times: number) => Array.from({ length: times }, () => lane.succeeded());
		succeed(SUCCESSES_PER_INCREASE - 1);
		expect(lane.limit).toBe(1);
		succeed(1);
		expect(lane.limit).toBe(2);
		succeed(2 * SUCCESSES_PER_INCREASE);
		expect(lane.limit).toBe(3);
		succeed(3 * SUCCESSES_PER_INCREASE + 4 * SUCCESSES_PER_INCREASE);
		expect(lane.limit).toBe(4);
	});

	it('waits at a closed gate on its clock, without taking more than the slots it asked for', async () => {
		const clock = createVirtualClock();
		const lane = new MailboxLane(clock);
		const start = clock.now();
		lane.throttled(3000);
		const release = await lane.enter(1, 10_000);
		expect(clock.now() - start).toBe(3000);
		expect(lane.peak).toBe(1);
		release();
		expect(lane.idle).toBe(false);
	});

	it('refuses to wait at a gate closed longer than allowed, and holds nothing afterwards', async () => {
		const lane = new MailboxLane(createVirtualClock());
		lane.throttled(60_000);
		await expect(lane.enter(2, 10_000)).rejects.toMatchObject({ name: 'GateClosedError', retryAfterMs: 60_000 });
		lane.limit = 4;
		const release = await lane.enter(4, 100_000);
		release();
	});
});

describe('MailboxLanes', () => {
	it('gives the same lane for the same key, and forgets idle lanes once there are many', () => {
		const lanes = new MailboxLanes(createVirtualClock(), 2);
		const a = lanes.lane('a');
		expect(lanes.lane('a')).toBe(a);
		a.throttled(1000);
		const b = lanes.lane('b');
		lanes.lane('c');
		expect(lanes.lane('a')).toBe(a);
		expect(lanes.lane('b')).not.toBe(b);
	});
});
