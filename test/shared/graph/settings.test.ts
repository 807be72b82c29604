import { CredentialSettingsError } from '../../../nodes/shared/graph/errors';
import { parseTokenUrl, readSettings } from '../../../nodes/shared/graph/settings';

describe('parseTokenUrl', () => {
	it('reads the tenant from the path segment before /oauth2', () => {
		expect(
			parseTokenUrl('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token'),
		).toEqual({
			tokenEndpoint: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
			tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			authority: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47',
			authorityHost: 'login.microsoftonline.com',
		});
	});

	it('accepts a tenant domain and a national cloud host', () => {
		const parts = parseTokenUrl('https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token');
		expect(parts.tenant).toBe('contoso.onmicrosoft.us');
		expect(parts.authorityHost).toBe('login.microsoftonline.us');
	});

	it.each(['common', 'organizations', 'Common'])('refuses the multi-tenant /%s form, saying why', (tenant) => {
		expect(() => parseTokenUrl(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`)).toThrow(
			/multi-tenant .* which the client-credentials flow cannot use: replace/,
		);
	});

	it('refuses http on a non-loopback host', () => {
		expect(() => parseTokenUrl('http://login.microsoftonline.com/contoso/oauth2/v2.0/token')).toThrow(
			'The Token URL must use https (it uses http)',
		);
	});

	it('allows http on a loopback host (the emulator), with an https authority for msal', () => {
		const parts = parseTokenUrl('http://127.0.0.1:4000/contoso/oauth2/v2.0/token');
		expect(parts.tokenEndpoint).toBe('http://127.0.0.1:4000/contoso/oauth2/v2.0/token');
		expect(parts.authority).toBe('https://127.0.0.1:4000/contoso');
	});

	it.each(['not a url', 'https://login.microsoftonline.com/oauth2/v2.0/token', 'https://login.microsoftonline.com/contoso'])(
		'refuses %p with the expected form in the message',
		(value) => {
			expect(() => parseTokenUrl(value)).toThrow(CredentialSettingsError);
			expect(() => parseTokenUrl(value)).toThrow('https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token');
		},
	);
});

describe('readSettings', () => {
	const base = {
		tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
		clientId: '11111111-2222-3333-4444-555555555555',
		clientSecret: 's3cr3t-value',
		scope: 'https://graph.microsoft.com/.default',
		defaultUserId: 'AdeleV@contoso.onmicrosoft.com',
	};

	it('defaults to the global Graph endpoint and the default retry policy', () => {
		const settings = readSettings(base);
		expect(settings.graphBaseUrl).toBe('https://graph.microsoft.com');
		expect(settings.retry).toMatchObject({ mode: 'RetryWhenStatusCodeMatch', statusCodes: [429, 503], limit: 5 });
		expect(settings.auth).toEqual({ kind: 'clientSecret', clientSecret: 's3cr3t-value' });
	});

	it.each(['https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'])(
		'accepts the national cloud endpoint %s',
		(graphEndpoint) => {
			expect(readSettings({ ...base, graphEndpoint }).graphBaseUrl).toBe(graphEndpoint);
		},
	);

	it('refuses a Graph endpoint that is not one of the options', () => {
		expect(() => readSettings({ ...base, graphEndpoint: 'https://graph.example.com' })).toThrow(
			'Unknown Graph endpoint "https://graph.example.com"',
		);
	});

	it('uses a custom base URL, keeping only its origin', () => {
		expect(
			readSettings({ ...base, graphEndpoint: 'custom', customGraphBaseUrl: 'http://127.0.0.1:9999/' }).graphBaseUrl,
		).toBe('http://127.0.0.1:9999');
	});

	it('names the empty field', () => {
		expect(() => readSettings({ ...base, clientSecret: '' })).toThrow("The credential's Client Secret is empty");
		expect(() => readSettings({ ...base, defaultUserId: ' ' })).toThrow("The credential's Default User Id is empty");
	});

	it('reads certificate authentication', () => {
		const settings = readSettings({ ...base, authentication: 'certificate', privateKey: 'KEY', certificate: 'CERT' });
		expect(settings.auth).toEqual({ kind: 'certificate', privateKey: 'KEY', certificate: 'CERT' });
	});
});
