/**
 * What n8n's queue mode needs besides n8n: Redis (Debian's `redis-server`) and PostgreSQL (Debian's
 * postgresql, `initdb` + `postgres` from /usr/lib/postgresql/<version>/bin), each started by the suite on a free
 * loopback port in a temporary folder, with no persistence, and stopped after it. Both are listed with the
 * process watchdog, so neither outlives a test process that is killed.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { freePort } from './ports';
import { waitFor } from './wait';
import { processWatchdog } from './watchdog';

const tail = (file: string, lines = 30): string => {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
};

/** Spawns a service detached (its own process group), its output to a log file, listed with the watchdog. */
function spawnService(command: string, args: string[], logFile: string, options: { uid?: number; gid?: number; signal: 'INT' | 'TERM' }) {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], uid: options.uid, gid: options.gid });
	closeSync(log);
	const unlist = processWatchdog().add({ kind: 'pid', id: child.pid ?? 0, signal: options.signal });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let gone = false;
	void exited.then(() => {
		gone = true;
		unlist();
	});
	return { child, exited, isGone: () => gone };
}

/** Sends `signal`; SIGKILL when the process is not gone within `graceMs`. */
async function stopProcess(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill(signal);
	let timer: NodeJS.Timeout | undefined;
	const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
	clearTimeout(timer);
	if (!stopped) {
		child.kill('SIGKILL');
		await exited;
	}
}

// ---------- Redis ----------

/** One RESP command over a fresh connection; the raw answer. */
async function redisCommand(port: number, ...args: string[]): Promise<string> {
	return await new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(5000, () => socket.destroy(new Error('redis did not answer within 5 s')));
		socket.on('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.endsWith('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer));
		socket.on('error', reject);
	});
}

export class RedisServer {
	private constructor(
		readonly port: number,
		private readonly process: ReturnType<typeof spawnService>,
		readonly logFile: string,
	) {}

	/** `redis-server` on a free loopback port, its working folder in `dir`; no snapshots, no append-only file. */
	static async start(dir: string): Promise<RedisServer> {
		mkdirSync(dir, { recursive: true });
		const port = await freePort();
		const logFile = join(dir, 'redis.log');
		const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
		const service = spawnService(process.env.REDIS_SERVER ?? 'redis-server', args, logFile, { signal: 'TERM' });
		const redis = new RedisServer(port, service, logFile);
		await waitFor('redis-server to answer PING', async () => !service.isGone() && (await redisCommand(port, 'PING')).startsWith('+PONG'), {
			timeoutMs: 20_000,
			failIf: () => (service.isGone() ? 'redis-server exited' : undefined),
			detail: () => `redis log:\n${tail(logFile)}`,
		});
		return redis;
	}

	async command(...args: string[]): Promise<string> {
		return await redisCommand(this.port, ...args);
	}

	async stop(): Promise<void> {
		await stopProcess(this.process.child, this.process.exited, 'SIGTERM', 10_000);
	}
}

// ---------- PostgreSQL ----------

/** The newest Debian PostgreSQL server binaries (`PG_BIN` to choose others). */
export function postgresBinDir(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'postgres'))) : [];
	versions.sort((a, b) => Number(b) - Number(a));
	if (!versions.length) throw new Error(`no PostgreSQL server in ${root}: apt-get install postgresql (see README, Development)`);
	return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user Debian's package creates. */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

export interface PsqlSession {
	/** Runs statements in the open session; resolves when psql has printed `marker` (give a `SELECT '<marker>'`). */
	send(sql: string, marker: string): Promise<void>;
	close(): Promise<void>;
}

export class PostgresServer {
	private constructor(
		readonly port: number,
		readonly binDir: string,
		private readonly process: ReturnType<typeof spawnService>,
		readonly logFile: string,
	) {}

	/**
	 * A throw-away cluster: `initdb` in `dir`/data (owned by the server's user), `postgres` on a free loopback
	 * port without a Unix socket, fsync off (nothing here must survive a power cut), trust authentication for the
	 * `postgres` role over TCP from 127.0.0.1.
	 */
	static async start(dir: string): Promise<PostgresServer> {
		const binDir = postgresBinDir();
		const user = serverUser();
		mkdirSync(dir, { recursive: true });
		// The server's user must reach its data folder: the folder above is made traversable.
		chmodSync(dir, 0o755);
		const data = join(dir, 'data');
		mkdirSync(data, { recursive: true, mode: 0o700 });
		if (user) chownSync(data, user.uid, user.gid);
		const logFile = join(dir, 'postgres.log');
		closeSync(openSync(logFile, 'a'));
		if (user) chownSync(logFile, user.uid, user.gid);
		await new Promise<void>((resolve, reject) => {
			execFile(
				join(binDir, 'initdb'),
				['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
				{ uid: user?.uid, gid: user?.gid, encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`initdb failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
			);
		});
		const port = await freePort();
		const args = [
			'-D', data, '-p', String(port),
			'-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
		];
		const service = spawnService(join(binDir, 'postgres'), args, logFile, { ...user, signal: 'INT' });
		const server = new PostgresServer(port, binDir, service, logFile);
		await waitFor('PostgreSQL to accept connections', async () => !service.isGone() && (await server.query('postgres', 'SELECT 1'))[0]?.[0] === '1', {
			timeoutMs: 30_000,
			failIf: () => (service.isGone() ? 'postgres exited' : undefined),
			detail: () => `postgres log:\n${tail(logFile)}`,
		});
		return server;
	}

	private psqlArgs(database: string): string[] {
		return ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1'];
	}

	/** Rows of a query (psql's unaligned output, tab-separated), as text. */
	async query(database: string, sql: string): Promise<string[][]> {
		const stdout = await new Promise<string>((resolve, reject) => {
			execFile(join(this.binDir, 'psql'), [...this.psqlArgs(database), '-c', sql], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, out, err) =>
				error ? reject(new Error(`psql: ${err || error.message}\n(${sql})`)) : resolve(out),
			);
		});
		return stdout
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	}

	/** A new database, empty or as a copy of `template` (which must have no open connection). */
	async createDatabase(name: string, template?: string): Promise<void> {
		await this.query('postgres', `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
	}

	/** A psql session kept open (for a lock held across other steps). */
	session(database: string): PsqlSession {
		const child = spawn(join(this.binDir, 'psql'), this.psqlArgs(database), { stdio: ['pipe', 'pipe', 'pipe'] });
		let output = '';
		let errors = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		return {
			send: async (sql, marker) => {
				const from = output.length;
				child.stdin.write(`${sql}\n`);
				await waitFor(`psql to print ${marker}`, () => output.slice(from).includes(marker), {
					timeoutMs: 30_000,
					intervalMs: 20,
					failIf: () => (errors ? `psql: ${errors}` : child.exitCode !== null ? 'psql exited' : undefined),
				});
			},
			close: async () => {
				child.stdin.end('\\q\n');
				await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
				if (child.exitCode === null) child.kill('SIGKILL');
			},
		};
	}

	/** Fast shutdown (SIGINT: connections closed, no waiting for clients); the data folder is the caller's. */
	async stop(): Promise<void> {
		await stopProcess(this.process.child, this.process.exited, 'SIGINT', 15_000);
	}
}

/** Removes a services folder (PostgreSQL's data belongs to its user; root removes it all the same). */
export function removeFolder(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}
