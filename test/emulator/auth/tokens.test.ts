import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SAMPLE, startEmulator, type Emulator } from '../index';
import { as, requestToken, secretForm, testClock, type EntraErrorBody } from '../test-client';

const clock = testClock();
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const cert = SAMPLE.apps.certificate;
const x5t = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

function assertion(overrides: { claims?: Record<string, unknown>; key?: string; header?: Record<string, string>; algorithm?: jwt.Algorithm } = {}): string {
	const seconds = Math.floor(clock.now() / 1000);
	return jwt.sign(
		{ aud: emulator.tokenUrl(SAMPLE.tenantId), iss: cert.clientId, sub: cert.clientId, jti: 'j-1', nbf: seconds, exp: seconds + 600, ...overrides.claims },
		overrides.key ?? cert.privateKeyPem,
		{ algorithm: overrides.algorithm ?? 'RS256', header: { alg: overrides.algorithm ?? 'RS256', x5t: x5t(cert.thumbprintSha1), ...overrides.header } },
	);
}

const assertionForm = (value: string): Record<string, string> => ({
	grant_type: 'client_credentials',
	client_id: cert.clientId,
	client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
	client_assertion: value,
	scope: 'https://graph.microsoft.com/.default',
});

async function refusal(form: Record<string, string>, tenant?: string) {
	const answer = await requestToken(emulator, form, tenant);
	return { status: answer.status, body: as<EntraErrorBody>(answer) };
}

describe('token endpoint', () => {
	it('issues an RS256 access token with the claims Graph reads when the secret is right', async () => {
		const answer = await requestToken(emulator, secretForm());
		expect(answer.status).toBe(200);
		const body = as<{ token_type: string; expires_in: number; ext_expires_in: number; access_token: string }>(answer);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
		const decoded = jwt.decode(body.access_token, { complete: true });
		expect(decoded?.header.alg).toBe('RS256');
		const seconds = Math.floor(clock.now() / 1000);
		expect(decoded?.payload).toMatchObject({
			aud: 'https://graph.microsoft.com',
			iss: `https://sts.windows.net/${SAMPLE.tenantId}/`,
			tid: SAMPLE.tenantId,
			appid: SAMPLE.apps.full.clientId,
			app_displayname: 'Mail automation (full)',
			idtyp: 'app',
			appidacr: '1',
			roles: ['Mail.ReadWrite', 'Mail.Send', 'User.Read.All', 'GroupMember.Read.All', 'MailboxSettings.ReadWrite', 'ExchangeMessageTrace.Read.All'],
			iat: seconds,
			nbf: seconds,
			exp: seconds + 3599,
		});
		expect(typeof (decoded?.payload as jwt.JwtPayload).oid).toBe('string');
	});

	it('leaves the roles claim out when the app has no consented permission', async () => {
		const body = as<{ access_token: string }>(await requestToken(emulator, secretForm(SAMPLE.apps.noConsent)));
		expect(jwt.decode(body.access_token)).not.toHaveProperty('roles');
	});

	it('accepts the tenant named by its domain', async () => {
		expect((await requestToken(emulator, secretForm(), SAMPLE.domain)).status).toBe(200);
	});

	it("answers Entra's error JSON with trace and correlation ids and never the secret when the secret is wrong", async () => {
		const answer = await requestToken(emulator, { ...secretForm(), client_secret: 'not-the-secret-1234' });
		const body = as<EntraErrorBody>(answer);
		expect(answer.status).toBe(401);
		expect(body.error).toBe('invalid_client');
		expect(body.error_codes).toEqual([7000215]);
		expect(body.error_description).toMatch(
			new RegExp(
				`^AADSTS7000215: Invalid client secret provided\\. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${SAMPLE.apps.full.clientId}'\\.\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
			),
		);
		expect(body).toMatchObject({ trace_id: expect.any(String), correlation_id: expect.any(String), error_uri: 'https://login.microsoftonline.com/error?code=7000215' });
		expect(JSON.stringify(body)).not.toContain('not-the-secret-1234');
		expect(answer.headers.get('x-ms-request-id')).toBe(body.trace_id);
	});

	it('answers AADSTS7000222 when the only secret has expired', async () => {
		const { status, body } = await refusal(secretForm(SAMPLE.apps.expiredSecret));
		expect(status).toBe(401);
		expect(body.error).toBe('invalid_client');
		expect(body.error_description).toContain(`AADSTS7000222: The provided client secret keys for app '${SAMPLE.apps.expiredSecret.clientId}' are expired.`);
		expect(JSON.stringify(body)).not.toContain(SAMPLE.apps.expiredSecret.secret);
	});

	it('answers AADSTS90002 when the tenant is not registered', async () => {
		const { status, body } = await refusal(secretForm(), '00000000-1111-2222-3333-444444444444');
		expect(status).toBe(400);
		expect(body.error).toBe('invalid_request');
		expect(body.error_description).toMatch(
			/^AADSTS90002: Tenant '00000000-1111-2222-3333-444444444444' not found\. Check to make sure you have the correct tenant ID and are signing into the correct cloud\./,
		);
		expect((await refusal(secretForm(), 'fabrikam.onmicrosoft.com')).body.error_codes).toEqual([90002]);
	});

	it.each(['common', 'organizations'])('answers AADSTS50059 when the tenant segment is %s', async (tenant) => {
		const { status, body } = await refusal(secretForm(), tenant);
		expect(status).toBe(400);
		expect(body.error).toBe('invalid_request');
		expect(body.error_description).toMatch(
			/^AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials\./,
		);
	});

	it('answers AADSTS700016 when the client id is not registered in the tenant', async () => {
		const { status, body } = await refusal({ ...secretForm(), client_id: '99999999-8888-7777-6666-555555555555' });
		expect(status).toBe(400);
		expect(body.error).toBe('unauthorized_client');
		expect(body.error_description).toMatch(/^AADSTS700016: Application with identifier '99999999-8888-7777-6666-555555555555' was not found in the directory 'Contoso'\./);
	});

	it('answers AADSTS1002012 when the scope is not a /.default scope', async () => {
		const { status, body } = await refusal({ ...secretForm(), scope: 'https://graph.microsoft.com/Mail.Read' });
		expect(status).toBe(400);
		expect(body.error).toBe('invalid_scope');
		expect(body.error_codes).toEqual([1002012]);
	});

	it('answers AADSTS900144 when a required parameter is missing', async () => {
		const { client_id: _, ...form } = secretForm();
		expect((await refusal(form)).body.error_description).toMatch(/^AADSTS900144: The request body must contain the following parameter: 'client_id'\./);
	});

	describe('with a certificate', () => {
		it('issues a token for an RS256 assertion signed by the registered certificate (x5t)', async () => {
			const answer = await requestToken(emulator, assertionForm(assertion()));
			expect(answer.status).toBe(200);
			expect(jwt.decode(as<{ access_token: string }>(answer).access_token)).toMatchObject({ appid: cert.clientId, appidacr: '2' });
		});

		it('issues a token for a PS256 assertion naming the certificate by x5t#S256', async () => {
			const value = assertion({ algorithm: 'PS256', header: { x5t: '', 'x5t#S256': x5t(cert.thumbprintSha256) } });
			const header = JSON.parse(Buffer.from(value.split('.')[0], 'base64url').toString()) as Record<string, string>;
			expect(header.x5t).toBe('');
			expect((await requestToken(emulator, assertionForm(value))).status).toBe(200);
		});

		it('answers AADSTS700027 when the thumbprint names no registered key', async () => {
			const { status, body } = await refusal(assertionForm(assertion({ header: { x5t: x5t('00'.repeat(20)) } })));
			expect(status).toBe(401);
			expect(body.error).toBe('invalid_client');
			expect(body.error_description).toMatch(/^AADSTS700027: Client assertion contains an invalid signature\. \[Reason - The key was not found\./);
		});

		it('answers AADSTS700027 when the signature was made with another key', async () => {
			const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
			const { body } = await refusal(assertionForm(assertion({ key: other })));
			expect(body.error_description).toMatch(/^AADSTS700027: .*The provided signature value did not match the expected signature value\./);
		});

		it('answers AADSTS700023 when the audience is not the token URL', async () => {
			const { body } = await refusal(assertionForm(assertion({ claims: { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' } })));
			expect(body.error_codes).toEqual([700023]);
		});

		it('answers AADSTS700021 when iss and sub are not the client id', async () => {
			const { body } = await refusal(assertionForm(assertion({ claims: { iss: SAMPLE.apps.full.clientId } })));
			expect(body.error_codes).toEqual([700021]);
		});

		it('answers AADSTS700024 when the assertion has expired by the emulator clock', async () => {
			const value = assertion();
			clock.advance(11 * 60_000);
			const { status, body } = await refusal(assertionForm(value));
			expect(status).toBe(401);
			expect(body.error_description).toMatch(/^AADSTS700024: Client assertion is not within its valid time range\./);
		});
	});
});
