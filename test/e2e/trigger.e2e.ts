/**
 * The Outlook Mail (App) Trigger in real n8n: a workflow activated under `n8n start` fires once for a message
 * delivered to the emulator, and not again on later polls, although its next node changes the message (which
 * puts it back in the folder's delta). Watched from outside n8n: the emulator's store and request log, and
 * n8n's executions through its REST API.
 */
import { SAMPLE, startEmulator, type Emulator, type RequestRecord } from '../emulator';
import { accessToken, graph } from '../emulator/test-client';
import type { N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { waitFor } from './harness/wait';
import { byId, linearWorkflow, outlook, outlookTrigger, pollEverySeconds, tagInItsMailbox } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele, alex, noMailbox } = SAMPLE.users;
const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };
const CATEGORY = 'Seen by n8n';
const POLL_SECONDS = 5;
const WORKFLOW_ID = 'e2eTriggerOnce01';
const MANY_WORKFLOW_ID = 'e2eTriggerMany01';

let emulator: Emulator;
let server: N8nServer | undefined;

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await server?.stop();
	await emulator?.close();
});

/**
 * Delta requests to Adele's mailbox that Graph answered: one (or more, when paging) per poll. The workflow
 * watches only the Inbox; later delta links may name it by id rather than by well-known name.
 */
const deltaPolls = (): RequestRecord[] =>
	emulator.requests.filter(
		(request) =>
			request.kind === 'graph' && request.method === 'GET' && request.status === 200 && request.mailbox === adele.id && /\/messages\/delta$/i.test(request.path),
	);

/** `n8n start` in a fresh user folder with this workflow imported and an owner set up. */
async function startN8n(caseName: string, workflow: Parameters<N8nCase['importWorkflows']>[0]) {
	const n8n = await N8nCase.create(caseName, emulator);
	await n8n.importWorkflows(workflow);
	const started = await n8n.start();
	server = started;
	const rest = new N8nRest(started.url);
	await rest.setupOwner(OWNER);
	return { rest, started, n8nLog: () => `n8n log (${started.logFile}):\n${started.logTail()}` };
}

/** Delta requests to one mailbox that Graph answered. */
const mailboxPolls = (mailbox: string) =>
	emulator.requests.filter((request) => request.kind === 'graph' && request.status === 200 && request.mailbox === mailbox && /\/messages\/delta$/i.test(request.path));

it('fires once for a message delivered after activation, and not again on later polls', async () => {
	const workflow = linearWorkflow(WORKFLOW_ID, 'E2E trigger: tag new mail', [
		outlookTrigger('New mail', { event: 'messageReceived', folders: ['inbox'] }, pollEverySeconds(POLL_SECONDS)),
		outlook('Tag it', {
			resource: 'message',
			operation: 'update',
			messageId: byId('={{ $json.id }}'),
			updateFields: { categories: CATEGORY, categoriesMode: 'replace' },
		}),
	]);
	const { rest, n8nLog } = await startN8n('trigger', workflow);
	// n8n retries a failed activation in the background and answers the REST call before it gives up.
	const notActive = async () => {
		const error = await rest.activationError(WORKFLOW_ID);
		if (error) return `n8n could not activate the workflow: ${error}`;
		if (server?.logTail(200).includes('There was a problem activating the workflow')) return 'n8n could not activate the workflow (see its log)';
		return undefined;
	};

	// Activation polls once at once: mail already in the Inbox is the starting point, not new mail.
	await rest.activate(WORKFLOW_ID);
	await waitFor('the activation poll (a delta request for the Inbox that Graph answered)', () => deltaPolls().length > 0, {
		timeoutMs: 60_000,
		detail: n8nLog,
		failIf: notActive,
	});

	const subject = `New order ${Date.now()} (e2e trigger)`;
	const token = await accessToken(emulator);
	const sent = await graph(emulator, `/v1.0/users/${encodeURIComponent(alex.userPrincipalName)}/sendMail`, {
		method: 'POST',
		token,
		body: { message: { subject, body: { contentType: 'text', content: 'Two crates, please.' }, toRecipients: [{ emailAddress: { address: adele.mail } }] } },
	});
	expect(sent.status).toBe(202);
	const inbox = emulator.store.folder(adele.id, 'inbox').id;
	const delivered = () => emulator.store.messages(adele.id, inbox).find((message) => message.subject === subject);
	expect(delivered()).toBeDefined();

	const tagged = await waitFor('the workflow to tag the delivered message', () => delivered()?.categories.includes(CATEGORY) && delivered(), {
		timeoutMs: 90_000,
		detail: n8nLog,
		failIf: notActive,
	});
	const executions = await waitFor(
		'n8n to record the execution as successful',
		async () => {
			const list = await rest.executions(WORKFLOW_ID);
			return list.length > 0 && list.every((execution) => execution.status === 'success') && list;
		},
		{ timeoutMs: 30_000, detail: n8nLog },
	);
	expect(executions).toHaveLength(1);
	expect(executions[0].mode).toBe('trigger');

	// Later polls see the message again (tagging changed it) and must not emit it: wait for three more.
	const pollsBefore = deltaPolls().length;
	await waitFor('three more polls after the execution', () => deltaPolls().length >= pollsBefore + 3, {
		timeoutMs: 60_000 + POLL_SECONDS * 3 * 1000,
		detail: n8nLog,
	});
	expect(await rest.executions(WORKFLOW_ID)).toHaveLength(1);
	const patches = emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'PATCH');
	expect(patches.map((request) => request.path.split('/').pop())).toEqual([tagged.id]);
	expect(delivered()?.categories).toEqual([CATEGORY]);
	// The sample mail that was in the Inbox before activation was never emitted.
	expect(emulator.store.messages(adele.id, inbox).filter((message) => message.categories.includes(CATEGORY))).toHaveLength(1);
});

/**
 * The trigger watching a list of mailboxes: one message delivered to each of two fires the workflow for each once,
 * each item naming its mailbox (which the next node uses as its Mailbox); a third mailbox of the list has no
 * Exchange mailbox, is reported in n8n's log and holds back neither.
 */
it('fires once for each message delivered to each watched mailbox, past a mailbox that fails', async () => {
	const workflow = linearWorkflow(MANY_WORKFLOW_ID, 'E2E trigger: tag new mail in several mailboxes', [
		outlookTrigger(
			'New mail',
			{ event: 'messageReceived', mailboxMode: 'list', mailboxes: `${adele.userPrincipalName}, ${alex.userPrincipalName}, ${noMailbox.id}`, folders: ['inbox'] },
			pollEverySeconds(POLL_SECONDS),
		),
		tagInItsMailbox('Tag it', CATEGORY),
	]);
	// A fresh n8n and request log: the first test's n8n polls no more.
	await server?.stop();
	server = undefined;
	emulator.clearRequests();
	const { rest, started, n8nLog } = await startN8n('trigger-mailboxes', workflow);

	await rest.activate(MANY_WORKFLOW_ID);
	await waitFor('the activation poll of both mailboxes', () => mailboxPolls(adele.id).length > 0 && mailboxPolls(alex.id).length > 0, {
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
	const before = mailboxPolls(adele.id).length;
	await waitFor('three more polls', () => mailboxPolls(adele.id).length >= before + 3, { timeoutMs: 60_000 + POLL_SECONDS * 3000, detail: n8nLog });
	const executions = await rest.executions(MANY_WORKFLOW_ID);
	expect(executions.length).toBeGreaterThanOrEqual(1);
	expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	const patches = emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'PATCH');
	expect(patches.map((request) => request.mailbox).sort()).toEqual([adele.id, alex.id].sort());
	expect(started.logTail(500)).toContain(`mailbox "${noMailbox.id}" could not be read (MailboxNotEnabledForRESTAPI`);
});
