import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath } from '../test-client';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const control = async (method: string, path: string, body?: unknown) => await graph(emulator, `/_emulator/${path}`, { method, body });

describe('control routes', () => {
	it('adds, lists and clears faults over HTTP, with a RegExp path and Infinity as JSON', async () => {
		const added = await control('POST', 'faults', [{ pathPattern: 'inbox$', status: 503, times: null }, { path: '/x', status: 500 }]);
		expect(added.status).toBe(201);
		expect(as<{ value: unknown[] }>(await control('GET', 'faults')).value).toEqual([
			{ status: 503, pathPattern: 'inbox$', remaining: null },
			{ status: 500, path: '/x', remaining: 1 },
		]);
		const token = await accessToken(emulator);
		expect((await graph(emulator, `${userPath()}/mailFolders/inbox`, { token })).status).toBe(503);
		expect((await control('DELETE', 'faults')).status).toBe(204);
		expect((await graph(emulator, `${userPath()}/mailFolders/inbox`, { token })).status).toBe(200);
	});

	it('answers 400 for a fault rule that is not an object', async () => {
		expect((await control('POST', 'faults', '"nope"')).status).toBe(400);
	});

	it('lists and clears the request log over HTTP', async () => {
		await accessToken(emulator);
		const log = as<{ value: { kind: string }[] }>(await control('GET', 'requests'));
		expect(log.value.map((record) => record.kind)).toEqual(['token', 'control']);
		await control('DELETE', 'requests');
		expect(emulator.requests.map((record) => record.kind)).toEqual([]);
	});

	it('resets the store over HTTP', async () => {
		emulator.store.addMessages(SAMPLE.users.adele.id, 'inbox', 3);
		expect((await control('POST', 'reset')).status).toBe(204);
		expect(emulator.store.messages(SAMPLE.users.adele.id)).toHaveLength(SAMPLE.messagesPerMailbox);
	});

	it('logs discovery requests as kind discovery and answers 404', async () => {
		expect((await graph(emulator, `/${SAMPLE.tenantId}/v2.0/.well-known/openid-configuration`)).status).toBe(404);
		expect((await graph(emulator, '/common/discovery/instance?api-version=1.1')).status).toBe(404);
		expect(emulator.requests.map((record) => record.kind)).toEqual(['discovery', 'discovery']);
	});

	it('logs what was sent, tokens included, with the emulator clock', async () => {
		const token = await accessToken(emulator);
		await graph(emulator, `${userPath()}/messages?$top=1&$select=subject`, { token, headers: { 'client-request-id': 'abc' } });
		const record = emulator.requests.find((entry) => entry.kind === 'graph');
		expect(record).toMatchObject({
			method: 'GET',
			rawUrl: `${userPath()}/messages?$top=1&$select=subject`,
			query: { $top: '1', $select: 'subject' },
			headers: { authorization: `Bearer ${token}`, 'client-request-id': 'abc' },
			status: 200,
			mailbox: SAMPLE.users.adele.id,
		});
		expect(record?.endedAt).toBeGreaterThanOrEqual(record?.startedAt ?? Infinity);
		const tokenRecord = emulator.requests.find((entry) => entry.kind === 'token');
		expect(tokenRecord?.body).toMatchObject({ grant_type: 'client_credentials', client_id: SAMPLE.apps.full.clientId });
	});
});
