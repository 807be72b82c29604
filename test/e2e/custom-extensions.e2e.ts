/**
 * The package loaded from N8N_CUSTOM_EXTENSIONS (a folder n8n loads local nodes from), as a developer might:
 * what works there, and what does not. n8n 2.41.1 loads such a folder with its CustomDirectoryLoader: node
 * types are `CUSTOM.<node>`, and the credential's `supportedNodes` is dropped
 * (n8n/dist/load-nodes-and-credentials.js keeps it only for a PackageDirectoryLoader), so n8n finds no test
 * for the credential. Workflows run; Test Connection does not.
 */
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { nodeOutput, type N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { asCustomExtension, byId, CREDENTIAL, linearWorkflow, manualTrigger, outlook } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };
const { adele } = SAMPLE.users;

let emulator: Emulator;
let server: N8nServer | undefined;

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await server?.stop();
	await emulator?.close();
});

it('runs a workflow with CUSTOM.* node types, and n8n finds no Test Connection for the credential', async () => {
	const workflow = asCustomExtension(
		linearWorkflow('e2eCustomExt00001', 'E2E custom extensions', [
			manualTrigger(),
			outlook('Inbox', { resource: 'folder', operation: 'get', folderId: byId('inbox') }),
		]),
	);
	expect(workflow.nodes.map((node) => node.type)).toEqual(['n8n-nodes-base.manualTrigger', 'CUSTOM.outlookMailApp']);
	const n8n = await N8nCase.create('custom-extensions', emulator, { loading: 'customExtensions' });

	const run = await n8n.run(workflow);
	expect(nodeOutput(run, 'Inbox').map((item) => item.json.id)).toEqual([emulator.store.folder(adele.id, 'inbox').id]);

	server = await n8n.start();
	const rest = new N8nRest(server.url);
	await rest.setupOwner(OWNER);
	// What the editor asks when a credential is saved.
	const credential = await rest.request<{ id: string; name: string; type: string; data: Record<string, unknown> }>(
		'GET',
		`/credentials/${CREDENTIAL.id}?includeData=true`,
	);
	const answer = await rest.request('POST', '/credentials/test', { credentials: credential });
	expect(answer).toEqual({ status: 'Error', message: 'No testing function found for this credential.' });
	// Why: the credential type reaches the editor without the nodes that test it.
	const types = await rest.getJson<{ name: string; supportedNodes?: string[] }[]>('/types/credentials.json');
	expect(types.find((type) => type.name === 'outlookMailAppApi')).toBeDefined();
	expect(types.find((type) => type.name === 'outlookMailAppApi')?.supportedNodes).toBeUndefined();
});
