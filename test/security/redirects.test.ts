/**
 * Area 1, no credential leaves its origin: no request carrying the bearer token, the client secret or an upload
 * URL's own authorisation follows a redirect. A 3xx from Graph, from Entra ID or from an upload URL fails the item
 * naming where it pointed, and the foreign host sees nothing, over http or https, for reads, writes and sends.
 */
import { randomBytes } from 'node:crypto';

import { testOutlookMailAppCredential } from '../../nodes/shared/graph/connectionTest';
import { SAMPLE, type Emulator } from '../emulator';
import { runCredentialTest } from '../helpers/n8n';
import { emulatorCredential, runOutlook, useEmulator } from '../helpers/outlook';
import { useForeignHost } from './helpers/foreignHost';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const ADELE = SAMPLE.users.adele;
const ALEX = SAMPLE.users.alex;
const attacker = () => foreign.host.origin('attacker.example');

function redirect(method: string, path: RegExp, status: number, location = `${attacker()}/steal`) {
	emulator.faults.add({ method, path, status, headers: { Location: location }, body: '' });
}

const graphRequests = () => emulator.requests.filter((request) => request.kind === 'graph');

describe('security: redirects are never followed', () => {
	it.each([301, 302, 303, 307, 308])('fails a Get answered %i to another host, sending it nothing', async (status) => {
		redirect('GET', /\/mailFolders\/inbox$/, status);
		const run = await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } });
		expect(run.error?.message).toBe(
			`Graph answered GET /users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox with a redirect (${status}) to ${attacker()}; it was not followed, so the request and its credentials went nowhere else.`,
		);
		expect(foreign.host.requests).toEqual([]);
		expect(graphRequests()).toHaveLength(1);
	});

	it('fails a Send answered 307, posting the mail nowhere else and never again', async () => {
		redirect('POST', /\/sendMail$/, 307);
		const run = await runOutlook(
			emulator,
			{ resource: 'message', operation: 'send', toRecipients: ALEX.mail, subject: 'Redirected', bodyContent: 'x' },
			[{}],
			{ credential: emulatorCredential(emulator, { retryMode: 'RetryAny' }) },
		);
		expect(run.error?.message).toMatch(/with a redirect \(307\) to http:\/\/attacker\.example:\d+; it was not followed/);
		expect(foreign.host.requests).toEqual([]);
		expect(graphRequests().map((request) => `${request.method} ${request.path}`)).toEqual([`POST /v1.0/users/${ADELE.userPrincipalName}/sendMail`]);
		expect(emulator.store.messages(ALEX.id).some((message) => message.subject === 'Redirected')).toBe(false);
	});

	it('fails a redirect inside a $batch answer as its own item, and follows it nowhere', async () => {
		const ids = emulator.store.addMessages(ADELE.id, 'inbox', 3, 5).map((message) => message.id);
		emulator.faults.add({ method: 'PATCH', path: new RegExp(ids[1]), status: 302, headers: { Location: `${attacker()}/x` }, body: '' });
		const run = await runOutlook(
			emulator,
			{ resource: 'message', operation: 'update', messageId: { mode: 'id', value: '={{ $json.id }}' }, updateFields: { readStatus: 'read' } },
			ids.map((id) => ({ id })),
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => (item.json.error ? 'error' : 'ok'))).toEqual(['ok', 'error', 'ok']);
		expect(String(run.items[1].json.error)).toMatch(/with a redirect \(302\) to http:\/\/attacker\.example:\d+; it was not followed/);
		expect(foreign.host.requests).toEqual([]);
	});

	it('tells Test Connection a redirect is no connection, and sends the token nowhere else', async () => {
		redirect('GET', /\/mailFolders\/inbox$/, 307);
		const result = await runCredentialTest(testOutlookMailAppCredential, emulatorCredential(emulator));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/with a redirect \(307\) to http:\/\/attacker\.example:\d+; it was not followed/);
		expect(foreign.host.requests).toEqual([]);
	});

	it('refuses a Token URL that answers 307, so the client secret is posted to Entra ID alone', async () => {
		emulator.faults.add({ method: 'POST', path: /\/oauth2\/v2\.0\/token$/, status: 307, headers: { Location: `${attacker()}/token` }, body: '' });
		const credential = emulatorCredential(emulator);
		const run = await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } }, [{}], { credential });
		expect(run.error?.message).toMatch(
			/^The Token URL answered with a redirect \(307\) to http:\/\/attacker\.example:\d+; it was not followed, so the client secret or certificate assertion was not sent there\.$/,
		);
		expect((run.error as { failure?: unknown }).failure).toEqual({ cause: 'credential-invalid' });
		expect(foreign.host.requests).toEqual([]);
		expect(JSON.stringify(run.result.run.data)).not.toContain(String(credential.clientSecret));
	});

	it('does not follow a redirect of an upload session\'s URL, and uploads nothing there', async () => {
		const draft = emulator.store.addMessage(ADELE.id, 'drafts', { subject: 'Large', isDraft: true });
		emulator.faults.add({ method: 'PUT', path: /AttachmentSessions/, status: 307, headers: { Location: `${attacker()}/upload` }, body: '' });
		const content = randomBytes(3.5 * 1024 * 1024);
		const run = await runOutlook(emulator, { resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id } }, [
			{ __binary: { data: { base64: content.toString('base64'), fileName: 'big.bin', mimeType: 'application/octet-stream' } } },
		]);
		expect(run.error?.message).toMatch(/^The upload URL answered PUT .* with a redirect \(307\) to http:\/\/attacker\.example:\d+; it was not followed/);
		expect(foreign.host.requests).toEqual([]);
	});
});
