import { MailboxScheduler, MailboxSlots } from '../../nodes/shared/graph/batch';
import type { HttpRequest, HttpResponse, TransportResult } from '../../nodes/shared/graph/transport';

const VERSION_URL = 'https://graph.microsoft.com/v1.0';

interface BatchBody {
	requests: Array<{ id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }>;
}

/** A fake Graph behind the transport: answers `$batch` by running each sub-request through `answer`. */
type FakeAnswer = { status: number; headers: Record<string, string>; body?: unknown };

function fakeGraph(answer: (sub: { method: string; url: string; body?: unknown }) => FakeAnswer, options: { shuffle?: boolean; batchStatus?: number } = {}) {
	const sent: HttpRequest[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const transport = async (request: HttpRequest): Promise<TransportResult> => {
		sent.push(request);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, 5));
		inFlight--;
		if (request.url.endsWith('/$batch')) {
			if (options.batchStatus) return { status: options.batchStatus, headers: { 'retry-after': '3' }, body: Buffer.from('{}') };
			const { requests } = JSON.parse(String(request.body)) as BatchBody;
			const responses = requests.map((sub) => {
				const { status, headers, body } = answer(sub);
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
		get maxInFlight() {
			return maxInFlight;
		},
	};
}

const get = (path: string): HttpRequest => ({ method: 'GET', url: `${VERSION_URL}${path}`, headers: { Accept: 'application/json' }, timeoutMs: 1000 });

describe('MailboxScheduler', () => {
	it('groups 45 concurrent requests of one mailbox into $batch requests of 20, 20 and 5', async () => {
		const graph = fakeGraph((sub) => ({ status: 200, headers: {}, body: { url: sub.url } }));
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: true, timeoutMs: 1000 });
		const results = await Promise.all(
			Array.from({ length: 45 }, (_, index) => scheduler.send(get(`/users/a/messages/m${index}`), 'a', true)),
		);
		const batches = graph.sent.map((request) => (JSON.parse(String(request.body)) as BatchBody).requests.length);
		expect(batches).toEqual([20, 20, 5]);
		expect(graph.sent.every((request) => request.method === 'POST' && request.url === `${VERSION_URL}/$batch`)).toBe(true);
		expect(graph.maxInFlight).toBe(1);
		results.forEach((result, index) => {
			expect(JSON.parse((result as HttpResponse).body.toString())).toEqual({ url: `/users/a/messages/m${index}` });
		});
	});

	it('gives each request its own sub-response by id, whatever the order of the answer', async () => {
		const graph = fakeGraph((sub) => ({ status: sub.url.endsWith('m1') ? 404 : 200, headers: {}, body: { url: sub.url } }), { shuffle: true });
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: true, timeoutMs: 1000 });
		const results = (await Promise.all([0, 1, 2].map((index) => scheduler.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([200, 404, 200]);
		expect(results.map((result) => JSON.parse(result.body.toString()).url)).toEqual(['/users/a/messages/m0', '/users/a/messages/m1', '/users/a/messages/m2']);
	});

	it('passes a sub-request its own Retry-After when it alone is throttled', async () => {
		const throttled = { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'ApplicationThrottled' } } };
		const graph = fakeGraph((sub) => (sub.url.endsWith('m1') ? throttled : { status: 200, headers: {}, body: {} }));
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: true, timeoutMs: 1000 });
		const results = (await Promise.all([0, 1].map((index) => scheduler.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results[1]).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
		expect(results[0].status).toBe(200);
	});

	it('gives every request the outcome of a $batch that failed as a whole', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }), { batchStatus: 503 });
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: true, timeoutMs: 1000 });
		const results = (await Promise.all([0, 1, 2].map((index) => scheduler.send(get(`/users/a/messages/m${index}`), 'a', true)))) as HttpResponse[];
		expect(results.map((result) => result.status)).toEqual([503, 503, 503]);
	});

	it('runs the batches of different mailboxes in parallel', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }));
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: true, timeoutMs: 1000 });
		await Promise.all(
			['a', 'b', 'c'].flatMap((mailbox) => Array.from({ length: 20 }, (_, index) => scheduler.send(get(`/users/${mailbox}/messages/m${index}`), mailbox, true))),
		);
		expect(graph.sent).toHaveLength(3);
		expect(graph.maxInFlight).toBe(3);
	});

	it('keeps unbatched requests of one mailbox to 4 in flight', async () => {
		const graph = fakeGraph(() => ({ status: 200, headers: {} }));
		const scheduler = new MailboxScheduler(graph.transport, { versionUrl: VERSION_URL, batching: false, timeoutMs: 1000 });
		await Promise.all(Array.from({ length: 12 }, (_, index) => scheduler.send(get(`/users/a/messages/m${index}`), 'a', true)));
		expect(graph.sent).toHaveLength(12);
		expect(graph.maxInFlight).toBe(4);
	});
});

describe('MailboxSlots', () => {
	it('lets a waiting batch start only when its slots are free, in arrival order', async () => {
		const slots = new MailboxSlots(4);
		const order: string[] = [];
		let releaseFirst: () => void = () => {};
		const first = slots.run(4, async () => {
			order.push('first start');
			await new Promise<void>((resolve) => (releaseFirst = resolve));
			order.push('first end');
		});
		const second = slots.run(1, async () => order.push('second'));
		await new Promise((resolve) => setImmediate(resolve));
		expect(order).toEqual(['first start']);
		releaseFirst();
		await Promise.all([first, second]);
		expect(order).toEqual(['first start', 'first end', 'second']);
	});
});
