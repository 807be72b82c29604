/**
 * Area 8, secrets cannot leak through echoes: whatever Graph or Entra ID echo back (the client secret raw,
 * URL-encoded as it was posted, base64; a bearer token or a JWT), no error message, description, context or run
 * data the node produces holds it.
 */
import { SAMPLE, type Emulator } from '../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const getInbox = { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } };

/** Everything n8n keeps of the run (the run data, errors included) as one string. */
const everything = (run: Awaited<ReturnType<typeof runOutlook>>) =>
	JSON.stringify(run.result.run.data) + JSON.stringify(run.error, Object.getOwnPropertyNames(run.error ?? {}));

describe('security: secrets in echoes', () => {
	const secret = SAMPLE.apps.full.secret;
	const echoes = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), Buffer.from(secret).toString('base64')];

	it('masks the client secret in every form, and the bearer token, in an error Graph echoes them in', async () => {
		emulator.faults.add({
			method: 'GET',
			path: /\/mailFolders\/inbox$/,
			status: 400,
			body: { error: { code: 'BadRequest', message: `Rejected: ${echoes.join(' | ')} | Authorization: Bearer eyJ0eXAiOiJKV1QifQ.eyJyb2xlcyI6W119.c2ln` } },
		});
		const run = await runOutlook(emulator, getInbox, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('BadRequest: Rejected: *** | *** | *** | *** | Authorization: Bearer ***');
		const kept = everything(run);
		for (const echo of echoes) expect(kept).not.toContain(echo);
		expect(kept).not.toContain('eyJ0eXAiOiJKV1QifQ');
		// The real token the node used is nowhere either.
		const used = emulator.requests.find((request) => request.kind === 'graph')?.headers.authorization?.replace('Bearer ', '');
		expect(used).toBeDefined();
		expect(kept).not.toContain(String(used));
	});

	it('masks the client secret Entra ID echoes in a token error, in every form', async () => {
		emulator.faults.add({
			method: 'POST',
			path: /\/oauth2\/v2\.0\/token$/,
			status: 400,
			body: { error: 'invalid_request', error_description: `AADSTS900144: The request body contains ${echoes.join(', ')}.`, error_codes: [900144] },
		});
		const run = await runOutlook(emulator, getInbox, [{}], { credential: emulatorCredential(emulator) });
		expect(run.error?.message).toMatch(/^The Token URL names no tenant/);
		const kept = everything(run);
		for (const echo of echoes) expect(kept).not.toContain(echo);
	});

	it('masks an echo in a token error Entra ID does not explain', async () => {
		emulator.faults.add({
			method: 'POST',
			path: /\/oauth2\/v2\.0\/token$/,
			status: 400,
			body: { error: 'invalid_request', error_description: `Something odd about ${encodeURIComponent(secret)} happened.` },
		});
		const run = await runOutlook(emulator, getInbox);
		expect(run.error?.message).toMatch(/^Entra ID did not issue a token: .*Something odd about \*\*\* happened\./);
		expect(everything(run)).not.toContain(encodeURIComponent(secret));
	});
});
