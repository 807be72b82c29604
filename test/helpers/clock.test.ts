import { createVirtualClock } from './clock';

describe('createVirtualClock', () => {
	it('starts at the given instant, or at 2025-01-15T12:00Z', () => {
		expect(createVirtualClock('2030-06-01T08:30:00Z').now()).toBe(Date.UTC(2030, 5, 1, 8, 30));
		expect(createVirtualClock().now()).toBe(Date.UTC(2025, 0, 15, 12));
		expect(() => createVirtualClock('yesterday')).toThrow(/not an ISO date/);
	});

	it('sleep: moves the clock to the time of the call + ms, without waiting for real time', async () => {
		const clock = createVirtualClock();
		const start = clock.now();
		const realStart = Date.now();
		await clock.sleep(60_000);
		expect(clock.now()).toBe(start + 60_000);
		expect(Date.now() - realStart).toBeLessThan(1000);
	});

	it('sleep: yields to the event loop before the clock moves', async () => {
		const clock = createVirtualClock();
		const start = clock.now();
		const seen: number[] = [];
		setImmediate(() => seen.push(clock.now()));
		await clock.sleep(1000);
		expect(seen).toEqual([start]);
	});

	it('sleep: concurrent sleepers wake in call order, each once the clock has reached its wake time; time only moves forward', async () => {
		const clock = createVirtualClock();
		const start = clock.now();
		const woke: [string, number][] = [];
		await Promise.all([
			clock.sleep(300).then(() => woke.push(['long', clock.now() - start])),
			clock.sleep(100).then(() => woke.push(['short', clock.now() - start])),
		]);
		expect(woke).toEqual([
			['long', 300],
			['short', 300],
		]);
		expect(clock.now()).toBe(start + 300);
	});

	it('sleep: a sleeper whose wake time the clock has passed leaves it where it is', async () => {
		const clock = createVirtualClock();
		const start = clock.now();
		const sleeping = clock.sleep(100);
		clock.advance(500);
		await sleeping;
		expect(clock.now()).toBe(start + 500);
	});

	it('sleep: 0 or a negative time only yields', async () => {
		const clock = createVirtualClock();
		const start = clock.now();
		await clock.sleep(0);
		await clock.sleep(-5);
		expect(clock.now()).toBe(start);
	});

	it('advance: moves forward by hand, and refuses to move back', () => {
		const clock = createVirtualClock();
		const start = clock.now();
		clock.advance(1500);
		expect(clock.now()).toBe(start + 1500);
		expect(() => clock.advance(-1)).toThrow(/only moves forward/);
		expect(clock.now()).toBe(start + 1500);
	});
});
