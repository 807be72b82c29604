/**
 * The Outlook Mail (App) Instant Trigger in real n8n: `n8n start` with WEBHOOK_URL on loopback, the emulator
 * posting Graph's handshake and change notifications to n8n's webhook. Activation subscribes (n8n answers the
 * handshake), a mail delivered afterwards runs the workflow within 5 seconds, deactivation deletes the
 * subscriptions. Watched from outside n8n: the emulator's subscriptions, request log and webhook log, and n8n's
 * executions through its REST API.
 */
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { accessToken, graph } from '../emulator/test-client';
import type { N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { waitFor } from './harness/wait';
import { byId, linearWorkflow, outlook, outlookInstantTrigger } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele, alex } = SAMPLE.users;
const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };
const CATEGORY = 'Seen instantly';
const WORKFLOW_ID = 'e2eInstantTrig01';
const WEBHOOK_ID = '0d5c3f0e-2a71-4b8e-9c55-6f1e2d3c4b5a';

let emulator: Emulator;
let server: N8nServer | undefined;

beforeAll(async () => {
	emulator = await startEmulator({ notifications: { allowHttpLoopback: true } });
});

afterAll(async () => {
	await server?.stop();
	await emulator?.close();
});

it('subscribes on activation, runs the workflow within 5 s of a delivery, and deletes the subscriptions on deactivation', async () => {
	const workflow = linearWorkflow(WORKFLOW_ID, 'E2E instant trigger: tag new mail', [
		outlookInstantTrigger('New mail now', { event: 'messageReceived', folders: ['inbox', 'archive'] }, WEBHOOK_ID),
		outlook('Tag it', {
			resource: 'message',
			operation: 'update',
			messageId: byId('={{ $json.id }}'),
			updateFields: { categories: CATEGORY, categoriesMode: 'replace' },
		}),
	]);
	const n8n = await N8nCase.create('instant-trigger', emulator, { webhookUrl: true });
	await n8n.importWorkflows(workflow);
	server = await n8n.start();
	const rest = new N8nRest(server.url);
	await rest.setupOwner(OWNER);
	const webhookLog = () =>
		emulator.notifications.records.map((record) => `${record.kind} ${record.url} attempt ${record.attempt}: ${record.outcome} ${record.status}`).join('\n');
	const n8nLog = () => `webhook POSTs by the emulator:\n${webhookLog()}\nn8n log (${server?.logFile}):\n${server?.logTail()}`;
	const webhookUrl = `${server.url}/webhook/${WEBHOOK_ID}/webhook`;

	await rest.activate(WORKFLOW_ID);
	const subscriptions = await waitFor('a subscription per watched folder', () => emulator.notifications.subscriptions().length === 2 && emulator.notifications.subscriptions(), {
		timeoutMs: 60_000,
		detail: n8nLog,
		failIf: async () => {
			const error = await rest.activationError(WORKFLOW_ID);
			return error ? `n8n could not activate the workflow: ${error}` : undefined;
		},
	});
	expect(subscriptions.map((subscription) => subscription.notificationUrl)).toEqual([webhookUrl, webhookUrl]);
	expect(subscriptions.map((subscription) => subscription.lifecycleNotificationUrl)).toEqual([webhookUrl, webhookUrl]);
	expect(emulator.notifications.records.filter((record) => record.kind === 'validation').map((record) => record.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);

	const subject = `Urgent order ${Date.now()} (e2e instant trigger)`;
	const token = await accessToken(emulator);
	const sentAt = Date.now();
	const sent = await graph(emulator, `/v1.0/users/${encodeURIComponent(alex.userPrincipalName)}/sendMail`, {
		method: 'POST',
		token,
		body: { message: { subject, body: { contentType: 'text', content: 'Now, please.' }, toRecipients: [{ emailAddress: { address: adele.mail } }] } },
	});
	expect(sent.status).toBe(202);
	const inbox = emulator.store.folder(adele.id, 'inbox').id;
	const delivered = () => emulator.store.messages(adele.id, inbox).find((message) => message.subject === subject);
	const executions = await waitFor('an execution of the workflow', async () => {
		const list = await rest.executions(WORKFLOW_ID);
		// n8n lists an execution from its creation; startedAt is set when it starts.
		return list.length > 0 && typeof list[0].startedAt === 'string' ? list : undefined;
	}, { timeoutMs: 30_000, detail: n8nLog });
	const startedWithinMs = Date.parse(String(executions[0].startedAt)) - sentAt;
	console.log(`instant trigger e2e: the execution started ${startedWithinMs} ms after the mail was sent`);
	expect(startedWithinMs).toBeLessThan(5000);
	expect(executions[0].mode).toBe('trigger');
	await waitFor('the workflow to tag the delivered message', () => delivered()?.categories.includes(CATEGORY), { timeoutMs: 30_000, detail: n8nLog });
	const notified = emulator.notifications.records.filter((record) => record.kind === 'notification');
	expect(notified.length).toBeGreaterThan(0);
	expect(notified.every((record) => record.outcome === 'ok' && record.status === 202)).toBe(true);

	// Tagging changed the message (an `updated` Graph does not notify this subscription about, created only);
	// later notifications of other mail must not run it again.
	await graph(emulator, `/v1.0/users/${encodeURIComponent(alex.userPrincipalName)}/sendMail`, {
		method: 'POST',
		token,
		body: { message: { subject: `${subject} (2)`, body: { contentType: 'text', content: 'And this.' }, toRecipients: [{ emailAddress: { address: adele.mail } }] } },
	});
	await waitFor('a second execution', async () => (await rest.executions(WORKFLOW_ID)).length === 2, { timeoutMs: 30_000, detail: n8nLog });
	await new Promise((resolve) => setTimeout(resolve, 2000));
	expect(await rest.executions(WORKFLOW_ID)).toHaveLength(2);

	await rest.deactivate(WORKFLOW_ID);
	await waitFor('the subscriptions to be deleted', () => emulator.notifications.subscriptions().length === 0, { timeoutMs: 30_000, detail: n8nLog });
	const deletes = emulator.requests.filter((request) => request.method === 'DELETE' && /^\/v1\.0\/subscriptions\//.test(request.path));
	expect(deletes.map((request) => request.status)).toEqual([204, 204]);
});
