/**
 * Certificate sign-in in real n8n: an Outlook Mail (App) API credential holding a PEM private key and
 * certificate (no secret) signs in to the emulator's Entra ID with a signed client assertion and runs a
 * workflow; the same credential with another private key fails the workflow with the package's sentence.
 */
import { generateKeyPairSync } from 'node:crypto';

import { SAMPLE } from '../emulator';
import { useEmulator } from '../helpers/outlook';
import { nodeOutput, parseExecuteOutput, runN8n } from './harness/n8n';
import { emulatorCredential, linearWorkflow, manualTrigger, outlook } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele } = SAMPLE.users;

/** One emulator for the file, back to its seed before each test. */
const emulator = useEmulator();

function certificateCredential(privateKeyPem: string) {
	const endpoints = { tokenUrl: emulator().tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator().graphBaseUrl };
	return emulatorCredential(endpoints, {
		clientId: SAMPLE.apps.certificate.clientId,
		privateKeyPem,
		certificatePem: SAMPLE.apps.certificate.certificatePem,
		defaultUserId: adele.userPrincipalName,
	});
}

const inboxWorkflow = () =>
	linearWorkflow('e2eCertificate001', 'E2E certificate sign-in', [
		manualTrigger(),
		outlook('Inbox', { resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: 'inbox' } }),
	]);

describe('certificate sign-in in n8n execute', () => {
	it('a credential with a PEM private key and certificate signs in with a client assertion and runs the workflow', async () => {
		const n8n = await N8nCase.create('certificate-ok', emulator(), { credentials: [certificateCredential(SAMPLE.apps.certificate.privateKeyPem)] });
		const run = await n8n.run(inboxWorkflow());

		const [inbox] = nodeOutput(run, 'Inbox');
		expect(inbox.json).toMatchObject({ id: emulator().store.folder(adele.id, 'inbox').id, displayName: 'Inbox' });
		const tokens = emulator().requests.filter((request) => request.kind === 'token');
		expect(tokens.length).toBeGreaterThan(0);
		expect(tokens.every((request) => request.status === 200)).toBe(true);
		// A signed assertion, never a secret.
		const form = tokens[0].body as Record<string, string>;
		expect({
			assertionType: form.client_assertion_type,
			signedJwt: (form.client_assertion ?? '').split('.').length === 3,
			secret: form.client_secret,
		}).toEqual({ assertionType: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', signedJwt: true, secret: undefined });
	});

	it("a private key that does not match the certificate fails the workflow with the package's sentence", async () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const wrongKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const n8n = await N8nCase.create('certificate-wrong-key', emulator(), { credentials: [certificateCredential(wrongKey)] });
		await n8n.importWorkflows(inboxWorkflow());

		const result = await runN8n(n8n.state.install, ['execute', `--id=${inboxWorkflow().id}`, '--rawOutput'], n8n.env, {
			timeoutMs: 120_000,
			allowFailure: true,
		});
		const run = parseExecuteOutput(result.stdout);
		expect(run.status).toBe('error');
		const error = run.data.resultData.runData.Inbox?.[0]?.error ?? run.data.resultData.error;
		expect(error?.message).toMatch(
			/^Entra ID refused the certificate assertion: upload this certificate \(its public part\) to the app registration under Certificates & secrets, and use its matching private key\. \(AADSTS700027\)$/,
		);
		expect(emulator().requests.filter((request) => request.kind === 'graph')).toEqual([]);
		expect(result.stdout + result.stderr).not.toContain(wrongKey.split('\n')[1]);
	});
});
