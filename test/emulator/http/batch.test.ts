import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, batch, folderMessages, graph, responseOf, userPath, type BatchAnswer, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele;
const upn = encodeURIComponent(adele.userPrincipalName);

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const inboxMessages = () => folderMessages(emulator, adele.id, 'inbox');
const getMessage = (id: string, messageId: string) => ({ id, method: 'GET', url: `/users/${upn}/messages/${messageId}?$select=subject` });
const errorOf = (body: unknown) => (body as GraphErrorBody).error;

describe('$batch: limits and shape', () => {
	it('answers 20 sub-requests in one 200, each by its id', async () => {
		const messages = inboxMessages().slice(0, 10);
		const requests = Array.from({ length: 20 }, (_, index) => getMessage(`r${index}`, messages[index % 10].id));
		const answer = await batch(emulator, token, requests);
		expect(answer.status).toBe(200);
		const { responses } = as<BatchAnswer>(answer);
		expect(responses).toHaveLength(20);
		for (let index = 0; index < 20; index++) {
			expect(responseOf(answer, `r${index}`)).toMatchObject({ status: 200, body: { id: messages[index % 10].id, subject: messages[index % 10].subject } });
		}
	});

	it('refuses 21 sub-requests as a whole with 400, running none', async () => {
		const requests = Array.from({ length: 21 }, (_, index) => getMessage(String(index), inboxMessages()[0].id));
		const answer = await batch(emulator, token, requests);
		expect(answer.status).toBe(400);
		expect(errorOf(answer.body)).toMatchObject({ code: 'BadRequest', message: 'Number of requests inside batch exceed the limit.' });
		expect(emulator.requests.filter((request) => request.kind === 'graph')).toEqual([]);
	});

	it('returns responses in an order other than the requests, so clients must look them up by id', async () => {
		const ids = inboxMessages().slice(0, 5).map((message) => message.id);
		const answer = await batch(emulator, token, ids.map((id, index) => getMessage(String(index + 1), id)));
		const order = as<BatchAnswer>(answer).responses.map((response) => response.id);
		expect([...order].sort()).toEqual(['1', '2', '3', '4', '5']);
		expect(order).not.toEqual(['1', '2', '3', '4', '5']);
	});

	it("gives a JSON sub-response Graph's Content-Type and OData-Version, a 204 no body, and a MIME $value base64", async () => {
		const [message, doomed] = inboxMessages();
		const answer = await batch(emulator, token, [
			getMessage('json', message.id),
			{ id: 'gone', method: 'DELETE', url: `/users/${upn}/messages/${doomed.id}` },
			{ id: 'mime', method: 'GET', url: `/users/${upn}/messages/${message.id}/$value` },
		]);
		expect(responseOf(answer, 'json').headers).toMatchObject({ 'Content-Type': expect.stringMatching(/^application\/json;odata\.metadata=minimal/), 'OData-Version': '4.0' });
		expect(responseOf(answer, 'gone')).toEqual({ id: 'gone', status: 204, headers: {} });
		const mime = responseOf(answer, 'mime');
		expect(mime.headers['Content-Type']).toBe('text/plain');
		expect(Buffer.from(mime.body as string, 'base64').toString('utf8')).toContain(`Subject: ${message.subject}`);
	});

	it('accepts a url without its leading slash, and answers 200 even when every sub-request fails', async () => {
		const answer = await batch(emulator, token, [
			{ id: 'a', method: 'GET', url: `users/${upn}/mailFolders/inbox?$select=displayName` },
			{ id: 'b', method: 'GET', url: `/users/${upn}/messages/AAMkAGnotthere` },
		]);
		expect(answer.status).toBe(200);
		expect(responseOf(answer, 'a')).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });
		expect(responseOf(answer, 'b').status).toBe(400);
	});
});

describe('$batch: malformed batches', () => {
	it.each([
		['ids repeated in another case', [getMessage('a', 'x'), getMessage('A', 'y')], 'Request Id A has to be unique in a batch.'],
		['a request without id', [{ method: 'GET', url: '/users' }], /has no id/],
		[
			'a POST without Content-Type',
			[{ id: '1', method: 'POST', url: `/users/${upn}/messages`, body: { subject: 'x' } }],
			'Write request id : 1 does not contain Content-Type header or body.',
		],
		[
			'a POST without body',
			[{ id: '1', method: 'POST', url: `/users/${upn}/messages/x/send`, headers: { 'Content-Type': 'application/json' } }],
			'Write request id : 1 does not contain Content-Type header or body.',
		],
		['a dependency on a later request', [{ ...getMessage('1', 'x'), dependsOn: ['2'] }, getMessage('2', 'y')], 'Invalid dependency for request Id 1.'],
		['a dependency on no request', [getMessage('1', 'x'), { ...getMessage('2', 'y'), dependsOn: ['9'] }], 'Invalid dependency for request Id 2.'],
		[
			'dependent and independent requests mixed',
			[getMessage('1', 'x'), { ...getMessage('2', 'y'), dependsOn: ['1'] }, getMessage('3', 'z')],
			'Batch should be either fully sequential or fully parallel.',
		],
		['an absolute url', [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' }], /Invalid request URL/],
	])('refuses %s with 400 for the whole batch', async (_name, requests, message) => {
		const answer = await batch(emulator, token, requests);
		expect(answer.status).toBe(400);
		expect(errorOf(answer.body).code).toBe('BadRequest');
		expect(errorOf(answer.body).message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
	});

	it('refuses a body without a requests array, and a $batch inside a $batch', async () => {
		expect((await graph(emulator, '/v1.0/$batch', { method: 'POST', token, body: { value: [] } })).status).toBe(400);
		const nested = await batch(emulator, token, [{ id: '1', method: 'POST', url: '/$batch', headers: { 'Content-Type': 'application/json' }, body: { requests: [] } }]);
		expect(responseOf(nested, '1').status).toBe(400);
	});
});

describe('$batch: each sub-request replayed as a request of its own', () => {
	it("answers a send-only app's GET sub-request 403 and runs its sendMail sub-request", async () => {
		const sendOnly = await accessToken(emulator, SAMPLE.apps.sendOnly);
		const answer = await batch(emulator, sendOnly, [
			getMessage('read', inboxMessages()[0].id),
			{
				id: 'send',
				method: 'POST',
				url: `/users/${upn}/sendMail`,
				headers: { 'Content-Type': 'application/json' },
				body: { message: { subject: 'Batched', toRecipients: [{ emailAddress: { address: SAMPLE.users.alex.mail } }] } },
			},
		]);
		expect(responseOf(answer, 'read').status).toBe(403);
		expect(errorOf(responseOf(answer, 'read').body)).toMatchObject({ code: 'ErrorAccessDenied', innerError: { 'request-id': expect.any(String) } });
		expect(responseOf(answer, 'send').status).toBe(202);
		expect(folderMessages(emulator, SAMPLE.users.alex.id, 'inbox').some((message) => message.subject === 'Batched')).toBe(true);
	});

	it("answers every sub-request 401 when the batch carries no token", async () => {
		const answer = await graph(emulator, '/v1.0/$batch', { method: 'POST', body: { requests: [getMessage('1', 'x')] } });
		expect(answer.status).toBe(200);
		expect(responseOf(answer, '1').status).toBe(401);
	});

	it('validates sub-request bodies as Graph does', async () => {
		const answer = await batch(emulator, token, [
			{ id: '1', method: 'PATCH', url: `/users/${upn}/messages/${inboxMessages()[0].id}`, headers: { 'Content-Type': 'application/json' }, body: { nope: 1 } },
		]);
		expect(responseOf(answer, '1').status).toBe(400);
		expect(errorOf(responseOf(answer, '1').body).code).toBe('RequestBodyRead');
	});

	it('logs the batch, then each sub-request in request order, with the batch id and its own id', async () => {
		const [first, second] = inboxMessages();
		await batch(emulator, token, [
			{ id: 'z', method: 'PATCH', url: `/users/${upn}/messages/${first.id}`, headers: { 'Content-Type': 'application/json' }, body: { isRead: true } },
			getMessage('a', second.id),
		]);
		const records = emulator.requests.filter((request) => request.kind !== 'token');
		expect(records.map((record) => [record.kind, record.method, record.batchRequestId])).toEqual([
			['batch', 'POST', undefined],
			['graph', 'PATCH', 'z'],
			['graph', 'GET', 'a'],
		]);
		const [outer, patch, get] = records;
		expect(patch).toMatchObject({
			rawUrl: `/v1.0/users/${upn}/messages/${first.id}`,
			path: `/v1.0/users/${adele.userPrincipalName}/messages/${first.id}`,
			body: { isRead: true },
			status: 200,
			mailbox: adele.id,
			batchId: outer.batchId,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		});
		expect(get).toMatchObject({ query: { $select: 'subject' }, status: 200, batchId: outer.batchId });
		expect(outer.batchId).toEqual(expect.any(String));
		expect(outer.status).toBe(200);
	});
});

describe('$batch: dependencies', () => {
	it('runs dependent requests in order, and answers 424 to those whose dependency failed, without running them', async () => {
		const [kept, updated] = inboxMessages();
		const answer = await batch(emulator, token, [
			{ id: '1', method: 'PATCH', url: `/users/${upn}/messages/${updated.id}`, headers: { 'Content-Type': 'application/json' }, body: { subject: 'x' } },
			{ id: '2', method: 'DELETE', url: `/users/${upn}/messages/${kept.id}`, dependsOn: ['1'] },
			{ id: '3', method: 'GET', url: `/users/${upn}/messages/${kept.id}`, dependsOn: ['2'] },
		]);
		// Subject is draft-only: the PATCH of a received message fails, so the delete never runs.
		expect(responseOf(answer, '1').status).toBe(400);
		expect(responseOf(answer, '2').status).toBe(424);
		expect(responseOf(answer, '3').status).toBe(424);
		expect(inboxMessages().map((message) => message.id)).toContain(kept.id);
	});

	it('runs a sequence whose requests succeed, each after the one before', async () => {
		const [message] = inboxMessages();
		const answer = await batch(emulator, token, [
			{ id: '1', method: 'PATCH', url: `/users/${upn}/messages/${message.id}`, headers: { 'Content-Type': 'application/json' }, body: { isRead: true } },
			{ id: '2', method: 'GET', url: `/users/${upn}/messages/${message.id}?$select=isRead`, dependsOn: ['1'] },
		]);
		expect(responseOf(answer, '2')).toMatchObject({ status: 200, body: { isRead: true } });
		const [, first, second] = emulator.requests.filter((request) => request.kind !== 'token');
		expect(second.startedAt).toBeGreaterThanOrEqual(first.endedAt);
	});
});

describe('$batch: faults', () => {
	it('throttles only the sub-request a fault rule matches, with its own 429 and Retry-After', async () => {
		const [one, two] = inboxMessages();
		emulator.faults.add({ method: 'GET', path: `/v1.0/users/${adele.userPrincipalName}/messages/${two.id}`, status: 429, retryAfter: '7' });
		const answer = await batch(emulator, token, [getMessage('1', one.id), getMessage('2', two.id)]);
		expect(answer.status).toBe(200);
		expect(responseOf(answer, '1').status).toBe(200);
		expect(responseOf(answer, '2')).toMatchObject({ status: 429, headers: { 'Retry-After': '7' } });
		expect(errorOf(responseOf(answer, '2').body).code).toBe('ApplicationThrottled');
	});

	it('answers for the whole batch when a fault rule matches the $batch path', async () => {
		emulator.faults.add({ path: '/v1.0/$batch', status: 503, retryAfter: '3' });
		const answer = await batch(emulator, token, [getMessage('1', inboxMessages()[0].id)]);
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe('3');
		expect(emulator.requests.filter((request) => request.kind === 'graph')).toEqual([]);
	});

	it('leaves connection resets to the outer request: a reset rule matching a sub-request path is not used by it', async () => {
		const [message] = inboxMessages();
		emulator.faults.add({ path: /\/messages\//, reset: true });
		const answer = await batch(emulator, token, [getMessage('1', message.id)]);
		expect(responseOf(answer, '1').status).toBe(200);
		expect(emulator.faults.list()).toHaveLength(1);
	});
});

describe('$batch: mailbox concurrency', () => {
	it('keeps to the mailbox limit inside a batch: never more than 4 sub-requests of one mailbox at once, while other mailboxes run beside', async () => {
		const slow = await startEmulator({ serviceTimeMs: 15 });
		try {
			const bearer = await accessToken(slow);
			const adeleIds = folderMessages(slow, adele.id, 'inbox').slice(0, 12).map((message) => message.id);
			const alexIds = folderMessages(slow, SAMPLE.users.alex.id, 'inbox').slice(0, 4).map((message) => message.id);
			const alexUpn = encodeURIComponent(SAMPLE.users.alex.userPrincipalName);
			const answer = await batch(slow, bearer, [
				...adeleIds.map((id, index) => getMessage(`adele${index}`, id)),
				...alexIds.map((id, index) => ({ id: `alex${index}`, method: 'GET', url: `/users/${alexUpn}/messages/${id}` })),
			]);
			expect(as<BatchAnswer>(answer).responses.every((response) => response.status === 200)).toBe(true);
			const subs = slow.requests.filter((request) => request.batchRequestId !== undefined);
			const overlapping = (mailbox: string) =>
				Math.max(
					...subs
						.filter((request) => request.mailbox === mailbox)
						.map((request, _, all) => all.filter((other) => other.startedAt <= request.startedAt && request.startedAt < other.endedAt).length),
				);
			expect(overlapping(adele.id)).toBe(4);
			expect(overlapping(SAMPLE.users.alex.id)).toBe(4);
			const alexStart = Math.min(...subs.filter((request) => request.mailbox === SAMPLE.users.alex.id).map((request) => request.startedAt));
			const adeleEnd = Math.max(...subs.filter((request) => request.mailbox === adele.id).map((request) => request.endedAt));
			expect(alexStart).toBeLessThan(adeleEnd);
		} finally {
			await slow.close();
		}
	});

	it('logs the mailbox a sub-request counts against, resolved from its path as for a request of its own', async () => {
		const answer = await batch(emulator, token, [{ id: '1', method: 'GET', url: `${userPath().replace('/v1.0', '')}/mailFolders/inbox` }]);
		expect(responseOf(answer, '1').status).toBe(200);
		expect(emulator.requests.find((request) => request.batchRequestId === '1')?.mailbox).toBe(adele.id);
	});
});
