/**
 * n8n 2.41.1 in queue mode, as it is run in production, on loopback ports: one main process (`n8n start`:
 * editor, REST API, webhooks, triggers and pollers), workers (`n8n worker`: the executions, taken from Redis),
 * Redis (the Bull queue) and PostgreSQL (workflows, executions, static data, binary data in `database` mode),
 * with the same N8N_ENCRYPTION_KEY everywhere and each n8n process on its own ports. Every n8n process has its
 * own user folder with the package installed in it as n8n's installer installs a community package.
 *
 * The main process reaches Redis through a TcpProxy, so a test can hold its commands (an execution saved but
 * not queued yet) and kill it there. PostgreSQL databases are copies of a template that holds the migrated
 * schema, the credential and the workflows, so a fresh instance costs no migrations.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ARTIFACTS_DIR, freshUserFolder, importCredentials, importWorkflows, n8nEnv, N8nServer, type N8nInstall } from './n8n';
import { freePort } from './ports';
import { N8nRest, type Owner } from './rest';
import { PostgresServer, RedisServer, removeFolder } from './services';
import { TcpProxy } from './tcp-proxy';
import { processWatchdog } from './watchdog';

export const QUEUE_OWNER: Owner = { email: 'owner@queue.e2e.example', firstName: 'Queue', lastName: 'Owner', password: 'Queue-owner-pass-1' };

export interface QueueServicesOptions {
	install: N8nInstall;
	/** A user folder with the package installed (copied for every n8n process). */
	templateUserFolder: string;
	encryptionKey: string;
	/** Prefix of the log files in test/e2e/artifacts. */
	name: string;
}

/** Redis and PostgreSQL for one test file, and the template database its n8n instances are copied from. */
export class QueueServices {
	private templateReady = false;

	private constructor(
		readonly options: QueueServicesOptions,
		readonly dir: string,
		private readonly unlistDir: () => void,
		readonly redis: RedisServer,
		readonly postgres: PostgresServer,
	) {}

	static async start(options: QueueServicesOptions): Promise<QueueServices> {
		const dir = mkdtempSync(join(tmpdir(), `outlook-mail-app-${options.name}-`));
		const unlistDir = processWatchdog().add({ kind: 'dir', path: dir });
		// PostgreSQL runs as its own user, which must reach its data folder below this one.
		chmodSync(dir, 0o755);
		const [redis, postgres] = await Promise.allSettled([RedisServer.start(join(dir, 'redis')), PostgresServer.start(join(dir, 'postgres'))]);
		if (redis.status === 'rejected' || postgres.status === 'rejected') {
			await Promise.allSettled([redis.status === 'fulfilled' && redis.value.stop(), postgres.status === 'fulfilled' && postgres.value.stop()]);
			removeFolder(dir);
			unlistDir();
			throw redis.status === 'rejected' ? redis.reason : (postgres as PromiseRejectedResult).reason;
		}
		return new QueueServices(options, dir, unlistDir, redis.value, postgres.value);
	}

	/** The environment of a queue-mode n8n process on `database`, Redis reached on `redisPort`. */
	env(userFolder: string, database: string, ports: { port: number; brokerPort: number; redisPort: number }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return n8nEnv(this.options.install, {
			userFolder,
			encryptionKey: this.options.encryptionKey,
			port: ports.port,
			brokerPort: ports.brokerPort,
			extra: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(ports.redisPort),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(this.postgres.port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
				// A stopped process need not wait long for executions: the tests stop n8n only when nothing runs.
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
				...extra,
			},
		});
	}

	/**
	 * The template database: n8n's schema (the first CLI command migrates it), the credentials and workflows.
	 * Imported once; every instance starts from a copy.
	 */
	async prepareTemplate(credentials: object[], workflows: object[]): Promise<void> {
		if (this.templateReady) throw new Error('the template database is prepared once');
		await this.postgres.createDatabase('n8n_template');
		const folder = freshUserFolder(this.options.templateUserFolder, this.dir, 'template-user');
		const env = this.env(folder, 'n8n_template', { port: await freePort(), brokerPort: await freePort(), redisPort: this.redis.port });
		await importCredentials(this.options.install, env, credentials);
		await importWorkflows(this.options.install, env, workflows);
		this.templateReady = true;
	}

	async stop(): Promise<void> {
		await Promise.allSettled([this.redis.stop(), this.postgres.stop()]);
		removeFolder(this.dir);
		this.unlistDir();
	}
}

export interface QueueClusterOptions {
	/** Names the database and the log files (test/e2e/artifacts/<services name>-<name>-main.log ...). */
	name: string;
	workers?: number;
	/** Jobs a worker runs at once (`n8n worker --concurrency`); 1 puts two executions started together on two workers. */
	workerConcurrency?: number;
	/** For every n8n process (main and workers). */
	env?: Record<string, string>;
}

interface Member {
	name: string;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	server?: N8nServer;
}

/** One n8n instance in queue mode: a main process and its workers, on a database of its own. */
export class QueueCluster {
	readonly rest: N8nRest;
	private restarts = 0;

	private constructor(
		readonly services: QueueServices,
		readonly options: QueueClusterOptions,
		readonly database: string,
		readonly redisProxy: TcpProxy,
		readonly main: Member,
		readonly workers: Member[],
	) {
		this.rest = new N8nRest(`http://127.0.0.1:${main.env.N8N_PORT}`);
	}

	static async start(services: QueueServices, options: QueueClusterOptions): Promise<QueueCluster> {
		const database = `n8n_${options.name.replace(/[^a-z0-9_]/gi, '_')}`;
		await services.postgres.createDatabase(database, 'n8n_template');
		const redisProxy = await TcpProxy.start(services.redis.port);
		const member = async (name: string, redisPort: number, extra: Record<string, string> = {}): Promise<Member> => {
			const userFolder = freshUserFolder(services.options.templateUserFolder, join(services.dir, 'users'), `${options.name}-${name}`);
			const env = services.env(userFolder, database, { port: await freePort(), brokerPort: await freePort(), redisPort }, { ...options.env, ...extra });
			mkdirSync(ARTIFACTS_DIR, { recursive: true });
			return { name, userFolder, env, logFile: join(ARTIFACTS_DIR, `${services.options.name}-${options.name}-${name}.log`) };
		};
		const main = await member('main', redisProxy.port);
		const workers: Member[] = [];
		for (let index = 1; index <= (options.workers ?? 2); index++) {
			workers.push(await member(`worker-${index}`, services.redis.port, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()) }));
		}
		const cluster = new QueueCluster(services, options, database, redisProxy, main, workers);
		try {
			// The main process first: it owns the instance's first start (settings, keys); then the workers.
			await cluster.startMain();
			await Promise.all(workers.map(async (worker) => await cluster.startWorker(worker)));
			await cluster.rest.setupOwner(QUEUE_OWNER);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	private async startMain(): Promise<void> {
		this.main.server = await N8nServer.start(this.services.options.install, {
			env: this.main.env,
			logFile: this.main.logFile,
			appendLog: this.restarts > 0,
			killOnSignals: true,
			readyTimeoutMs: 240_000,
		});
	}

	private async startWorker(worker: Member): Promise<void> {
		worker.server = await N8nServer.start(this.services.options.install, {
			env: worker.env,
			logFile: worker.logFile,
			command: 'worker',
			args: [`--concurrency=${this.options.workerConcurrency ?? 10}`],
			readyUrl: `http://127.0.0.1:${worker.env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`,
			killOnSignals: true,
			readyTimeoutMs: 240_000,
		});
	}

	/** The main process killed with SIGKILL: no shutdown, as a crash or an OOM kill. Its Redis connections go with it. */
	async killMain(): Promise<void> {
		await this.main.server?.kill();
		this.redisProxy.drop();
		this.redisProxy.release();
	}

	/** Starts the main process again on the same database, user folder and ports; signs in again. */
	async restartMain(): Promise<void> {
		if (this.main.server?.running) throw new Error('the main process is still running');
		this.restarts++;
		await this.startMain();
		await this.rest.login(QUEUE_OWNER);
	}

	get mainRestarts(): number {
		return this.restarts;
	}

	/** pid of each worker's n8n process (the one that runs the nodes; task runners are its children). */
	workerPids(): number[] {
		return this.workers.map((worker) => worker.server?.pid ?? 0);
	}

	/**
	 * Which worker ran which execution, from the workers' logs ("Worker started execution <id> (job <id>)",
	 * n8n 2.41.1 scaling/job-processor.js): execution id -> worker names (more than one would be a double run).
	 */
	executionWorkers(): Map<string, string[]> {
		const byExecution = new Map<string, string[]>();
		for (const worker of this.workers) {
			let log = '';
			try {
				log = readFileSync(worker.logFile, 'utf8');
			} catch {
				continue;
			}
			for (const match of log.matchAll(/Worker started execution (\d+) \(job/g)) {
				byExecution.set(match[1], [...(byExecution.get(match[1]) ?? []), worker.name]);
			}
		}
		return byExecution;
	}

	async query(sql: string): Promise<string[][]> {
		return await this.services.postgres.query(this.database, sql);
	}

	async stop(): Promise<void> {
		await Promise.allSettled([this.main.server?.stop(), ...this.workers.map(async (worker) => await worker.server?.stop())]);
		await this.redisProxy.close();
	}
}
