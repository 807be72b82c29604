/**
 * `npm run compare`: this package's Outlook Mail (App) node and n8n's built-in Microsoft Outlook node (v2,
 * "Microsoft Entra Service Principal (App-Only)" authentication), side by side, in real n8n 2.41.1 (`n8n
 * execute`, and `n8n start` for the triggers), against the same emulator modelling Graph (50 ms latency per
 * request, 5 ms service time per mailbox operation, at most 4 at once per mailbox). The built-in node
 * reaches the emulator through a loopback HTTPS proxy with a test CA (bench/graph-proxy.ts): its credential
 * accepts only Microsoft's hosts. Prints one table; each figure is measured in this run, none is estimated.
 * Takes about 6 minutes; not part of CI.
 *
 * Times are the node's own execution time as n8n records it (runData executionTime), so n8n's start-up is
 * left out. Requests are HTTP requests the emulator received (a $batch counts once), token requests apart.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SAMPLE, startEmulator, type Emulator, type RequestRecord, type StoredMessage } from '../test/emulator';
import {
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	n8nEnv,
	N8nServer,
	packPackage,
	parseExecuteOutput,
	provisionN8n,
	runN8n,
	type ExecutionRun,
	type N8nInstall,
	type RunItem,
} from '../test/e2e/harness/n8n';
import { freePort } from '../test/e2e/harness/ports';
import { N8nRest } from '../test/e2e/harness/rest';
import { waitFor } from '../test/e2e/harness/wait';
import {
	byId,
	emulatorCredential,
	linearWorkflow,
	manualTrigger,
	outlook,
	outlookTrigger,
	pollEverySeconds,
	type NodeJson,
	type WorkflowJson,
} from '../test/e2e/harness/workflows';
import { startGraphProxy, type GraphProxy } from './graph-proxy';

const LATENCY_MS = 50;
const SERVICE_MS = 5;
const CONCURRENCY = 4;
const { adele, alex } = SAMPLE.users;
const BUILT_IN_CREDENTIAL = { id: 'compareBuiltInSp1', name: 'Microsoft Entra Service Principal (emulator)' };
const OURS_VIA_PROXY = { id: 'compareOursProxy1', name: 'Outlook Mail (App) - through the fault proxy' };

type NodeSpec = Omit<NodeJson, 'id' | 'position'>;
type Side = 'ours' | 'builtIn';

interface Result {
	/** What happened, in words and numbers: "2,000 items", "1 of 50 items failed"... */
	outcome: string;
	ms?: number;
	requests?: number;
	tokens?: number;
	/** Peak resident memory of the `n8n execute` process, MB. */
	peakMb?: number;
}

interface Scenario {
	name: string;
	run(side: Side): Promise<Result>;
}

interface Context {
	install: N8nInstall;
	env: NodeJS.ProcessEnv;
	emulator: Emulator;
	proxy: GraphProxy;
	files: string;
	/** A script n8n execute preloads: it prints the process's peak resident memory when it exits. */
	peakProbe: string;
}

let ctx: Context;

// ---------- the two nodes ----------

const builtIn = (name: string, parameters: Record<string, unknown>, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.microsoftOutlook',
	typeVersion: 2,
	parameters: { authentication: 'microsoftEntraServicePrincipalApi', mailbox: byId(adele.userPrincipalName), ...parameters },
	credentials: { microsoftEntraServicePrincipalApi: BUILT_IN_CREDENTIAL },
	...extra,
});

const ours = (name: string, parameters: Record<string, unknown>, extra: Partial<NodeSpec> = {}): NodeSpec =>
	outlook(name, { mailbox: adele.userPrincipalName, ...parameters }, extra) as NodeSpec;

/** Failing items become error items, so a run counts them instead of stopping at the first. */
const continueOnFail = { onError: 'continueRegularOutput' } as Partial<NodeSpec>;

/** Items `{ id }` for the given ids: a Set node with an array, split into one item per id. */
function idItems(ids: string[]): NodeSpec[] {
	return [
		{
			name: 'IDs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: { assignments: [{ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'id', value: JSON.stringify(ids), type: 'array' }] },
				options: {},
			},
		},
		{ name: 'One item per ID', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'id', options: {} } },
	];
}

const readFile = (path: string): NodeSpec => ({
	name: 'Read file',
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1,
	parameters: { operation: 'read', fileSelector: path, options: {} },
});

// ---------- running ----------

let workflowCounter = 0;

async function execute(nodes: NodeSpec[], nodeName: string): Promise<{ run: ExecutionRun; items: RunItem[]; ms: number; requests: RequestRecord[]; peakMb?: number }> {
	const id = `compare${String(++workflowCounter).padStart(10, '0')}`;
	const workflow = linearWorkflow(id, `compare ${workflowCounter}`, [manualTrigger(), ...nodes]);
	await importWorkflows(ctx.install, ctx.env, [workflow]);
	ctx.emulator.clearRequests();
	const result = await runN8n(ctx.install, ['execute', `--id=${id}`, '--rawOutput'], { ...ctx.env, NODE_OPTIONS: `--require ${ctx.peakProbe}` }, {
		timeoutMs: 600_000,
		allowFailure: true,
	});
	const run = parseExecuteOutput(result.stdout);
	const peak = /\[peak-rss-kb\] (\d+)/.exec(result.stderr);
	const runs = run.data.resultData.runData[nodeName] as unknown as { executionTime?: number; error?: { message: string }; data?: { main: (RunItem[] | null)[] } }[] | undefined;
	const first = runs?.[0];
	const items = first?.data?.main[0] ?? [];
	if (first?.error) items.push({ json: { error: first.error.message } });
	if (!first) items.push({ json: { error: run.data.resultData.error?.message ?? 'did not run' } });
	return { run, items, ms: first?.executionTime ?? 0, requests: [...ctx.emulator.requests], peakMb: peak ? Math.round(Number(peak[1]) / 1024) : undefined };
}

/** HTTP requests the emulator received for Graph (a $batch once, its parts not again), and token requests. */
function count(requests: RequestRecord[]): { requests: number; tokens: number } {
	return {
		requests: requests.filter((request) => (request.kind === 'graph' && request.batchId === undefined) || request.kind === 'batch' || request.kind === 'upload').length,
		tokens: requests.filter((request) => request.kind === 'token').length,
	};
}

const failed = (items: RunItem[]) => items.filter((item) => item.json.error !== undefined);
const n = (value: number) => value.toLocaleString('en-US');

function inboxIds(count: number): string[] {
	return ctx.emulator.store
		.messages(adele.id, ctx.emulator.store.folder(adele.id, 'inbox').id)
		.slice(0, count)
		.map((message) => message.id);
}

function ensureInbox(count: number): void {
	const have = ctx.emulator.store.messages(adele.id, ctx.emulator.store.folder(adele.id, 'inbox').id).length;
	if (have < count) ctx.emulator.store.addMessages(adele.id, 'inbox', count - have, 11);
}

// ---------- scenarios ----------

const SCENARIOS: Scenario[] = [
	{
		name: 'List 2,000 messages of a folder (Return All)',
		run: async (side) => {
			ctx.emulator.reset();
			ensureInbox(2000);
			const node =
				side === 'ours'
					? ours('List', { resource: 'message', operation: 'getMany', folderScope: 'folder', folderId: byId('inbox'), returnAll: true })
					: builtIn('List', { resource: 'folderMessage', operation: 'getAll', folderId: byId('inbox'), returnAll: true, output: 'simple' });
			const { items, ms, requests } = await execute([node], 'List');
			return { outcome: failed(items).length ? `failed: ${String(failed(items)[0].json.error)}` : `${n(items.length)} items`, ms, ...count(requests) };
		},
	},
	{
		name: 'Mark 500 messages read (one item each)',
		run: async (side) => {
			ctx.emulator.reset();
			ensureInbox(500);
			const ids = inboxIds(500);
			const node =
				side === 'ours'
					? ours('Mark read', { resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { readStatus: 'read' } }, continueOnFail)
					: builtIn('Mark read', { resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { isRead: true } }, continueOnFail);
			const { items, ms, requests } = await execute([...idItems(ids), node], 'Mark read');
			const read = ids.filter((id) => ctx.emulator.store.message(adele.id, id)?.isRead).length;
			return { outcome: `${n(read)} of 500 read, ${failed(items).length} failed`, ms, ...count(requests) };
		},
	},
	{
		name: 'Throttled: Graph answers 429 (Retry-After: 2) to the next 3 requests, while marking 50 read',
		run: async (side) => {
			ctx.emulator.reset();
			ensureInbox(50);
			const ids = inboxIds(50);
			const node =
				side === 'ours'
					? ours('Mark read', { resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { readStatus: 'read' } }, continueOnFail)
					: builtIn('Mark read', { resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { isRead: true } }, continueOnFail);
			ctx.emulator.faults.add({ method: 'PATCH', path: /\/messages\/[^/]+$/, status: 429, retryAfter: '2', times: 3 });
			const { items, ms, requests } = await execute([...idItems(ids), node], 'Mark read');
			const read = ids.filter((id) => ctx.emulator.store.message(adele.id, id)?.isRead).length;
			return { outcome: `${read} of 50 read, ${failed(items).length} failed`, ms, ...count(requests) };
		},
	},
	{
		name: "Send 1 mail; Graph processes it but the answer is lost (connection dropped)",
		run: async (side) => {
			ctx.emulator.reset();
			const subject = `Lost answer ${side} ${Date.now()}`;
			ctx.proxy.loseResponse((method, url) => method === 'POST' && /\/sendMail$/.test(url.split('?')[0]));
			const parameters = { resource: 'message', operation: 'send', toRecipients: alex.mail, subject, bodyContent: 'Hello' };
			const node =
				side === 'ours'
					? ours('Send', parameters, { ...continueOnFail, credentials: { outlookMailAppApi: OURS_VIA_PROXY } })
					: builtIn('Send', parameters, continueOnFail);
			const { items, ms, requests } = await execute([node], 'Send');
			const delivered = ctx.emulator.store.messages(alex.id, ctx.emulator.store.folder(alex.id, 'inbox').id).filter((message) => message.subject === subject).length;
			const error = failed(items)[0]?.json.error;
			return {
				outcome: `delivered ${delivered}×; item ${error ? `failed: "${String(error).slice(0, 90)}${String(error).length > 90 ? '…' : ''}"` : 'succeeded'}`,
				ms,
				...count(requests),
			};
		},
	},
	{
		name: 'Add a 10 MB attachment to a draft',
		run: async (side) => {
			ctx.emulator.reset();
			const bytes = randomBytes(10 * 1024 * 1024);
			const file = join(ctx.files, `large-${side}.bin`);
			writeFileSync(file, bytes);
			const draft = ctx.emulator.store.addMessage(adele.id, ctx.emulator.store.folder(adele.id, 'drafts').id, { subject: 'Draft with a large file', isDraft: true });
			const node =
				side === 'ours'
					? ours('Attach', { resource: 'attachment', operation: 'add', messageId: byId(draft.id), binaryPropertyNames: 'data' }, continueOnFail)
					: builtIn('Attach', { resource: 'messageAttachment', operation: 'add', messageId: byId(draft.id), binaryPropertyName: 'data', options: {} }, continueOnFail);
			const { items, ms, requests, peakMb } = await execute([readFile(file), node], 'Attach');
			const attached = ctx.emulator.store.message(adele.id, draft.id)?.attachments ?? [];
			const intact = attached.some((attachment) => attachment.kind === 'file' && attachment.content.equals(bytes));
			const error = failed(items)[0]?.json.error;
			return { outcome: error ? `failed: ${String(error).slice(0, 80)}` : intact ? 'attached, bytes intact' : `attached ${attached.length}, bytes differ`, ms, peakMb, ...count(requests) };
		},
	},
	{
		name: 'Download a 100 MB attachment',
		run: async (side) => {
			ctx.emulator.reset();
			const bytes = randomBytes(100 * 1024 * 1024);
			const message = ctx.emulator.store.addMessage(adele.id, ctx.emulator.store.folder(adele.id, 'inbox').id, { subject: 'Large file' });
			const attachment = ctx.emulator.store.addFileAttachment(adele.id, message.id, 'large.bin', bytes);
			const node =
				side === 'ours'
					? ours('Download', { resource: 'attachment', operation: 'download', messageId: byId(message.id), scope: 'one', attachmentId: byId(attachment.id), binaryPropertyName: 'data' }, continueOnFail)
					: builtIn('Download', { resource: 'messageAttachment', operation: 'download', messageId: byId(message.id), attachmentId: byId(attachment.id), binaryPropertyName: 'data' }, continueOnFail);
			const { items, ms, requests, peakMb } = await execute([node], 'Download');
			const error = failed(items)[0]?.json.error;
			const binary = items[0]?.binary?.data;
			const stored = binary?.id?.startsWith('filesystem-v2:')
				? readFileSync(join(ctx.env.N8N_USER_FOLDER as string, '.n8n', 'storage', binary.id.slice('filesystem-v2:'.length)))
				: binary?.data
					? Buffer.from(binary.data, 'base64')
					: undefined;
			return { outcome: error ? `failed: ${String(error).slice(0, 80)}` : stored?.equals(bytes) ? 'downloaded, bytes intact' : 'downloaded, bytes differ', ms, peakMb, ...count(requests) };
		},
	},
	{
		name: "Delete with a hostile message ID (`../../<other mailbox>/messages/<id>`), Mailbox: Adele",
		run: async (side) => {
			ctx.emulator.reset();
			const victim = ctx.emulator.store.addMessage(alex.id, ctx.emulator.store.folder(alex.id, 'inbox').id, { subject: "Alex's private mail" });
			const hostile = `../../${alex.userPrincipalName}/messages/${victim.id}`;
			const node =
				side === 'ours'
					? ours('Delete', { resource: 'message', operation: 'delete', messageId: byId(hostile) }, continueOnFail)
					: builtIn('Delete', { resource: 'message', operation: 'delete', messageId: byId(hostile) }, continueOnFail);
			const { items, ms, requests } = await execute([node], 'Delete');
			const gone = ctx.emulator.store.messages(alex.id, ctx.emulator.store.folder(alex.id, 'inbox').id).every((message) => message.id !== victim.id);
			const error = failed(items)[0]?.json.error;
			const sent = requests.filter((request) => request.kind === 'graph' && request.method === 'DELETE').map((request) => request.path);
			const where = sent.length ? `DELETE ${sent[0].replace(/^\/v1\.0\/users\//, '').replace(/\/messages\/.*$/, '/messages/…')}` : 'no request';
			return { outcome: `${gone ? "Alex's message deleted" : "Alex's message untouched"} (${where}); item ${error ? 'failed' : 'succeeded'}`, ms, ...count(requests) };
		},
	},
];

/**
 * Both triggers, published at once on Adele's Inbox under `n8n start`, polling every 5 s. After their first
 * polls: a new message arrives in the Inbox, and another one in Junk Email; 16 s later the second moves to
 * the Inbox ("Not junk"), keeping the time it was received; 16 s later the first is flagged (which changes
 * it). Counts what each trigger emitted, per message.
 */
async function triggerScenario(): Promise<Record<Side, Result>> {
	ctx.emulator.reset();
	const polls = pollEverySeconds(5);
	const workflows: WorkflowJson[] = [
		linearWorkflow('compareTrigOurs01', 'compare trigger: ours', [
			{ ...outlookTrigger('New mail', { event: 'messageReceived', mailbox: adele.userPrincipalName, folders: ['inbox'] }, polls), position: [0, 0] },
		]),
		linearWorkflow('compareTrigBuilt1', 'compare trigger: built-in', [
			{
				name: 'New mail',
				type: 'n8n-nodes-base.microsoftOutlookTrigger',
				typeVersion: 1,
				parameters: {
					pollTimes: { item: polls },
					authentication: 'microsoftEntraServicePrincipalApi',
					mailbox: byId(adele.userPrincipalName),
					event: 'messageReceived',
					output: 'simple',
					filters: { foldersToInclude: ['inbox'] },
					options: {},
				},
				credentials: { microsoftEntraServicePrincipalApi: BUILT_IN_CREDENTIAL },
			},
		]),
	];
	await importWorkflows(ctx.install, ctx.env, workflows);
	const server = await N8nServer.start(ctx.install, { env: ctx.env, logFile: join(ctx.files, 'trigger-n8n.log') });
	try {
		const rest = new N8nRest(server.url);
		await rest.setupOwner({ email: 'compare@example.com', firstName: 'C', lastName: 'O', password: 'Compare-pass-1' });
		for (const workflow of workflows) await rest.activate(workflow.id);
		const polled = (pattern: RegExp) => ctx.emulator.requests.some((request) => request.kind === 'graph' && request.method === 'GET' && pattern.test(request.path));
		await waitFor('both triggers to poll once', () => polled(/\/messages\/delta$/) && polled(/\/mailFolders\/inbox\/messages$/), { timeoutMs: 60_000 });
		await sleep(6_000);
		const now = () => new Date().toISOString();
		const fresh = ctx.emulator.store.addMessage(adele.id, 'inbox', { subject: 'Brand new mail', receivedDateTime: now(), sentDateTime: now() });
		const junk = ctx.emulator.store.addMessage(adele.id, 'junkemail', { subject: 'Not junk after all', receivedDateTime: now(), sentDateTime: now() });
		await sleep(16_000);
		ctx.emulator.store.moveMessage(adele.id, junk.id, 'inbox');
		await sleep(16_000);
		ctx.emulator.store.updateMessage(adele.id, fresh.id, { flag: { flagStatus: 'flagged' } as StoredMessage['flag'] });
		await sleep(16_000);
		if (process.env.OUTLOOK_MAIL_APP_COMPARE_DEBUG === '1') {
			for (const request of ctx.emulator.requests) process.stderr.write(`  ${request.kind} ${request.method} ${request.rawUrl.slice(0, 160)} ${request.status}\n`);
		}
		const result = async (workflowId: string): Promise<Result> => {
			const subjects = await emittedSubjects(rest, workflowId);
			const times = (subject: string) => subjects.filter((emitted) => emitted === subject).length;
			return { outcome: `new mail emitted ${times('Brand new mail')}×, moved-in mail ${times('Not junk after all')}×` };
		};
		return { ours: await result('compareTrigOurs01'), builtIn: await result('compareTrigBuilt1') };
	} finally {
		await server.stop();
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Subjects of the messages a trigger emitted, over all its executions (n8n keeps execution data flatted). */
async function emittedSubjects(rest: N8nRest, workflowId: string): Promise<string[]> {
	const { parse } = createRequire(__filename)(join(ctx.install.dir, 'node_modules', 'flatted')) as { parse: (text: string) => unknown };
	const subjects: string[] = [];
	for (const execution of await rest.executions(workflowId)) {
		const full = await rest.request<{ data: string }>('GET', `/executions/${execution.id}`);
		const data = parse(full.data) as { resultData: { runData: Record<string, { data?: { main: (RunItem[] | null)[] } }[]> } };
		for (const run of data.resultData.runData['New mail'] ?? []) {
			for (const item of run.data?.main[0] ?? []) subjects.push(String(item.json.subject));
		}
	}
	return subjects;
}

async function main(): Promise<void> {
	const log = (text: string) => process.stderr.write(`[compare] ${text}\n`);
	const install = provisionN8n();
	const work = mkdtempSync(join(tmpdir(), 'outlook-mail-app-compare-'));
	const files = join(work, 'files');
	mkdirSync(files, { recursive: true });
	const emulator = await startEmulator({ latencyMs: LATENCY_MS, serviceTimeMs: SERVICE_MS, mailboxConcurrency: CONCURRENCY });
	const proxy = await startGraphProxy(emulator.baseUrl);
	try {
		const userFolder = join(work, 'n8n');
		installCommunityPackage(userFolder, packPackage(join(work, 'pack')));
		const env = n8nEnv(install, {
			userFolder,
			encryptionKey: 'outlook-mail-app-compare',
			port: await freePort(),
			brokerPort: await freePort(),
			extra: {
				// The built-in node's Microsoft hosts go through the proxy; the emulator itself is reached directly.
				HTTPS_PROXY: proxy.proxyUrl,
				NO_PROXY: '127.0.0.1,localhost',
				NODE_EXTRA_CA_CERTS: proxy.caFile,
				N8N_RESTRICT_FILE_ACCESS_TO: files,
			},
		});
		const peakProbe = join(work, 'peak-rss.js');
		writeFileSync(peakProbe, "process.on('exit', () => process.stderr.write(`[peak-rss-kb] ${process.resourceUsage().maxRSS}\\n`));\n");
		ctx = { install, env, emulator, proxy, files, peakProbe };
		const endpoints = { tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl };
		const app = { ...SAMPLE.apps.full, defaultUserId: adele.userPrincipalName };
		await importCredentials(install, env, [
			emulatorCredential(endpoints, app),
			{ ...emulatorCredential({ ...endpoints, graphBaseUrl: proxy.reverseUrl }, app, OURS_VIA_PROXY.name), id: OURS_VIA_PROXY.id },
			{
				...BUILT_IN_CREDENTIAL,
				type: 'microsoftEntraServicePrincipalApi',
				data: { authentication: 'clientSecret', tenantId: SAMPLE.tenantId, clientId: SAMPLE.apps.full.clientId, clientSecret: SAMPLE.apps.full.secret, graphApiBaseUrl: 'https://graph.microsoft.com' },
			},
		]);
		const rows: string[][] = [];
		// OUTLOOK_MAIL_APP_COMPARE_ONLY=<text>: only the scenarios whose name contains it ("Trigger" for the triggers).
		const only = process.env.OUTLOOK_MAIL_APP_COMPARE_ONLY;
		for (const scenario of SCENARIOS.filter((candidate) => !only || candidate.name.includes(only))) {
			const results: Partial<Record<Side, Result>> = {};
			for (const side of ['ours', 'builtIn'] as const) {
				log(`${scenario.name}: ${side}`);
				results[side] = await scenario.run(side);
			}
			rows.push(row(scenario.name, results as Record<Side, Result>));
		}
		if (!only || 'Trigger'.includes(only)) log('triggers (about a minute)');
		if (!only || 'Trigger'.includes(only)) rows.push(row('Trigger on the Inbox (polls every 5 s): a new message; another one delivered to Junk Email and moved to the Inbox 16 s later; then the first is flagged', await triggerScenario()));
		if (proxy.refused.length) log(`the proxy refused: ${proxy.refused.join(', ')}`);
		print(rows);
	} finally {
		await proxy.close();
		await emulator.close();
		if (process.env.OUTLOOK_MAIL_APP_COMPARE_KEEP !== '1') rmSync(work, { recursive: true, force: true });
	}
}

function cell(result: Result): string {
	const figures = [
		result.ms === undefined ? '' : `${(result.ms / 1000).toFixed(1)} s`,
		result.requests === undefined ? '' : `${n(result.requests)} request${result.requests === 1 ? '' : 's'}`,
		result.tokens ? `+${result.tokens} token` : '',
		result.peakMb === undefined ? '' : `peak ${n(result.peakMb)} MB`,
	]
		.filter(Boolean)
		.join(', ');
	return figures ? `${result.outcome} (${figures})` : result.outcome;
}

const row = (name: string, results: Record<Side, Result>): string[] => [name, cell(results.ours), cell(results.builtIn)];

function print(rows: string[][]): void {
	const lines = [
		`Measured ${new Date().toISOString().slice(0, 10)} by npm run compare: n8n 2.41.1, Node ${process.version} host, emulator with ${LATENCY_MS} ms latency, ${SERVICE_MS} ms per operation, ${CONCURRENCY} at once per mailbox.`,
		'',
		'| Scenario | Outlook Mail (App) | Built-in Microsoft Outlook (Service Principal) |',
		'|---|---|---|',
		...rows.map((cells) => `| ${cells.map((text) => text.replace(/\|/g, '\\|')).join(' | ')} |`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`compare failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
