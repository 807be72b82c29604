/**
 * Graph Request from the attacker's side: whoever controls the Path (an expression over mail content, a model
 * filling the AI Agent tool's parameters) must not reach another host, another API root, a path the node did
 * not mean, or make a send that the retry policy treats as anything but a send; headers cannot replace the token.
 */
import { SAMPLE, type Emulator } from '../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../helpers/outlook';
import { useForeignHost } from './helpers/foreignHost';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const { adele, alex } = SAMPLE.users;

async function sendRaw(path: string, extra: Record<string, unknown> = {}) {
	return await runOutlook(emulator, { resource: 'graphRequest', operation: 'send', method: 'GET', path, ...extra }, [{}], { continueOnFail: true });
}

describe('security: Graph Request paths', () => {
	it.each([
		['an absolute URL to another host', () => `${foreign.host.origin('graph.evil.example')}/v1.0/users`, /^Path must be a path relative to Graph's API version/],
		['a scheme-relative URL', () => '//graph.evil.example/v1.0/users', /^Path must be a path relative to Graph's API version/],
		['a URL on Graph itself', () => `${emulator.graphBaseUrl}/v1.0/users`, /^Path must be a path relative to Graph's API version/],
		['dot segments', () => `/users/{mailbox}/../../../beta/users/${alex.userPrincipalName}/messages`, /^Path cannot be "\." or "\.\."$/],
		['encoded dot segments', () => `/users/{mailbox}/%2e%2E/${alex.userPrincipalName}/messages`, /^Path cannot be "\." or "\.\."$/],
		['an encoded slash', () => `/users/{mailbox}%2f..%2f${alex.userPrincipalName}/messages`, /^Path: ".*" holds an encoded "\/" or "\\"/],
		['a backslash', () => '/users/{mailbox}\\..\\x', /^Path cannot contain "\\"/],
		['an empty segment', () => '/users//messages', /^Path has an empty segment/],
		['a query hidden in the path', () => '/users/{mailbox}/messages?$top=1', /^Path cannot contain "\?" or "#"/],
		['a line break', () => '/users/{mailbox}/messages\r\nHost: evil', /^Path contains control characters/],
		['the version, to switch to beta', () => '/beta/users/{mailbox}/messages', /^Path starts with the API version "beta"/],
		['a bad percent escape', () => '/users/%E0%A4%A/messages', /^Path: "%E0%A4%A" holds a "%" that is not a valid percent-encoding/],
		['$batch, which could hide a send', () => '/$batch', /^Path: \$batch cannot be sent through Graph Request/],
	])('refuses %s before any request, and nothing reaches another host', async (_, path, message) => {
		const run = await sendRaw(path());
		expect(run.items[0].json.error).toMatch(message);
		expect(run.graphCalls).toEqual([]);
		expect(foreign.host.requests).toEqual([]);
	});

	it('sends a double-encoded dot segment (%252e%252e) as one literal segment of the mailbox path', async () => {
		const run = await sendRaw('/users/{mailbox}/messages/%252e%252e');
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/messages/%252e%252e`]);
	});

	it('{mailbox} is one encoded segment: a hostile Mailbox cannot reach another mailbox', async () => {
		const run = await sendRaw('/users/{mailbox}/messages', { mailbox: `../users/${alex.userPrincipalName}` });
		expect(run.items[0].json.error).toMatch(/^ErrorInvalidUser: /);
		expect(run.graphCalls).toEqual([`GET /v1.0/users/..%2Fusers%2F${encodeURIComponent(alex.userPrincipalName)}/messages`]);
		expect(emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === alex.id)).toEqual([]);
	});

	it('refuses Authorization, Host and framing headers, and a header value with a line break', async () => {
		for (const [name, value] of [['Authorization', 'Bearer stolen'], ['host', 'graph.evil.example'], ['Content-Length', '0'], ['X-Ok', 'a\r\nAuthorization: x']]) {
			const run = await sendRaw('/users/{mailbox}/messages', { headers: { parameters: [{ name, value }] } });
			expect(run.items[0].json.error).toMatch(/^Header "[^"]+" cannot be set|contains a line break/);
			expect(run.graphCalls).toEqual([]);
		}
	});

	it("Return All refuses a next link into another mailbox: Adele's request reads nothing of Alex's", async () => {
		emulator.faults.add({
			method: 'GET',
			path: `/v1.0/users/${adele.userPrincipalName}/messages`,
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: { value: [{ id: 'AAMkfirst' }], '@odata.nextLink': `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(alex.userPrincipalName)}/messages` },
		});
		const run = await sendRaw('/users/{mailbox}/messages', { returnAll: true });
		expect(run.items[0].json.error).toMatch(/^Graph returned a next-page link outside \/users\//);
		expect(emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === alex.id)).toEqual([]);
	});

	it('a send spelled in another case or percent-encoded is still a send: never batched, never retried after an unknown outcome', async () => {
		emulator.faults.add({ method: 'POST', path: /sendmail$/i, status: 502, times: 2 });
		const body = { message: { subject: 'x', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: alex.mail } }] } };
		const run = await runOutlook(
			emulator,
			{ resource: 'graphRequest', operation: 'send', method: 'POST', path: '={{ $json.path }}', jsonBody: JSON.stringify(body) },
			[{ path: '/users/{mailbox}/SENDMAIL' }, { path: '/users/{mailbox}/send%4Dail/' }],
			{ continueOnFail: true, credential: emulatorCredential(emulator, { retryMode: 'RetryAny' }) },
		);
		expect(run.items.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^The mail may have been sent: Graph answered 502/),
			expect.stringMatching(/^The mail may have been sent: Graph answered 502/),
		]);
		// One request each: no retry, and no $batch (a batch would show as POST /v1.0/$batch).
		expect([...run.graphCalls].sort()).toEqual([`POST ${mailboxUrl()}/SENDMAIL`, `POST ${mailboxUrl()}/sendMail`]);
	});
});
