/**
 * The trigger in queue mode when n8n's main process crashes: killed with SIGKILL at chosen moments of a poll
 * and started again, under n8n's legacy poll scheduler and under its durable one (N8N_SCHEDULER_ENABLED,
 * N8N_SCHEDULER_POLL_TRIGGERS_ENABLED, N8N_USE_WORKFLOW_PUBLICATION_SERVICE, N8N_POLLER_DURABLE_CURSORS_ENABLED).
 * Real n8n 2.41.1, a main process and two workers, Redis and PostgreSQL (harness/queue-cluster.ts).
 *
 * Each round holds one delta request of the trigger in the emulator (a fault rule's latency), delivers two
 * mails while it is held, and kills the main process at one moment:
 * - `delta in flight`: while the delta request is held (the poll has not returned);
 * - `before the execution is saved`: the poll has returned and n8n has handed its items off, but the execution
 *   cannot be written (this test holds a lock on execution_entity in PostgreSQL);
 * - `saved, not queued`: the execution is in PostgreSQL, its job not in Redis yet (the main process's Redis
 *   connection is held by a TcpProxy);
 * - `queued`: a worker has taken the execution.
 * Then the main process is started again, one more mail is delivered, and every mail of the round is counted:
 * emitted once (tagged once by the workflow's second node), lost (never), duplicated (more than once). What
 * the package can prevent it must (0 duplicates); a loss is asserted to be where n8n's own crash window is.
 */
import { SAMPLE, startEmulator, type DeliveredMail, type Emulator } from '../emulator';
import { QueueCluster, type QueueServices } from './harness/queue-cluster';
import { delay, waitFor } from './harness/wait';
import { byId, linearWorkflow, outlook, outlookTrigger, pollEverySeconds } from './harness/workflows';
import { recordResults, startQueueServices } from './setup/queue-case';

const { adele } = SAMPLE.users;
const CATEGORY = 'Seen by n8n';
const POLL_SECONDS = 5;
/** How long the emulator holds the delta request of a round. */
const HOLD_MS = 2500;

const TRIGGER = linearWorkflow('e2eQueueRestarts1', 'Queue restarts: tag new mail', [
	outlookTrigger('New mail', { event: 'messageReceived', folders: ['inbox'] }, pollEverySeconds(POLL_SECONDS)),
	outlook('Tag it', { resource: 'message', operation: 'update', messageId: byId('={{ $json.id }}'), updateFields: { categories: CATEGORY, categoriesMode: 'replace' } }),
]);

type Mode = 'legacy' | 'durable';
type Moment = 'delta in flight' | 'before the execution is saved' | 'saved, not queued' | 'queued';
const MOMENTS: Moment[] = ['delta in flight', 'before the execution is saved', 'saved, not queued', 'queued'];

const DURABLE_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	// Shorter than n8n's defaults (a 60 s lease, the reaper every 30 s, a 45 s poll timeout), so that the tasks
	// the killed process had leased come back within a round. The poll timeout stays below the lease, as n8n
	// warns it should.
	N8N_SCHEDULER_LEASE_DURATION: '20',
	N8N_SCHEDULER_REAPER_INTERVAL: '5',
	N8N_SCHEDULER_POLL_TIMEOUT: '15',
};
/**
 * Both schedulers: n8n's cache in memory, not in Redis (its default in queue mode), so that holding the main
 * process's Redis connection holds the job queue only. n8n reads the workflow's project through the cache
 * before it saves an execution (getWorkflowProjectDetailsSafe), so with the cache in Redis a held connection
 * holds the poll's execution before it is saved, and "saved, not queued" cannot be reached.
 */
const CLUSTER_ENV = { N8N_CACHE_BACKEND: 'memory' };

interface RoundResult {
	mode: Mode;
	moment: Moment;
	delivered: number;
	emittedOnce: number;
	lost: number;
	duplicated: number;
	restarts: number;
	/** Executions of the trigger's workflow by status at the end of the round (n8n's own account). */
	executions: Record<string, number>;
	/** Polls the package's guard skipped (another in flight, or a stale state), from the main process's log. */
	guardSkips: number;
	seconds: number;
}

/**
 * Off unless OUTLOOK_MAIL_APP_E2E_RESTARTS names the schedulers to run (`legacy`, `durable`, or `legacy,durable`):
 * each round waits out n8n's lease and reaper, so the file takes about 15 minutes, and its moments depend on
 * timing under load (see README, Scaling out).
 */
const MODES = (process.env.OUTLOOK_MAIL_APP_E2E_RESTARTS ?? '')
	.split(',')
	.map((mode) => mode.trim())
	.filter((mode): mode is Mode => mode === 'legacy' || mode === 'durable');
const describeModes = MODES.length ? describe.each<Mode>(MODES) : describe.skip.each<Mode>(['legacy', 'durable']);

let emulator: Emulator;
let services: QueueServices | undefined;
const results: RoundResult[] = [];
const fileStarted = Date.now();

beforeAll(async () => {
	if (!MODES.length) return;
	emulator = await startEmulator({ latencyMs: 20 });
	services = await startQueueServices('queue-restarts', emulator, [TRIGGER]);
}, 600_000);

afterAll(async () => {
	await services?.stop();
	await emulator?.close();
	if (MODES.length) recordResults('restarts', { rounds: results, seconds: Math.round((Date.now() - fileStarted) / 1000) });
}, 120_000);

describeModes('the trigger under n8n\u2019s %s poll scheduler, main process killed and restarted', (mode) => {
	let cluster: QueueCluster | undefined;
	let flow: ReturnType<Emulator['mailFlow']>;

	const deltaPolls = () =>
		emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === adele.id && request.status === 200 && /\/messages\/delta$/.test(request.path)).length;
	const morePolls = async (count: number, timeoutMs = 90_000) => {
		const from = deltaPolls();
		await waitFor(`${count} more completed polls`, () => deltaPolls() >= from + count, {
			timeoutMs,
			detail: () => `main log (${cluster?.main.logFile}):\n${cluster?.main.server?.logTail(20)}`,
		});
	};
	const countByStatus = async (): Promise<Record<string, number>> =>
		Object.fromEntries((await cluster!.query(`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${TRIGGER.id}' GROUP BY status`)).map(([status, count]) => [status, Number(count)]));
	const executionRows = async (): Promise<number> => Object.values(await countByStatus()).reduce((sum, count) => sum + count, 0);
	const guardSkips = () => (cluster?.main.server?.logTail(100_000).match(/Outlook Mail \(App\) Trigger "New mail": a poll started/g) ?? []).length;
	const tagCount = (mail: DeliveredMail) => emulator.store.updateCount(mail.messageId);
	const staticDigest = async () => (await cluster!.query(`SELECT md5(coalesce("staticData"::text, 'null')) FROM workflow_entity WHERE id = '${TRIGGER.id}'`))[0]?.[0];

	beforeAll(async () => {
		emulator.reset();
		flow = emulator.mailFlow({ mailboxes: [adele.id], seed: mode === 'legacy' ? 31 : 37, tag: `[${mode}` });
		cluster = await QueueCluster.start(services!, { name: mode, workers: 2, env: mode === 'durable' ? { ...CLUSTER_ENV, ...DURABLE_ENV } : CLUSTER_ENV });
		await cluster.rest.activate(TRIGGER.id);
		await morePolls(2, 120_000);
	}, 600_000);

	afterAll(async () => {
		await cluster?.stop();
	}, 120_000);

	/** Holds the next delta request in the emulator; resolves once it has arrived (and is being held). */
	async function holdNextDelta(): Promise<void> {
		const path = /\/messages\/delta$/;
		emulator.faults.add({ path, latencyMs: HOLD_MS });
		await waitFor('the next delta request to arrive', () => !emulator.faults.list().some((fault) => fault.rule.path === path), { timeoutMs: 60_000, intervalMs: 20 });
	}

	/** Kills the main process at `moment` of a poll that finds two new mails; returns the mails. */
	async function crashAt(moment: Moment): Promise<DeliveredMail[]> {
		const rowsBefore = await executionRows();
		// md5, never empty: psql prints an empty value as an empty line, which query() drops. Under the durable
		// scheduler the static data stays null here (the cursor lives in poller_state).
		const staticBefore = await staticDigest();
		await holdNextDelta();
		const mails = flow.deliver(2);
		if (moment === 'delta in flight') {
			await cluster!.killMain();
			return mails;
		}
		if (moment === 'before the execution is saved') {
			const lock = services!.postgres.session(cluster!.database);
			await lock.send(`BEGIN; LOCK TABLE execution_entity IN EXCLUSIVE MODE; SELECT 'locked';`, 'locked');
			try {
				await waitFor(
					'n8n to wait on the lock to save the execution',
					async () =>
						Number(
							(await cluster!.query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%execution_entity%'`))[0][0],
						) > 0,
					{ timeoutMs: 30_000, intervalMs: 50 },
				);
				if (mode === 'legacy') {
					// n8n saves the static data before the execution exists (and without waiting for it).
					await waitFor('n8n to save the static data', async () => (await staticDigest()) !== staticBefore, {
						timeoutMs: 10_000,
						intervalMs: 50,
					});
				}
				await cluster!.killMain();
				// The statement waiting for the lock was sent by a process that is gone: as if it had never been.
				await cluster!.query(
					`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%execution_entity%'`,
				);
			} finally {
				await lock.send(`COMMIT; SELECT 'released';`, 'released');
				await lock.close();
			}
			return mails;
		}
		if (moment === 'saved, not queued') {
			// The execution is written (legacy: status new; durable: new, then running, in the same breath), then
			// its job is sent to Redis, which this proxy holds.
			cluster!.redisProxy.hold();
			try {
				await waitFor('the execution to be saved', async () => (await executionRows()) > rowsBefore, { timeoutMs: 30_000, intervalMs: 50 });
				await delay(500);
			} catch (error) {
				cluster!.redisProxy.release();
				throw error;
			}
			await cluster!.killMain();
			return mails;
		}
		await waitFor(
			'a worker to take the execution',
			async () => {
				const [[newest]] = await cluster!.query(`SELECT coalesce(max(id), 0) FROM execution_entity WHERE "workflowId" = '${TRIGGER.id}'`);
				return (await executionRows()) > rowsBefore && cluster!.executionWorkers().has(newest);
			},
			{ timeoutMs: 30_000, intervalMs: 50 },
		);
		await cluster!.killMain();
		return mails;
	}

	it.each(MOMENTS)('killed: %s', async (moment) => {
		const started = Date.now();
		const skipsBefore = guardSkips();
		const mails = await crashAt(moment);
		const killedAt = Date.now();
		await cluster!.restartMain();
		// Polling again: one more mail, emitted after the restart.
		const [after] = flow.deliver(1);
		await waitFor('the mail delivered after the restart to be emitted', () => tagCount(after) > 0, {
			timeoutMs: 120_000,
			detail: () => `main log (${cluster?.main.logFile}):\n${cluster?.main.server?.logTail(30)}`,
		});
		// Time for what the killed process left behind to come back (durable: its leased tasks, once the lease
		// has passed and the reaper has run), and a few polls for late emissions.
		const settleMs = mode === 'durable' ? 35_000 : 10_000;
		await delay(Math.max(0, killedAt + settleMs - Date.now()));
		await morePolls(2);

		const round = [...mails, after];
		const counts = round.map(tagCount);
		const result: RoundResult = {
			mode,
			moment,
			delivered: round.length,
			emittedOnce: counts.filter((count) => count === 1).length,
			lost: counts.filter((count) => count === 0).length,
			duplicated: counts.filter((count) => count > 1).length,
			restarts: 1,
			executions: await countByStatus(),
			guardSkips: guardSkips() - skipsBefore,
			seconds: Math.round((Date.now() - started) / 1000),
		};
		results.push(result);
		recordResults(`restarts: ${mode}, killed ${moment}`, result);

		expect(result.duplicated).toBe(0);
		expect(tagCount(after)).toBe(1);
		// Mail is lost only where n8n itself drops it: the execution saved but never queued (both schedulers:
		// queue mode recovers no `new` execution at startup), or, under the legacy scheduler, the static data
		// saved before the execution (see README, Scaling out).
		const n8nDrops = moment === 'saved, not queued' || (mode === 'legacy' && moment === 'before the execution is saved');
		expect(result.lost).toBe(n8nDrops ? mails.length : 0);
	}, 300_000);
});
