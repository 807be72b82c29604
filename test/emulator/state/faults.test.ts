import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, requestToken, secretForm, userPath, type EntraErrorBody, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const inboxPath = `${userPath()}/mailFolders/inbox`;
const decodedInboxPath = `/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/mailFolders/inbox`;
const inbox = () => graph(emulator, inboxPath, { token });

describe('faults', () => {
	it("answers a 503 with Graph's error body and Retry-After once, then routes normally", async () => {
		emulator.faults.add({ path: decodedInboxPath, status: 503, retryAfter: '2.5' });
		const faulted = await inbox();
		expect(faulted.status).toBe(503);
		expect(faulted.headers.get('retry-after')).toBe('2.5');
		expect(as<GraphErrorBody>(faulted).error).toMatchObject({ code: 'ServiceUnavailable', innerError: { 'request-id': expect.any(String) } });
		expect((await inbox()).status).toBe(200);
	});

	it('answers a 429 on a mailbox path as ApplicationThrottled, and a 504 as GatewayTimeout', async () => {
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 429, retryAfter: '1' });
		emulator.faults.add({ path: /\/mailFolders\/inbox$/, status: 504 });
		expect(as<GraphErrorBody>(await inbox()).error.code).toBe('ApplicationThrottled');
		expect(as<GraphErrorBody>(await inbox()).error.code).toBe('GatewayTimeout');
	});

	it('applies a rule `times` times, or forever with Infinity, matching the method when given', async () => {
		emulator.faults.add({ method: 'PATCH', status: 500, times: Infinity });
		emulator.faults.add({ method: 'GET', path: decodedInboxPath, status: 500, times: 2 });
		expect((await inbox()).status).toBe(500);
		expect((await inbox()).status).toBe(500);
		expect((await inbox()).status).toBe(200);
		expect(emulator.faults.list()).toHaveLength(1);
		expect(emulator.faults.list()[0].remaining).toBe(Infinity);
	});

	it('sends a given body and headers instead of the default error', async () => {
		emulator.faults.add({ path: decodedInboxPath, status: 200, body: { id: 'fake' }, headers: { 'x-test': 'yes' } });
		const answer = await inbox();
		expect(answer.body).toEqual({ id: 'fake' });
		expect(answer.headers.get('x-test')).toBe('yes');
	});

	it('drops the connection on reset and logs the request with status 0', async () => {
		emulator.faults.add({ path: decodedInboxPath, reset: true });
		await expect(inbox()).rejects.toThrow();
		const record = emulator.requests.find((request) => request.kind === 'graph');
		expect(record).toMatchObject({ path: decodedInboxPath, status: 0 });
		expect((await inbox()).status).toBe(200);
	});

	it('delays the answer by latencyMs and then routes the request', async () => {
		emulator.faults.add({ path: decodedInboxPath, latencyMs: 150 });
		const started = Date.now();
		const answer = await inbox();
		expect(answer.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it("targets the token endpoint too, answering with Entra's error JSON", async () => {
		emulator.faults.add({ method: 'POST', path: `/${SAMPLE.tenantId}/oauth2/v2.0/token`, status: 503, retryAfter: '3' });
		const answer = await requestToken(emulator, secretForm(), SAMPLE.tenantId);
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe('3');
		expect(as<EntraErrorBody>(answer)).toMatchObject({ error: 'temporarily_unavailable', trace_id: expect.any(String) });
		expect((await requestToken(emulator, secretForm(), SAMPLE.tenantId)).status).toBe(200);
	});
});
