/**
 * The trigger watching a list of mailboxes in real n8n (`n8n start`): one message delivered to each of two
 * mailboxes fires the workflow for each once, each item naming its mailbox (which the next node uses as its
 * Mailbox); a third mailbox of the list has no Exchange mailbox, is reported in n8n's log and holds back neither.
 */
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { accessToken, graph } from '../emulator/test-client';
import type { N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { waitFor } from './harness/wait';
import { byId, linearWorkflow, outlook, outlookTrigger, pollEverySeconds } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele, alex, noMailbox } = SAMPLE.users;
const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };
const CATEGORY = 'Seen by n8n';
const POLL_SECONDS = 5;
const WORKFLOW_ID = 'e2eTriggerMany01';

let emulator: Emulator;
let server: N8nServer | undefined;

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await server?.stop();
	await emulator?.close();
});

const deltaPolls = (mailbox: string) =>
	emulator.requests.filter((request) => request.kind === 'graph' && request.status === 200 && request.mailbox === mailbox && /\/messages\/delta$/i.test(request.path));

it('fires once for each message delivered to each watched mailbox, past a mailbox that fails', async () => {
	const workflow = linearWorkflow(WORKFLOW_ID, 'E2E trigger: tag new mail in several mailboxes', [
		outlookTrigger(
			'New mail',
			{ event: 'messageReceived', mailboxMode: 'list', mailboxes: `${adele.userPrincipalName}, ${alex.userPrincipalName}, ${noMailbox.id}`, folders: ['inbox'] },
			pollEverySeconds(POLL_SECONDS),
		),
		outlook('Tag it', {
			resource: 'message',
			operation: 'update',
			mailbox: '={{ $json.mailbox }}',
			messageId: byId('={{ $json.id }}'),
			updateFields: { categories: CATEGORY, categoriesMode: 'replace' },
		}),
	]);
	const n8n = await N8nCase.create('trigger-mailboxes', emulator);
	await n8n.importWorkflows(workflow);
	server = await n8n.start();
	const rest = new N8nRest(server.url);
	await rest.setupOwner(OWNER);
	const n8nLog = () => `n8n log (${server?.logFile}):\n${server?.logTail()}`;

	await rest.activate(WORKFLOW_ID);
	await waitFor('the activation poll of both mailboxes', () => deltaPolls(adele.id).length > 0 && deltaPolls(alex.id).length > 0, {
		timeoutMs: 60_000,
		detail: n8nLog,
	});

	const token = await accessToken(emulator);
	const subject = `Order ${Date.now()} (e2e many)`;
	for (const [from, to] of [
		[alex, adele],
		[adele, alex],
	]) {
		const sent = await graph(emulator, `/v1.0/users/${encodeURIComponent(from.userPrincipalName)}/sendMail`, {
			method: 'POST',
			token,
			body: { message: { subject, body: { contentType: 'text', content: 'One crate.' }, toRecipients: [{ emailAddress: { address: to.mail } }] }, saveToSentItems: false },
		});
		expect(sent.status).toBe(202);
	}
	const delivered = (userId: string) => emulator.store.messages(userId, emulator.store.folder(userId, 'inbox').id).find((message) => message.subject === subject);
	await waitFor('the workflow to tag both delivered messages', () => delivered(adele.id)?.categories.includes(CATEGORY) && delivered(alex.id)?.categories.includes(CATEGORY), {
		timeoutMs: 90_000,
		detail: n8nLog,
	});

	// Three more polls: nothing is emitted again.
	const before = deltaPolls(adele.id).length;
	await waitFor('three more polls', () => deltaPolls(adele.id).length >= before + 3, { timeoutMs: 60_000 + POLL_SECONDS * 3000, detail: n8nLog });
	const executions = await rest.executions(WORKFLOW_ID);
	expect(executions.length).toBeGreaterThanOrEqual(1);
	expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	const patches = emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'PATCH');
	expect(patches.map((request) => request.mailbox).sort()).toEqual([adele.id, alex.id].sort());
	expect(server.logTail(500)).toContain(`mailbox "${noMailbox.id}" could not be read (MailboxNotEnabledForRESTAPI`);
});
