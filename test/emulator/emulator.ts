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
import { MAX_SUBSCRIPTIONS_PER_MAILBOX, Subscriptions, type StoredSubscription } from './state/subscriptions';
import {
	checkChaos,
	DEFAULT_RETRY_DELAYS_MS,
	RETRY_FOR_MS,
	sendLifecycle,
	Webhooks,
	type LifecycleEvent,
	type NotificationChaos,
	type NotificationStats,
	type WebhookRecord,
} from './http/webhooks';

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
	/** Change notifications: how subscriptions' webhooks are called (see "Change notifications" in the README). */
	notifications?: NotificationOptions;
}

export interface NotificationOptions extends NotificationChaos {
	/**
	 * Accept `http:` notification and lifecycle URLs on a loopback host (tests, and real n8n on 127.0.0.1); default
	 * false: https only, as Graph.
	 */
	allowHttpLoopback?: boolean;
	/** Real ms a webhook has to answer the validation handshake; default 10000. */
	validationTimeoutMs?: number;
	/** Real ms a webhook has to answer a notification 2xx before Graph retries it; default 3000. */
	notificationTimeoutMs?: number;
	/** Emulator-clock waits before each retry of a failed notification POST (the last repeats); default 1, 2, 4, 8, 10, 10... minutes. */
	retryDelaysMs?: readonly number[];
	/** Emulator-clock ms after which a failing notification is dropped (and `missed` is sent); default 4 hours. */
	retryForMs?: number;
	/** Seed of the chaos PRNG (loss, duplicates, lateness, delays); default `faultSeed`. */
	seed?: number;
	/** Live subscriptions per mailbox, all apps together; default 1000. */
	maxSubscriptionsPerMailbox?: number;
	/**
	 * Emulator-clock ms change notifications keep flowing after a `reauthorizationRequired` lifecycle notification
	 * before they pause (changes then are not notified) until the app reauthorizes or renews; default 10 minutes.
	 */
	reauthorizationGraceMs?: number;
}

/** The change-notification side of the emulator: subscriptions, and the webhooks they post to. */
export interface EmulatorNotifications {
	/** Live subscriptions (expired ones are gone), oldest first. */
	subscriptions(): readonly StoredSubscription[];
	/** Every POST made to a webhook (handshakes, notifications, lifecycle notifications), in order. */
	records: readonly WebhookRecord[];
	/** Counts of change notifications: generated, lost, duplicated, late, delivered, dropped, paused. */
	stats: Readonly<NotificationStats>;
	/** Replaces the chaos settings (loss, duplicates, lateness, delays); `reseed` restarts the PRNG. */
	configure(chaos: NotificationChaos, reseed?: boolean): void;
	/**
	 * Sends a lifecycle notification to a subscription's lifecycleNotificationUrl now. `subscriptionRemoved` removes
	 * the subscription first; `reauthorizationRequired` pauses its notifications after the grace period until it is
	 * reauthorized or renewed. Throws when there is no such live subscription or it has no lifecycle URL.
	 */
	lifecycle(subscriptionId: string, event: LifecycleEvent): void;
	/** Resolves when every delivery due by now on the emulator's clock has been posted and answered. */
	drain(): Promise<void>;
	/** Deliveries queued or in flight. */
	pending(): number;
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
	/** Subscriptions and change notifications (webhooks). */
	notifications: EmulatorNotifications;
	/** Mail arriving in many mailboxes over time, spread by a seeded PRNG (seed/mail-flow.ts). */
	mailFlow(options: MailFlowOptions): MailFlow;
	/**
	 * Store back to its seed (and its update counts); faults (and their PRNG), request log, throttling (windows
	 * and maxInFlight peaks), delta tokens, upload sessions, subscriptions and queued notifications cleared.
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
	const notificationOptions = options.notifications ?? {};
	const subscriptions = new Subscriptions(now, notificationOptions.reauthorizationGraceMs ?? 10 * 60_000);
	const { allowHttpLoopback, validationTimeoutMs, notificationTimeoutMs, retryDelaysMs, retryForMs, seed, maxSubscriptionsPerMailbox, reauthorizationGraceMs, ...chaos } =
		notificationOptions;
	void reauthorizationGraceMs;
	checkChaos(chaos);
	const webhooks = new Webhooks(
		{
			allowHttpLoopback: allowHttpLoopback ?? false,
			validationTimeoutMs: validationTimeoutMs ?? 10_000,
			notificationTimeoutMs: notificationTimeoutMs ?? 3000,
			retryDelaysMs: retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
			retryForMs: retryForMs ?? RETRY_FOR_MS,
			chaos,
			seed: seed ?? faultSeed,
		},
		now,
		subscriptions,
		store,
	);
	const reset = () => {
		// Subscriptions first: reseeding the store reports no changes, and nothing queued before is sent.
		subscriptions.clear();
		webhooks.reset();
		store.reset();
		faults.clear();
		faults.reseed();
		requests.length = 0;
		throttle.clear();
		uploads.clear();
		delta.clear();
	};
	const services: Services = {
		store,
		now,
		signer: createSigner(),
		baseUrl: '',
		uploadBaseUrl: '',
		uploads,
		faults,
		throttle,
		delta,
		subscriptions,
		webhooks,
		maxSubscriptionsPerMailbox: maxSubscriptionsPerMailbox ?? MAX_SUBSCRIPTIONS_PER_MAILBOX,
		requests,
		reset,
	};
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
		notifications: {
			subscriptions: () => subscriptions.all(),
			records: webhooks.records,
			stats: webhooks.stats,
			configure: (settings, reseed) => webhooks.configure(settings, reseed),
			lifecycle: (id, event) => sendLifecycle(subscriptions, webhooks, id, event),
			drain: () => webhooks.drain(),
			pending: () => webhooks.pendingCount(),
		},
		mailFlow: (flow) => new MailFlow(store, flow),
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				webhooks.close();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
