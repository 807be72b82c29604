import type { AddressInfo } from 'node:net';
import { createSigner } from './auth/tokens';
import type { BatchModel } from './http/batch-scheduler';
import type { RequestRecord, Services } from './http/context';
import { DeltaTokens } from './state/delta';
import { FaultTable } from './state/faults';
import type { TenantSeed } from './state/model';
import { sampleTenant } from './seed/sample-tenant';
import { createEmulatorServer } from './http/server';
import { Store } from './state/store';
import { MailFlow, type MailFlowOptions } from './seed/mail-flow';
import { MailboxThrottle } from './state/throttle';
import { UploadSessions } from './state/uploads';

export interface EmulatorOptions {
	/** Tenants to serve; default: [sampleTenant()]. The first is the default tenant of tokenUrl(). */
	tenants?: TenantSeed[];
	/** Clock in ms (token lifetimes, assertion expiry, throttling windows); default Date.now. */
	now?: () => number;
	/**
	 * Waits for `latencyMs`, `serviceTimeMs` and a fault rule's `latencyMs`; default a real setTimeout. Give a
	 * virtual clock's sleep (test/helpers/clock.ts) with its `now` to run on virtual time with no real waits.
	 * Never called with 0.
	 */
	sleep?: (ms: number) => Promise<void>;
	/** Requests one mailbox may have in flight before 429; default 4 (Exchange Online's limit). */
	mailboxConcurrency?: number;
	/** Retry-After sent when concurrency throttling starts, in seconds; default 1. */
	throttleRetryAfterSeconds?: number;
	/**
	 * Time a mailbox operation holds its concurrency slot, in ms (waited with `sleep`); default 0. Each sub-request
	 * of a `$batch` is an operation of its own (see `batchModel`).
	 */
	serviceTimeMs?: number;
	/**
	 * How a `$batch` starts its sub-requests for one mailbox; default `documented`. `documented` (Graph's docs): at
	 * most `mailboxConcurrency` at a time, the others queued inside the batch. `allAtOnce` (what some tenants
	 * report): every sub-request whose dependencies are done starts at once and takes a mailbox slot, so those over
	 * the limit are answered 429 and the mailbox is throttled. A dependsOn chain runs one step at a time in both.
	 */
	batchModel?: BatchModel;
	/** Time added to every HTTP response (control routes excepted), in ms (waited with `sleep`), once per request: a `$batch` is one. */
	latencyMs?: number;
	/** Seed of the PRNG that decides fault rules given a `probability`; default 1. The same seed, the same faults. */
	faultSeed?: number;
	/**
	 * Every fault rule without a `sticky` of its own is sticky: its 429 or 503 for a mailbox throttles that mailbox
	 * until the Retry-After has passed, as real Exchange does when an early retry fails again; default false.
	 */
	stickyFaults?: boolean;
	/**
	 * Chance (0..1) that a delta round after the first also returns a message that did not change, as Exchange
	 * sometimes replays items; default 0. Drawn from a PRNG seeded from `faultSeed`.
	 */
	deltaReplayChance?: number;
	/** Request bodies longer than this many bytes are logged by length only (RequestRecord.bodyLength); default 64 KiB. */
	requestLogBodyLimit?: number;
}

export interface Emulator {
	/** http://127.0.0.1:<random port> */
	baseUrl: string;
	/** `${baseUrl}/${tenant ?? default tenant id}/oauth2/v2.0/token` */
	tokenUrl(tenant?: string): string;
	/** Same as baseUrl: Graph is served under `${graphBaseUrl}/v1.0/...`. */
	graphBaseUrl: string;
	/**
	 * http://localhost:<same port>: the origin of attachment upload URLs. Graph hands out upload URLs on Outlook's
	 * origin, not its own; the emulator serves them on the same server under another host name, at /upload/...
	 */
	uploadBaseUrl: string;
	/** Open attachment upload sessions. */
	uploads: UploadSessions;
	/** Every request, in arrival order (the same array for the emulator's life). */
	requests: RequestRecord[];
	clearRequests(): void;
	faults: FaultTable;
	store: Store;
	/**
	 * The most operations one mailbox had in flight at once (requests and `$batch` sub-requests holding a slot of
	 * its concurrency limit), since the emulator started or was last reset.
	 */
	maxInFlight(mailboxId: string): number;
	/**
	 * Forgets the delta and skip tokens issued so far (of one mailbox, by user id, or all): using one then answers
	 * 410 SyncStateNotFound, as Graph does for an expired token. Returns how many tokens were forgotten.
	 */
	expireDeltaTokens(userId?: string): number;
	/** Mail arriving in many mailboxes over time, spread by a seeded PRNG (seed/mail-flow.ts). */
	mailFlow(options: MailFlowOptions): MailFlow;
	/**
	 * Store back to its seed (and its update counts); faults (and their PRNG), request log, throttling (windows
	 * and maxInFlight peaks), delta tokens and upload sessions cleared.
	 */
	reset(): void;
	close(): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const tenants = options.tenants ?? [sampleTenant()];
	const now = options.now ?? Date.now;
	const store = new Store(tenants, now);
	const faultSeed = options.faultSeed ?? 1;
	const faults = new FaultTable(faultSeed);
	const delta = new DeltaTokens(options.deltaReplayChance ?? 0, (faultSeed ^ 0x5bd1e995) >>> 0);
	const throttle = new MailboxThrottle(now, options.mailboxConcurrency ?? 4, options.throttleRetryAfterSeconds ?? 1);
	const requests: RequestRecord[] = [];
	const uploads = new UploadSessions();
	const reset = () => {
		store.reset();
		faults.clear();
		faults.reseed();
		requests.length = 0;
		throttle.clear();
		uploads.clear();
		delta.clear();
	};
	const services: Services = { store, now, signer: createSigner(), baseUrl: '', uploadBaseUrl: '', uploads, faults, throttle, delta, requests, reset };
	const server = createEmulatorServer(services, {
		latencyMs: options.latencyMs ?? 0,
		serviceTimeMs: options.serviceTimeMs ?? 0,
		sleep: options.sleep ?? realSleep,
		batchModel: options.batchModel ?? 'documented',
		stickyFaults: options.stickyFaults ?? false,
		logBodyLimit: options.requestLogBodyLimit,
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}`;
	services.baseUrl = baseUrl;
	services.uploadBaseUrl = `http://localhost:${port}`;
	const defaultTenant = tenants[0]?.id ?? 'common';
	return {
		baseUrl,
		graphBaseUrl: baseUrl,
		uploadBaseUrl: services.uploadBaseUrl,
		uploads,
		tokenUrl: (tenant) => `${baseUrl}/${tenant ?? defaultTenant}/oauth2/v2.0/token`,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		faults,
		store,
		maxInFlight: (mailboxId) => throttle.maxInFlight(mailboxId),
		expireDeltaTokens: (userId) => delta.expire(userId),
		mailFlow: (flow) => new MailFlow(store, flow),
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
