/**
 * `npm run demo`: the package in real n8n against the Graph emulator, in one command.
 *
 * Starts the emulator with a sample tenant (four mailboxes, about 400 messages, folders, attachments),
 * provisions n8n 2.41.1 (cached), installs the packed package into n8n's user folder as n8n's installer
 * installs a community package, imports the credential and three workflows, starts `n8n start`, creates the owner account, publishes the two trigger workflows, and keeps
 * delivering new mail so that they have something to do. Ctrl-C stops n8n and the emulator.
 *
 *   DEMO_PORT                    editor port (default 5678, or a free one if 5678 is taken)
 *   DEMO_LISTEN_ADDRESS          default 127.0.0.1; 0.0.0.0 to reach the editor from another machine
 *   DEMO_MAIL_INTERVAL_SECONDS   how often a new mail arrives (default 40; 0: never)
 *   DEMO_DIR                     n8n's user folder and the demo's files (default
 *                                ~/.cache/n8n-nodes-outlook-mail-app/demo; outside the clone, so that the
 *                                package gets n8n-workflow from n8n as in a real install, not from the clone)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { SAMPLE, startEmulator, type Emulator, type RequestRecord } from '../../test/emulator';
import { importCredentials, importWorkflows, installCommunityPackage, n8nEnv, N8nServer, packPackage, provisionN8n } from '../../test/e2e/harness/n8n';
import { freePort, isPortFree } from '../../test/e2e/harness/ports';
import { N8nRest, type Owner } from '../../test/e2e/harness/rest';
import { emulatorCredential } from '../../test/e2e/harness/workflows';
import { countMail, deliver, demoTenant, DEMO_USERS, invoiceMail, newsletterMail, seedDemoMail, vipMail } from './tenant';
import { demoWorkflows, DEMO_WORKFLOW_IDS } from './workflows';

const OWNER: Owner = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Outlook-Demo-2026' };
const DEMO_DIR = process.env.DEMO_DIR ?? join(homedir(), '.cache', 'n8n-nodes-outlook-mail-app', 'demo');

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
const say = (text: string) => process.stdout.write(`${text}\n`);
const step = (text: string) => say(dim(`[demo] ${text}`));

let emulator: Emulator | undefined;
let server: N8nServer | undefined;
let feed: NodeJS.Timeout | undefined;
let watcher: NodeJS.Timeout | undefined;
let stopping = false;

async function shutdown(code: number, reason?: string): Promise<never> {
	if (!stopping) {
		stopping = true;
		if (reason) say(reason);
		clearInterval(feed);
		clearInterval(watcher);
		step('stopping n8n and the emulator');
		await server?.stop().catch(() => undefined);
		await emulator?.close().catch(() => undefined);
		step('stopped');
	}
	process.exit(code);
}

/** Graph writes n8n makes (moves, replies, updates...), printed as they reach the emulator. */
function watchWrites(emulator: Emulator): NodeJS.Timeout {
	let seen = emulator.requests.length;
	const mailboxName = (request: RequestRecord) =>
		Object.values(DEMO_USERS).find((user) => user.id === request.mailbox)?.displayName ?? request.mailbox ?? '';
	return setInterval(() => {
		const requests = emulator.requests;
		if (requests.length < seen) seen = 0;
		for (; seen < requests.length; seen++) {
			const request = requests[seen];
			if (request.kind !== 'graph' || request.method === 'GET') continue;
			const action = request.path.split('/').slice(4).map((segment) => (segment.length > 40 ? '…' : segment)).join('/');
			say(`  n8n -> Graph: ${request.method} ${action} (${mailboxName(request)}) ${request.status || ''}`);
		}
	}, 1000);
}

/** A new mail every few seconds, in turn: an invoice for Finance, a VIP mail for Adele, a newsletter. */
function startMailFeed(emulator: Emulator, seconds: number): NodeJS.Timeout | undefined {
	if (seconds <= 0) return undefined;
	let turn = 0;
	return setInterval(() => {
		const now = Date.now();
		const kind = turn % 3;
		const spec = kind === 0 ? invoiceMail(now, turn) : kind === 1 ? vipMail(now, turn) : newsletterMail(now, turn);
		const user = kind === 0 ? DEMO_USERS.finance : DEMO_USERS.adele;
		deliver(emulator.store, user.id, spec);
		say(`  new mail -> ${user.displayName}: "${spec.subject}" from ${spec.from.address}`);
		turn++;
	}, seconds * 1000);
}

async function main(): Promise<void> {
	const started = Date.now();
	const mailInterval = Number(process.env.DEMO_MAIL_INTERVAL_SECONDS ?? 40);
	const listenAddress = process.env.DEMO_LISTEN_ADDRESS ?? '127.0.0.1';

	step('provisioning n8n 2.41.1 with Node.js 24 (cached after the first run, which takes a few minutes)');
	const install = provisionN8n();

	rmSync(DEMO_DIR, { recursive: true, force: true });
	const userFolder = join(DEMO_DIR, 'n8n');
	const filesDir = join(DEMO_DIR, 'files');
	const invoiceDir = join(filesDir, 'invoices');
	mkdirSync(invoiceDir, { recursive: true });
	step('installing the packed package into n8n\'s user folder, as Settings > Community Nodes > Install does');
	const packDir = mkdtempSync(join(tmpdir(), 'outlook-mail-app-pack-'));
	try {
		installCommunityPackage(userFolder, packPackage(packDir));
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	step('starting the Graph emulator with the sample tenant');
	emulator = await startEmulator({ tenants: [demoTenant()] });
	const mail = seedDemoMail(emulator.store);
	const totals = countMail(emulator.store);

	const requested = Number(process.env.DEMO_PORT ?? 5678);
	const port = (await isPortFree(requested, listenAddress)) ? requested : await freePort();
	const env = n8nEnv(install, {
		userFolder,
		encryptionKey: 'outlook-mail-app-demo-key',
		port,
		brokerPort: await freePort(),
		listenAddress,
		extra: {
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
			// Plain http beyond localhost needs non-secure cookies to sign in.
			...(listenAddress === '127.0.0.1' ? {} : { N8N_SECURE_COOKIE: 'false' }),
		},
	});
	step('importing the credential and the three workflows (the first n8n command creates its database)');
	const credential = emulatorCredential(
		{ tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl },
		{ ...SAMPLE.apps.full, defaultUserId: DEMO_USERS.adele.userPrincipalName },
		'Outlook Mail (App) - Contoso (emulator)',
	);
	await importCredentials(install, env, [credential]);
	await importWorkflows(install, env, demoWorkflows({ invoiceFolderId: mail.folders.financeInvoices, invoiceDir }));

	step('starting n8n');
	server = await N8nServer.start(install, { env, logFile: join(DEMO_DIR, 'n8n.log') });
	const rest = new N8nRest(server.url);
	await rest.setupOwner(OWNER);
	await rest.activate(DEMO_WORKFLOW_IDS.invoices);
	await rest.activate(DEMO_WORKFLOW_IDS.vip);
	const signin = await fetch(`${server.url}/signin`);
	if (!signin.ok) throw new Error(`the editor did not answer: GET /signin ${signin.status}`);

	const host = listenAddress === '127.0.0.1' ? 'localhost' : listenAddress === '0.0.0.0' ? '<this machine>' : listenAddress;
	const url = `http://${host}:${port}`;
	say('');
	say(bold(`n8n is ready: ${url}`) + dim(`   (up in ${Math.round((Date.now() - started) / 1000)} s)`));
	say(`  sign in as ${bold(OWNER.email)} with password ${bold(OWNER.password)}`);
	say('');
	say(`Tenant "Contoso" in the emulator (${emulator.baseUrl}): ${totals.mailboxes} mailboxes, ${totals.messages} messages, ${totals.folders} folders, ${totals.attachments} attachments.`);
	say(`  the credential signs in as the app "Mail automation (full)"; default mailbox ${DEMO_USERS.adele.userPrincipalName}`);
	say('');
	say('Workflows (Overview, in the editor):');
	say(`  - Save invoice attachments from new mail  published: polls ${DEMO_USERS.finance.userPrincipalName} every minute,`);
	say(`      files invoices in Inbox/Invoices and writes their PDFs to ${invoiceDir}`);
	say(`  - Auto-reply to a VIP sender               published: replies to mail from Patti Fernandez in Adele's Inbox`);
	say(`  - Archive newsletters older than 30 days   open it and click "Execute workflow": ${mail.newslettersOlderThan30Days} of ${mail.newsletters} newsletters qualify`);
	say('');
	say(mailInterval > 0 ? `A new mail arrives every ${mailInterval} s; what n8n does about it is printed below.` : 'No new mail will arrive (DEMO_MAIL_INTERVAL_SECONDS=0).');
	say(dim(`n8n's log: ${server.logFile}. Press Ctrl-C to stop everything.`));
	say('');

	watcher = watchWrites(emulator);
	feed = startMailFeed(emulator, mailInterval);
	server.process.once('exit', (code) => {
		if (!stopping) void shutdown(1, `n8n exited unexpectedly (${code}); see ${server?.logFile}:\n${server?.logTail(30)}`);
	});
}

process.once('SIGINT', () => void shutdown(0, ''));
process.once('SIGTERM', () => void shutdown(0));
process.once('SIGHUP', () => void shutdown(0));
// Whatever happens, no n8n is left behind.
process.once('exit', () => server?.killNow());

main().catch((error: unknown) => {
	void shutdown(1, `demo failed: ${error instanceof Error ? error.message : String(error)}`);
});
