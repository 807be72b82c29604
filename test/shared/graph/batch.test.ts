import { MailboxScheduler } from '../../../nodes/shared/graph/batch';
import { GateClosedError, MailboxLanes } from '../../../nodes/shared/graph/lanes';
import type { HttpRequest, HttpResponse, TransportResult } from '../../../nodes/shared/graph/transport';
import { createVirtualClock } from '../../helpers/clock';

const VERSION_URL = 'https://graph.microsoft.com/v1.0';

interface SubRequest {
	id: string;
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	dependsOn?: string[];
}

/** A fake Graph behind the transport: answers `$batch` by running each sub-request through `answer`. */
type FakeAnswer = { status: number; headers: Record<string, string>; body?: unknown };

const tick = () => new Promise((resolve) => setImmediate(resolve));

function fakeGraph(
	answer: (sub: { method: string; url: string; body?: unknown }) => FakeAnswer,
	options: { shuffle?: boolean; batchStatus?: number } = {},
) {
	const sent: HttpRequest[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const transport = async (request: HttpRequest): Promise<TransportResult> => {
		sent.push(request);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		for (let turn = 0; turn < 10; turn++) await tick();
		inFlight--;
		if (request.url.endsWith('/$batch')) {
			if (options.batchStatus) return { status: options.batchStatus, headers: { 'retry-after': '3' }, body: Buffer.from('{}') };
			const { requests } = JSON.parse(String(request.body)) as { requests: SubRequest[] };
			const statuses = new Map<string, number>();
			const responses = requests.map((sub) => {
				// A step of a chain whose dependency failed never runs: 424, as Graph answers.
				const failedDependency = sub.dependsOn?.some((id) => (statuses.get(id) ?? 0) >= 400);
				const { status, headers, body } = failedDependency ? { status: 424, headers: {}, body: { error: { code: 'FailedDependency' } } } : answer(sub);
				statuses.set(sub.id, status);
				return { id: sub.id, status, headers, body };
			});
			if (options.shuffle) responses.reverse();
			return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ responses })) };
		}
		const { status, headers, body } = answer({ method: request.method, url: request.url.slice(VERSION_URL.length) });
		return { status, headers, body: Buffer.from(JSON.stringify(body ?? {})) };
	};
	return {
		transport,
		sent,
		batches: () => sent.filter((request) => request.url.endsWith('/$batch')).map((request) => (JSON.parse(String(request.body)) as { requests: SubRequest[] }).requests),
		get maxInFlight() {
			return maxInFlight;
		},
	};
}

const get = (path: string): HttpRequest => ({ method: 'GET', url: `${VERSION_URL}${path}`, headers: { Accept: 'application/json' }, timeoutMs: 1000, maxResponseBytes: 1024 * 1024 });

function scheduler(transport: (request: HttpRequest) => Promise<TransportResult>, options: { batching?: boolean; lanes?: MailboxLanes; maxGateWaitMs?: number } = {}) {
	const clock = createVirtualClock();
	const lanes = options.lanes ?? new MailboxLanes(clock);
	return {
		lanes,
		clock,
		scheduler: new MailboxScheduler(transport, {
			versionUrl: VERSION_URL,
			batching: options.batching ?? true,
			timeoutMs: 1000,
			lanes,
			maxGateWaitMs: options.maxGateWaitMs ?? 180_000,
		}),
	};
}

const okBody = (sub: { url: string }): FakeAnswer => ({ status: 200, headers: {}, body: { url: sub.url } });

describe('MailboxScheduler', () => {
	it('sends 45 concurrent requests of one mailbox as chains of 20, 20 and 5, each step depending on the one before', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches } = scheduler(graph.transport);
		const results = await Promise.all(Array.from({ length: 45 }, (_, index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)));
		expect(graph.batches().map((requests) => requests.length)).toEqual([20, 20, 5]);
		for (const requests of graph.batches()) {
			expect(requests.map((request) => request.dependsOn)).toEqual(requests.map((_, index) => (index === 0 ? undefined : [String(index)])));
		}
		// Each chain runs one step at a time, so three chains hold three of the mailbox's four slots.
		expect(graph.maxInFlight).toBe(3);
		results.forEach((result, index) => {
			expect(JSON.parse((result as HttpResponse).body.toString())).toEqual({ url: `/users/a/messages/m${index}` });
		});
	});

	it("gives a batch's slots back only after its callers ran, so a caller that got 429 closes the gate before the next batch leaves", async () => {
		// The first step of the first chain is throttled; the client's request loop, some awaits after the answer,
		// closes the mailbox's gate for Retry-After. No other chain of that mailbox may leave before that.
		let throttledOnce = false;
		const graph = fakeGraph((sub) => {
			if (!throttledOnce) {
				throttledOnce = true;
				return { status: 429, headers: { 'retry-after': '5' }, body: { error: { code: 'ApplicationThrottled' } } };
			}
			return okBody(sub);
		});
		const laneClock = createVirtualClock();
		const sentAt: number[] = [];
		const transport = async (request: HttpRequest) => {
			sentAt.push(laneClock.now());
			return await graph.transport(request);
		};
		const { scheduler: batches, lanes } = scheduler(transport, { lanes: new MailboxLanes(laneClock) });
		const lane = lanes.lane('a');
		for (let index = 0; index < 3; index++) lane.throttled(0); // limit 4 -> 1: one chain at a time
		const caller = async (index: number) => {
			const result = await batches.send(get(`/users/a/messages/m${index}`), 'a', true);
			// The request loop reads the answer a few awaits later, then closes the gate for its Retry-After.
			await Promise.resolve();
			await Promise.resolve();
			if ('status' in result && result.status === 429) lane.throttled(5000);
			return result;
		};
		await Promise.all(Array.from({ length: 40 }, (_, index) => caller(index)));
		expect(sentAt.length).toBeGreaterThan(1);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(5000);
	});

	it('sends up to four requests of one mailbox as one parallel batch, without dependsOn', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches } = scheduler(graph.transport);
		await Promise.all([0, 1, 2, 3].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)));
		expect(graph.batches()).toHaveLength(1);
		expect(graph.batches()[0].map((request) => request.dependsOn)).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('sends one request each of 45 mailboxes as parallel batches of 20, 20 and 5, each answered its own', async () => {
		const graph = fakeGraph(okBody, { shuffle: true });
		const { scheduler: batches, lanes } = scheduler(graph.transport);
		const results = (await Promise.all(
			Array.from({ length: 45 }, (_, index) => batches.send(get(`/users/u${index}/mailFolders/inbox/messages/delta`), `u${index}`, true)),
		)) as HttpResponse[];
		expect(graph.sent).toHaveLength(3);
		expect(graph.batches().map((requests) => requests.length)).toEqual([20, 20, 5]);
		expect(graph.batches().flat().every((request) => request.dependsOn === undefined)).toBe(true);
		expect(graph.batches().flat().map((request) => request.url)).toEqual(Array.from({ length: 45 }, (_, index) => `/users/u${index}/mailFolders/inbox/messages/delta`));
		results.forEach((result, index) => expect(JSON.parse(result.body.toString())).toEqual({ url: `/users/u${index}/mailFolders/inbox/messages/delta` }));
		// Every lane got its slot back, once the answers' callers had run.
		await tick();
		expect(Array.from({ length: 45 }, (_, index) => lanes.lane(`u${index}`).idle)).toEqual(Array.from({ length: 45 }, () => true));
	});

	it('puts at most four requests of one mailbox into a batch shared with other mailboxes', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches } = scheduler(graph.transport);
		await Promise.all([
			...[0, 1, 2].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)),
			...[0, 1, 2, 3].map((index) => batches.send(get(`/users/b/messages/m${index}`), 'b', true)),
			batches.send(get('/users/c/messages/m0'), 'c', true),
		]);
		expect(graph.batches()).toHaveLength(1);
		const perMailbox = (mailbox: string) => graph.batches()[0].filter((request) => request.url.startsWith(`/users/${mailbox}/`)).length;
		expect([perMailbox('a'), perMailbox('b'), perMailbox('c')]).toEqual([3, 4, 1]);
		expect(graph.batches()[0].every((request) => request.dependsOn === undefined)).toBe(true);
	});

	it('never mixes a chain into a batch with other mailboxes (Graph refuses sequential and parallel mixed)', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches } = scheduler(graph.transport);
		await Promise.all([
			...Array.from({ length: 6 }, (_, index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)),
			...[0, 1].map((index) => batches.send(get(`/users/b/messages/m${index}`), 'b', true)),
		]);
		for (const requests of graph.batches()) {
			const chained = requests.some((request) => request.dependsOn !== undefined);
			if (chained) expect(requests.every((request, index) => index === 0 || request.dependsOn?.length === 1)).toBe(true);
			if (chained) expect(requests.every((request) => request.url.startsWith('/users/a/'))).toBe(true);
		}
		expect(graph.batches().map((requests) => requests.length).sort()).toEqual([2, 6]);
	});

	it('gives each request its own sub-response by id, whatever the order of the answer', async () => {
		const graph = fakeGraph((sub) => ({ status: sub.url.endsWith('m1') ? 404 : 200, headers: {}, body: { url: sub.url } }), { shuffle: true });
		const { scheduler: batches } = scheduler(graph.transport);
		const results = (await Promise.all([0, 1, 2].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([200, 404, 200]);
		expect(results.map((result) => JSON.parse(result.body.toString()).url)).toEqual(['/users/a/messages/m0', '/users/a/messages/m1', '/users/a/messages/m2']);
	});

	it('passes a sub-request its own Retry-After when it alone is throttled', async () => {
		const throttled = { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'ApplicationThrottled' } } };
		const graph = fakeGraph((sub) => (sub.url.endsWith('m1') ? throttled : { status: 200, headers: {}, body: {} }));
		const { scheduler: batches } = scheduler(graph.transport);
		const results = (await Promise.all([0, 1].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results[1]).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
		expect(results[0].status).toBe(200);
	});

	it('sends the steps a failed step kept from running (424) again, at the front of the queue, without answering them', async () => {
		let failures = 1;
		const graph = fakeGraph((sub) => (sub.url.endsWith('m2') && failures-- > 0 ? { status: 404, headers: {}, body: { error: { code: 'ErrorItemNotFound' } } } : okBody(sub)));
		const { scheduler: batches } = scheduler(graph.transport);
		const results = (await Promise.all(Array.from({ length: 6 }, (_, index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([200, 200, 404, 200, 200, 200]);
		expect(graph.batches().map((requests) => requests.map((request) => request.url))).toEqual([
			['/users/a/messages/m0', '/users/a/messages/m1', '/users/a/messages/m2', '/users/a/messages/m3', '/users/a/messages/m4', '/users/a/messages/m5'],
			['/users/a/messages/m3', '/users/a/messages/m4', '/users/a/messages/m5'],
		]);
	});

	it('answers a step with its 424 once it has been sent back ten times, so a front end that never runs it cannot loop', async () => {
		const graph = fakeGraph((sub) => (sub.url.endsWith('m0') ? okBody(sub) : { status: 424, headers: {}, body: { error: { code: 'FailedDependency' } } }));
		const { scheduler: batches, lanes } = scheduler(graph.transport);
		lanes.lane('a').limit = 1;
		const results = (await Promise.all([0, 1, 2].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([200, 424, 424]);
		expect(graph.batches().map((requests) => requests.length)).toEqual([3, ...Array.from({ length: 10 }, () => 2)]);
	});

	it('gives every request the outcome of a $batch that failed as a whole', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }), { batchStatus: 503 });
		const { scheduler: batches } = scheduler(graph.transport);
		const results = (await Promise.all([0, 1, 2].map((index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([503, 503, 503]);
	});

	it('runs the batches of different mailboxes in parallel', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }));
		const { scheduler: batches } = scheduler(graph.transport);
		await Promise.all(
			['a', 'b', 'c'].flatMap((mailbox) => Array.from({ length: 20 }, (_, index) => batches.send(get(`/users/${mailbox}/messages/m${index}`), mailbox, true))),
		);
		expect(graph.sent).toHaveLength(3);
		expect(graph.maxInFlight).toBe(3);
	});

	it('keeps unbatched requests of one mailbox to 4 in flight', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }));
		const { scheduler: batches } = scheduler(graph.transport, { batching: false });
		await Promise.all(Array.from({ length: 12 }, (_, index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)));
		expect(graph.sent).toHaveLength(12);
		expect(graph.maxInFlight).toBe(4);
	});

	it('runs only as many chains at once as the lane allows after throttling lowered its limit', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches, lanes } = scheduler(graph.transport);
		lanes.lane('a').throttled(1000);
		expect(lanes.lane('a').limit).toBe(2);
		await Promise.all(Array.from({ length: 100 }, (_, index) => batches.send(get(`/users/a/messages/m${index}`), 'a', true)));
		expect(graph.batches().map((requests) => requests.length)).toEqual([20, 20, 20, 20, 20]);
		expect(graph.maxInFlight).toBe(2);
	});

	it('holds every request of a throttled mailbox until its gate opens, on the lane\'s clock', async () => {
		const times: number[] = [];
		const { scheduler: batches, lanes, clock } = scheduler(async (request) => {
			times.push(clock.now());
			return await fakeGraph(okBody).transport(request);
		});
		const start = clock.now();
		lanes.lane('a').throttled(5000);
		await Promise.all([batches.send(get('/users/a/messages/m0'), 'a', true), batches.send(get('/users/a/messages/m1'), 'a', false)]);
		expect(times.map((time) => time - start)).toEqual([5000, 5000]);
	});

	it('fails the queued requests with GateClosedError when the gate stays closed longer than they may wait', async () => {
		const graph = fakeGraph(okBody);
		const { scheduler: batches, lanes } = scheduler(graph.transport, { maxGateWaitMs: 10_000 });
		lanes.lane('a').throttled(60_000);
		const outcomes = await Promise.allSettled([batches.send(get('/users/a/messages/m0'), 'a', true), batches.send(get('/users/a/messages/m1'), 'a', false)]);
		expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as GateClosedError).retryAfterMs : 'sent'))).toEqual([60_000, 60_000]);
		expect(graph.sent).toHaveLength(0);
	});
});
