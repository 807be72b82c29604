import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { SAMPLE, type Emulator, type RequestRecord } from '../emulator';
import { linearWorkflow, runWorkflow } from '../helpers/n8n';
import { emulatorCredential, useEmulator } from '../helpers/outlook';
import { GraphProbe } from '../helpers/probeNode';

let emulator: Emulator;
useEmulator((started) => (emulator = started), { virtualClock: true });

function credential(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return emulatorCredential(emulator, { defaultUserId: SAMPLE.users.adele.id, ...overrides });
}

async function probe(
	action: 'get' | 'list' | 'send',
	items: IDataObject[],
	options: { credential?: ICredentialDataDecryptedObject; continueOnFail?: boolean } = {},
) {
	const workflow = linearWorkflow(items, [
		{ name: 'Probe', type: 'graphProbe', parameters: { action }, continueOnFail: options.continueOnFail },
	]);
	return await runWorkflow(workflow, {
		nodeTypes: { graphProbe: new GraphProbe() },
		credentials: { outlookMailAppApi: options.credential ?? credential() },
	});
}

const ofKind = (kind: RequestRecord['kind']) => emulator.requests.filter((request) => request.kind === kind);

describe('Graph client through n8n', () => {
	it('costs exactly one token request and no discovery request for 100 Graph calls', async () => {
		const result = await probe('list', Array.from({ length: 100 }, () => ({ limit: 1 })));
		expect(result.error('Probe')).toBeUndefined();
		expect(result.output('Probe')).toHaveLength(100);
		expect(ofKind('graph')).toHaveLength(100);
		expect(ofKind('token')).toHaveLength(1);
		expect(ofKind('discovery')).toHaveLength(0);
	});

	it('fails with the token sentence, never the secret, when the secret is wrong', async () => {
		const secret = 'not-the-right-secret-4711';
		const result = await probe('list', [{ limit: 1 }], { credential: credential({ clientSecret: secret }) });
		const error = result.error('Probe');
		expect(error?.message).toMatch(/^The client secret is wrong: .*\(AADSTS7000215\)$/);
		expect((error as { failure?: unknown }).failure).toEqual({ cause: 'credential-invalid' });
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(secret);
		expect(ofKind('graph')).toHaveLength(0);
	});

	it('reuses the cached token across executions', async () => {
		await probe('list', [{ limit: 1 }]);
		await probe('list', [{ limit: 1 }]);
		expect(ofKind('token')).toHaveLength(1);
	});

	it('waits out a 429 with Retry-After: 2, then succeeds with the same token', async () => {
		emulator.faults.add({ method: 'GET', path: /\/messages$/, status: 429, retryAfter: '2', times: 1 });
		const result = await probe('list', [{ limit: 1 }]);
		expect(result.error('Probe')).toBeUndefined();
		expect(result.output('Probe')[0].json).toEqual({ count: 1 });
		const [throttled, retried] = ofKind('graph');
		expect(throttled.status).toBe(429);
		expect(retried.status).toBe(200);
		const waitedMs = retried.startedAt - throttled.endedAt;
		expect(waitedMs).toBeGreaterThanOrEqual(2000);
		expect(waitedMs).toBeLessThan(3500);
		expect(retried.headers.authorization).toBe(throttled.headers.authorization);
		expect(ofKind('token')).toHaveLength(1);
		console.log(`observed wait after Retry-After: 2 -> ${waitedMs} ms`);
	});

	it('fails the item, naming the throttling, when Retry Count Max is 0', async () => {
		emulator.faults.add({ method: 'GET', path: /\/messages$/, status: 429, retryAfter: '1', times: 1 });
		const result = await probe('list', [{ limit: 1 }], { credential: credential({ retryCountMax: 0 }) });
		expect(result.error('Probe')?.message).toMatch(/^TooManyRequests|^ApplicationThrottled/);
		expect(result.error('Probe')?.message).toContain('Graph is throttling this mailbox');
		expect((result.error('Probe') as { failure?: unknown }).failure).toEqual({ cause: 'rate-limited', retryAfterMs: 1000 });
		expect(ofKind('graph')).toHaveLength(1);
	});

	it('gets one fresh token and retries once after a 401, whatever the retry mode', async () => {
		emulator.faults.add({
			method: 'GET',
			path: /\/messages$/,
			status: 401,
			body: { error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' } },
			times: 1,
		});
		const result = await probe('list', [{ limit: 1 }], { credential: credential({ retryMode: 'None' }) });
		expect(result.error('Probe')).toBeUndefined();
		expect(ofKind('token')).toHaveLength(2);
		expect(ofKind('graph').map((request) => request.status)).toEqual([401, 200]);
	});

	it('explains a 403 with the permission the request needs and the roles the token holds', async () => {
		const result = await probe('list', [{ limit: 1 }], {
			credential: credential({ clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		});
		const message = result.error('Probe')?.message ?? '';
		expect(message).toMatch(/^ErrorAccessDenied: Access is denied\. Check credentials and try again\./);
		expect(message).toContain('The app lacks the application permission Mail.ReadBasic.All');
		expect(message).toContain('The token grants: Mail.Send.');
	});

	it('refuses a next-page link on another origin, so the token never leaves Graph', async () => {
		emulator.faults.add({
			method: 'GET',
			path: /\/messages$/,
			status: 200,
			body: { value: [{ id: 'a' }], '@odata.nextLink': 'https://evil.example.com/v1.0/users/x/messages?$skip=1' },
			times: 1,
		});
		const result = await probe('list', [{}]);
		expect(result.error('Probe')?.message).toContain(
			'Graph returned a next-page link on another host (evil.example.com); it was not followed',
		);
		expect(ofKind('graph')).toHaveLength(1);
	});

	it('pages with $top=1000 and follows @odata.nextLink verbatim', async () => {
		const result = await probe('list', [{ limit: 25 }]);
		expect(result.output('Probe')[0].json.count).toBe(25);
		expect(ofKind('graph')[0].rawUrl).toBe(`/v1.0/users/${SAMPLE.users.adele.id}/messages?$select=id&$top=25`);
	});

	describe('never sends mail twice', () => {
		it.each([
			['a 504', { status: 504 }],
			['a 500', { status: 500 }],
			['a connection reset', { reset: true }],
		])('does not resend after %s and says the mail may have been sent', async (_, fault) => {
			emulator.faults.add({ method: 'POST', path: /\/sendMail$/, times: 1, ...fault });
			const result = await probe('send', [{ to: SAMPLE.users.alex.userPrincipalName }], {
				credential: credential({ retryMode: 'RetryAny' }),
			});
			expect(result.error('Probe')?.message).toMatch(/^The mail may have been sent: .*it was not sent again\.$/);
			expect(ofKind('graph').filter((request) => request.method === 'POST')).toHaveLength(1);
		});

		it('resends after a 429, because Graph did not process it', async () => {
			emulator.faults.add({ method: 'POST', path: /\/sendMail$/, status: 429, retryAfter: '0.01', times: 1 });
			const result = await probe('send', [{ to: SAMPLE.users.alex.userPrincipalName }]);
			expect(result.error('Probe')).toBeUndefined();
			expect(ofKind('graph').map((request) => `${request.method} ${request.status}`)).toEqual([
				'POST 429',
				'POST 202',
			]);
		});
	});

	describe('hostile IDs from input never change the path or query', () => {
		const mailboxPrefix = () => `/v1.0/users/${SAMPLE.users.adele.id}/messages/`;
		const hostile = [
			`x/../../../../users/${'other-user'}/messages/AAMk1`,
			'x%2F..%2F..%2Fusers%2Fother%2Fmessages%2FAAMk1',
			'x%2e%2e%2f%2e%2e%2fusers',
			'x\\..\\..\\users\\other',
			'AAMk1?$select=subject',
			'AAMk1#x',
			'..%2f..%2f',
		];

		it.each(hostile)('sends %p as one encoded segment of the same mailbox', async (messageId) => {
			await probe('get', [{ messageId }], { continueOnFail: true });
			const [request] = ofKind('graph');
			expect(request.rawUrl).toBe(`${mailboxPrefix()}${encodeURIComponent(messageId)}?$select=id%2Csubject`);
			expect(request.path).toBe(`${mailboxPrefix()}${messageId}`);
			expect(request.query).toEqual({ $select: 'id,subject' });
			expect(request.mailbox).toBe(SAMPLE.users.adele.id);
		});

		it.each([
			['.', 'Message ID cannot be "." or ".."'],
			['..', 'Message ID cannot be "." or ".."'],
			['AAMk1\r\nX-Injected: 1', 'Message ID contains control characters (such as a line break)'],
			['', 'Message ID is empty'],
		])('refuses %p without sending anything, naming the field', async (messageId, message) => {
			const result = await probe('get', [{ messageId }], { continueOnFail: true });
			expect(result.output('Probe')[0].json).toEqual({ error: message });
			expect(result.output('Probe')[0].pairedItem).toEqual({ item: 0 });
			expect(ofKind('graph')).toHaveLength(0);
		});
	});
});
