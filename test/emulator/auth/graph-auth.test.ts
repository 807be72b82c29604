import jwt from 'jsonwebtoken';
import { SAMPLE, sampleTenant, startEmulator, type Emulator, type TenantSeed } from '../index';
import { accessToken, as, graph, requestToken, secretForm, testClock, userPath, type GraphErrorBody } from '../test-client';

const clock = testClock();
let emulator: Emulator;
let fullToken: string;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
	fullToken = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const messagesPath = `${userPath()}/messages?$top=1`;

describe('Graph authentication', () => {
	it('answers 401 "Access token is empty." with a WWW-Authenticate challenge when no bearer is sent', async () => {
		const answer = await graph(emulator, messagesPath);
		expect(answer.status).toBe(401);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
		expect(answer.headers.get('www-authenticate')).toBe(
			`Bearer realm="", authorization_uri="${emulator.baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
		);
	});

	it('wraps every error in Graph\'s envelope with request ids in body and headers', async () => {
		const answer = await graph(emulator, messagesPath, { headers: { 'client-request-id': 'my-correlation-1' } });
		const { innerError } = as<GraphErrorBody>(answer).error;
		expect(innerError).toEqual({ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), 'request-id': expect.any(String), 'client-request-id': 'my-correlation-1' });
		expect(answer.headers.get('request-id')).toBe(innerError['request-id']);
		expect(answer.headers.get('client-request-id')).toBe('my-correlation-1');
	});

	it('answers 401 IDX14100 when the bearer is not a JWT', async () => {
		const answer = await graph(emulator, messagesPath, { token: 'opaque-token' });
		expect(as<GraphErrorBody>(answer).error.message).toMatch(/^IDX14100: JWT is not well formed, there are no dots/);
	});

	it('answers 401 Invalid audience when the token was issued for another resource', async () => {
		const token = as<{ access_token: string }>(await requestToken(emulator, { ...secretForm(), scope: 'https://outlook.office.com/.default' })).access_token;
		const answer = await graph(emulator, messagesPath, { token });
		expect(answer.status).toBe(401);
		expect(as<GraphErrorBody>(answer).error.message).toBe('Access token validation failure. Invalid audience.');
	});

	it('answers 401 when the token is signed by another key', async () => {
		const other = await startEmulator();
		const foreign = await accessToken(other);
		await other.close();
		const answer = await graph(emulator, messagesPath, { token: foreign });
		expect(answer.status).toBe(401);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' });
	});

	it('answers 401 "Lifetime validation failed, the token is expired." once the emulator clock passes exp', async () => {
		const token = await accessToken(emulator);
		const { exp } = jwt.decode(token) as jwt.JwtPayload;
		clock.set((exp as number) * 1000);
		const answer = await graph(emulator, messagesPath, { token });
		expect(answer.status).toBe(401);
		expect(as<GraphErrorBody>(answer).error.message).toBe('Lifetime validation failed, the token is expired.');
		clock.set(Date.UTC(2025, 0, 15, 12));
	});
});

describe('Graph authorisation', () => {
	it('answers 403 ErrorAccessDenied when a Mail.Send-only token reads mail', async () => {
		const token = await accessToken(emulator, SAMPLE.apps.sendOnly);
		const answer = await graph(emulator, messagesPath, { token });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
	});

	it('answers 403 when the token has no roles claim at all', async () => {
		const token = await accessToken(emulator, SAMPLE.apps.noConsent);
		expect((await graph(emulator, `${userPath()}/mailFolders/inbox`, { token })).status).toBe(403);
	});

	it('lets Mail.Read read mail but not change it', async () => {
		const token = await accessToken(emulator, SAMPLE.apps.readOnly);
		const list = await graph(emulator, messagesPath, { token });
		expect(list.status).toBe(200);
		const id = as<{ value: { id: string }[] }>(list).value[0].id;
		expect((await graph(emulator, `${userPath()}/messages/${id}`, { token })).status).toBe(200);
		const patch = await graph(emulator, `${userPath()}/messages/${id}`, { token, method: 'PATCH', body: { isRead: true } });
		expect(patch.status).toBe(403);
	});

	it('lets Mail.ReadWrite read a single message although the reference lists only Mail.Read for it', async () => {
		const list = as<{ value: { id: string }[] }>(await graph(emulator, messagesPath, { token: fullToken }));
		expect((await graph(emulator, `${userPath()}/messages/${list.value[0].id}`, { token: fullToken })).status).toBe(200);
	});

	it('answers the directory\'s 403 Authorization_RequestDenied when a mail-only token reads a user object', async () => {
		const token = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, userPath(), { token });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
	});

	it('answers 400 for /me, which app-only tokens cannot use', async () => {
		const answer = await graph(emulator, '/v1.0/me/messages', { token: fullToken });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error.message).toBe('/me request is only valid with delegated authentication flow.');
	});
});

describe('tenants', () => {
	it("resolves users only in the token's tenant: another tenant's user is ErrorInvalidUser", async () => {
		const fabrikam: TenantSeed = {
			...sampleTenant(),
			id: '7e000000-0000-4000-8000-00000000000f',
			displayName: 'Fabrikam',
			domains: ['fabrikam.onmicrosoft.com'],
			users: [],
		};
		const twoTenants = await startEmulator({ tenants: [sampleTenant(), fabrikam] });
		try {
			const answer = await requestToken(twoTenants, secretForm(), 'fabrikam.onmicrosoft.com');
			const token = as<{ access_token: string }>(answer).access_token;
			expect(jwt.decode(token)).toMatchObject({ tid: fabrikam.id });
			const read = await graph(twoTenants, `${userPath()}/messages`, { token });
			expect(read.status).toBe(404);
			expect(as<GraphErrorBody>(read).error.code).toBe('ErrorInvalidUser');
			expect(twoTenants.tokenUrl()).toBe(`${twoTenants.baseUrl}/${SAMPLE.tenantId}/oauth2/v2.0/token`);
		} finally {
			await twoTenants.close();
		}
	});
});
