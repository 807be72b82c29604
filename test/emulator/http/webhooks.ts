import { randomUUID } from 'node:crypto';
import { GraphError } from './errors';
import type { MessageChange, Store } from '../state/store';
import type { StoredSubscription, Subscriptions } from '../state/subscriptions';
import { seededRandom, type Random } from '../seed/random';

/**
 * The emulator's outgoing side: Graph calling the app's webhooks. Real HTTP from the emulator to the URLs the
 * subscriptions name (a test's server, or real n8n on loopback):
 *
 * - the validation handshake on create, renew (PATCH) and reauthorize: `POST {url}?validationToken=...` with an empty
 *   text/plain body, answered 200 text/plain with the decoded token within `validationTimeoutMs` (10 s);
 * - change notifications (`{"value":[changeNotification...]}`) for each change to a watched message, after a delay and
 *   with seeded losses, duplicates and late deliveries (`NotificationChaos`); a POST not answered 2xx within
 *   `notificationTimeoutMs` (3 s) is sent again after `retryDelaysMs` until `retryForMs` (4 hours) have passed, then
 *   dropped, and a `missed` lifecycle notification goes to the subscription's lifecycle URL;
 * - lifecycle notifications on demand (`reauthorizationRequired`, `subscriptionRemoved`, `missed`).
 *
 * Deliveries are due on the emulator's clock (virtual in tests) and posted by a pump that looks for due ones every
 * few real milliseconds. Notifications due at the same time for the same URL travel in one POST, as Graph batches them.
 */

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];

/** A delay in ms: a fixed number, or a [min, max] range drawn uniformly from the seeded PRNG. */
export type DelayMs = number | readonly [number, number];

/** What happens to change notifications between a change and its delivery. Drawn per notification, seeded. */
export interface NotificationChaos {
	/** From the change to the first delivery attempt; default 0. */
	delayMs?: DelayMs;
	/** Chance (0..1) that a notification is never sent (and nothing says so); default 0. */
	lossRate?: number;
	/** Chance (0..1) that a notification is sent twice; default 0. */
	duplicateRate?: number;
	/** How long after the first copy the second is due; default [0, 2000]. */
	duplicateDelayMs?: DelayMs;
	/** Chance (0..1) that a notification is late; default 0. */
	lateRate?: number;
	/** How much later; default [30000, 180000] (Graph's documented maximum latency for messages is 3 minutes). */
	lateDelayMs?: DelayMs;
}

export interface WebhookOptions {
	/** Accept `http:` notification and lifecycle URLs on a loopback host (127.0.0.0/8, ::1, localhost); default false. */
	allowHttpLoopback: boolean;
	/** Real ms the validation handshake may take; default 10000 (Graph's 10 seconds). */
	validationTimeoutMs: number;
	/** Real ms a notification POST may take before Graph counts it failed; default 3000 (Graph's 3 seconds). */
	notificationTimeoutMs: number;
	/** Emulator-clock waits before each retry of a failed POST; the last one repeats. Default 1, 2, 4, 8, then every 10 minutes. */
	retryDelaysMs: readonly number[];
	/** Emulator-clock ms after its first attempt that a failing POST is dropped; default 4 hours. */
	retryForMs: number;
	chaos: NotificationChaos;
	/** Seed of the chaos PRNG. */
	seed: number;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000, 240_000, 480_000, 600_000];
export const RETRY_FOR_MS = 4 * 60 * 60_000;

/** One POST the emulator made (or would have made) to a webhook, in order. */
export interface WebhookRecord {
	kind: 'validation' | 'notification' | 'lifecycle';
	/** The URL posted to (with `validationToken` for a handshake). */
	url: string;
	/** The JSON posted (notifications), or undefined (handshake). */
	body?: { value: Record<string, unknown>[] };
	/** 1 for the first attempt of a POST, 2 for its first retry... */
	attempt: number;
	/** The answer's status; 0 when there was none in time (timeout) or no connection. */
	status: number;
	outcome: 'ok' | 'failed' | 'timeout' | 'unreachable';
	/** Emulator clock when it was posted. */
	at: number;
}

/** Counts of change notifications (one per change and subscription), since the emulator started or was reset. */
export interface NotificationStats {
	/** Notifications made for changes. */
	generated: number;
	/** Never sent (lossRate). */
	lost: number;
	/** Sent twice (duplicateRate). */
	duplicated: number;
	/** Sent late (lateRate). */
	late: number;
	/** In a POST answered 2xx (each copy of a duplicate counts). */
	delivered: number;
	/** Given up after `retryForMs` of failed POSTs. */
	dropped: number;
	/** Not notified: the subscription was paused waiting for reauthorization. */
	paused: number;
}

interface Pending {
	kind: 'notification' | 'lifecycle';
	url: string;
	items: Record<string, unknown>[];
	due: number;
	attempt: number;
	/** Emulator clock of the first attempt (or when first due). */
	firstDue: number;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** .NET's HttpStatusCode names, as Graph's validation error spells the status it got. */
const STATUS_NAMES: Record<number, string> = {
	201: 'Created',
	202: 'Accepted',
	204: 'NoContent',
	301: 'MovedPermanently',
	302: 'Redirect',
	307: 'TemporaryRedirect',
	308: 'PermanentRedirect',
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	408: 'RequestTimeout',
	500: 'InternalServerError',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
	504: 'GatewayTimeout',
};

/** Graph's timestamps on subscriptions and notifications: seven decimals, UTC. */
export const graphTimestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

export class Webhooks {
	readonly records: WebhookRecord[] = [];
	readonly stats: NotificationStats = emptyStats();
	private queue: Pending[] = [];
	private inFlight = new Set<Promise<void>>();
	private timer: NodeJS.Timeout | undefined;
	private random: Random;
	private chaos: NotificationChaos;
	/** Bumped by reset(): answers to POSTs made before it are ignored. */
	private generation = 0;

	constructor(
		private readonly options: WebhookOptions,
		readonly now: () => number,
		private readonly subscriptions: Subscriptions,
		private readonly store: Store,
	) {
		this.random = seededRandom(options.seed);
		this.chaos = { ...options.chaos };
		store.onMessageChange((change) => this.notifyChange(change));
	}

	/** Replaces the chaos settings (and restarts its PRNG from the seed when `reseed`). */
	configure(chaos: NotificationChaos, reseed = false): void {
		checkChaos(chaos);
		this.chaos = { ...chaos };
		if (reseed) this.random = seededRandom(this.options.seed);
	}

	/** The chaos settings in force. */
	chaosSettings(): Readonly<NotificationChaos> {
		return this.chaos;
	}

	/**
	 * Checks a notification or lifecycle URL as Graph does before anything is posted: absolute, https (http on a
	 * loopback host when the emulator allows it). Throws Graph's 400.
	 */
	checkUrl(value: string, property: 'NotificationUrl' | 'LifecycleNotificationUrl'): void {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw new GraphError(400, 'InvalidRequest', `Invalid ${property}='${value}'.`);
		}
		const scheme = url.protocol.replace(/:$/, '');
		if (scheme === 'https') return;
		if (scheme === 'http' && this.options.allowHttpLoopback && LOOPBACK.test(url.hostname)) return;
		throw new GraphError(400, 'InvalidRequest', `${property} scheme='${scheme}' is not supported.`);
	}

	/**
	 * Graph's validation handshake with a webhook: resolves when it echoed the token, throws Graph's 400
	 * ValidationError (the subscription is then not created, renewed or reauthorized) when it did not.
	 */
	async validate(url: string): Promise<void> {
		const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
		const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
		const record: WebhookRecord = { kind: 'validation', url: target, attempt: 1, status: 0, outcome: 'unreachable', at: this.now() };
		this.records.push(record);
		const failed = (detail: string) => new GraphError(400, 'ValidationError', `Subscription validation request failed. ${detail}`);
		let response: Response;
		const signal = AbortSignal.timeout(this.options.validationTimeoutMs);
		let text: string;
		try {
			response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '', redirect: 'manual', signal });
			text = await response.text();
		} catch (error) {
			if (signal.aborted) {
				record.outcome = 'timeout';
				throw new GraphError(400, 'ValidationError', 'Subscription validation request timed out.');
			}
			void error;
			throw failed('Notification endpoint must respond with 200 OK to validation request.');
		}
		record.status = response.status;
		if (response.status !== 200) {
			record.outcome = 'failed';
			const name = STATUS_NAMES[response.status] ?? String(response.status);
			throw failed(`HTTP status code is '${name}'. Notification endpoint must respond with 200 OK to validation request.`);
		}
		const type = response.headers.get('content-type') ?? '';
		if (!/^text\/plain\b/i.test(type) || text !== token) {
			record.outcome = 'failed';
			throw failed('Response must exactly match validationToken query parameter.');
		}
		record.outcome = 'ok';
	}

	/** Queues a lifecycle notification for a subscription, due now (no chaos). */
	lifecycle(subscription: StoredSubscription, event: LifecycleEvent): void {
		if (subscription.lifecycleNotificationUrl === null) return;
		const now = this.now();
		this.enqueue({
			kind: 'lifecycle',
			url: subscription.lifecycleNotificationUrl,
			items: [
				{
					subscriptionId: subscription.id,
					subscriptionExpirationDateTime: graphTimestamp(subscription.expiresAt),
					tenantId: subscription.tenantId,
					clientState: subscription.clientState,
					lifecycleEvent: event,
				},
			],
			due: now,
			attempt: 1,
			firstDue: now,
		});
	}

	/** Deliveries still queued (due or not), and POSTs in flight. */
	pendingCount(): number {
		return this.queue.length + this.inFlight.size;
	}

	/**
	 * Resolves when nothing is due on the emulator's clock and nothing is in flight: every delivery due by now has
	 * been posted and answered (or timed out). Deliveries due later stay queued.
	 */
	async drain(): Promise<void> {
		for (;;) {
			this.pump();
			if (this.inFlight.size === 0 && !this.queue.some((pending) => pending.due <= this.now())) return;
			await Promise.all([...this.inFlight]);
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	/** Forgets every queued delivery, the log and the counts; the chaos PRNG and settings go back to their start. */
	reset(): void {
		this.generation++;
		this.queue = [];
		this.records.length = 0;
		Object.assign(this.stats, emptyStats());
		this.random = seededRandom(this.options.seed);
		this.chaos = { ...this.options.chaos };
	}

	/** Stops the pump (the emulator closes). */
	close(): void {
		this.generation++;
		this.queue = [];
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	// ---------- change notifications ----------

	private notifyChange(change: MessageChange): void {
		const matching = this.subscriptions.matching(change);
		this.stats.paused += this.subscriptions.paused(change);
		if (matching.length === 0) return;
		const now = this.now();
		const message = change.changeType === 'deleted' ? undefined : this.findMessage(change);
		for (const subscription of matching) {
			this.stats.generated++;
			const path = `Users/${subscription.userId}/Messages/${change.messageId}`;
			const item: Record<string, unknown> = {
				subscriptionId: subscription.id,
				subscriptionExpirationDateTime: graphTimestamp(subscription.expiresAt),
				changeType: change.changeType,
				resource: path,
				resourceData: {
					'@odata.type': '#Microsoft.Graph.Message',
					'@odata.id': path,
					...(message ? { '@odata.etag': `W/"${message.changeKey}"` } : {}),
					id: change.messageId,
				},
				clientState: subscription.clientState,
				tenantId: subscription.tenantId,
			};
			const chaos = this.chaos;
			const lost = this.random.chance(chaos.lossRate ?? 0);
			const late = this.random.chance(chaos.lateRate ?? 0);
			const duplicate = this.random.chance(chaos.duplicateRate ?? 0);
			let delay = this.draw(chaos.delayMs ?? 0);
			if (late) delay += this.draw(chaos.lateDelayMs ?? [30_000, 180_000]);
			const duplicateDelay = this.draw(chaos.duplicateDelayMs ?? [0, 2000]);
			if (lost) {
				this.stats.lost++;
				continue;
			}
			if (late) this.stats.late++;
			this.enqueue({ kind: 'notification', url: subscription.notificationUrl, items: [item], due: now + delay, attempt: 1, firstDue: now + delay });
			if (duplicate) {
				this.stats.duplicated++;
				const at = now + delay + duplicateDelay;
				this.enqueue({ kind: 'notification', url: subscription.notificationUrl, items: [structuredClone(item)], due: at, attempt: 1, firstDue: at });
			}
		}
	}

	private findMessage(change: MessageChange): { changeKey: string } | undefined {
		try {
			return this.store.message(change.userId, change.messageId);
		} catch {
			return undefined;
		}
	}

	private draw(delay: DelayMs): number {
		if (typeof delay === 'number') return delay;
		const [min, max] = delay;
		return min + this.random.next() * (max - min);
	}

	// ---------- delivery ----------

	private enqueue(pending: Pending): void {
		this.queue.push(pending);
		this.schedulePump();
	}

	private schedulePump(): void {
		if (this.timer || this.queue.length === 0) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.pump();
			this.schedulePump();
		}, 5);
		this.timer.unref();
	}

	/** Posts every due delivery: those due for one URL and kind go together in one POST. */
	private pump(): void {
		const now = this.now();
		const due = this.queue.filter((pending) => pending.due <= now);
		if (due.length === 0) return;
		this.queue = this.queue.filter((pending) => pending.due > now);
		const groups = new Map<string, Pending[]>();
		for (const pending of due.sort((a, b) => a.due - b.due)) {
			const key = `${pending.kind} ${pending.attempt === 1 ? 'first' : 'retry'} ${pending.url}`;
			groups.set(key, [...(groups.get(key) ?? []), pending]);
		}
		for (const group of groups.values()) {
			const first = group[0];
			const items = group.flatMap((pending) => pending.items);
			const merged: Pending = { ...first, items, firstDue: Math.min(...group.map((pending) => pending.firstDue)) };
			const sent = this.send(merged).finally(() => this.inFlight.delete(sent));
			this.inFlight.add(sent);
		}
	}

	private async send(pending: Pending): Promise<void> {
		const generation = this.generation;
		// A notification for a subscription that is gone (deleted, removed, expired) is not sent; lifecycle ones are.
		const items =
			pending.kind === 'lifecycle' ? pending.items : pending.items.filter((item) => this.subscriptions.byId(String(item.subscriptionId)) !== undefined);
		if (items.length === 0) return;
		const body = { value: items };
		const record: WebhookRecord = { kind: pending.kind, url: pending.url, body, attempt: pending.attempt, status: 0, outcome: 'unreachable', at: this.now() };
		this.records.push(record);
		const signal = AbortSignal.timeout(this.options.notificationTimeoutMs);
		try {
			const response = await fetch(pending.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json; charset=utf-8' },
				body: JSON.stringify(body),
				redirect: 'manual',
				signal,
			});
			await response.arrayBuffer().catch(() => undefined);
			record.status = response.status;
			record.outcome = response.status >= 200 && response.status < 300 ? 'ok' : 'failed';
		} catch {
			record.outcome = signal.aborted ? 'timeout' : 'unreachable';
		}
		if (generation !== this.generation) return;
		if (record.outcome === 'ok') {
			if (pending.kind === 'notification') this.stats.delivered += items.length;
			return;
		}
		const now = this.now();
		const delays = this.options.retryDelaysMs;
		const wait = delays[Math.min(pending.attempt - 1, delays.length - 1)] ?? 600_000;
		if (now + wait - pending.firstDue > this.options.retryForMs) {
			if (pending.kind === 'notification') {
				this.stats.dropped += items.length;
				const ids = new Set(items.map((item) => String(item.subscriptionId)));
				for (const id of ids) {
					const subscription = this.subscriptions.byId(id);
					if (subscription) this.lifecycle(subscription, 'missed');
				}
			}
			return;
		}
		this.enqueue({ ...pending, items, attempt: pending.attempt + 1, due: now + wait });
	}
}

function emptyStats(): NotificationStats {
	return { generated: 0, lost: 0, duplicated: 0, late: 0, delivered: 0, dropped: 0, paused: 0 };
}

/** Throws when a chaos setting has a value the emulator cannot use. */
export function checkChaos(chaos: NotificationChaos): void {
	for (const name of ['lossRate', 'duplicateRate', 'lateRate'] as const) {
		const value = chaos[name];
		if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) {
			throw new Error(`notification ${name} must be a number from 0 to 1, not ${String(value)}`);
		}
	}
	for (const name of ['delayMs', 'duplicateDelayMs', 'lateDelayMs'] as const) {
		const value = chaos[name];
		if (value === undefined) continue;
		const ok =
			typeof value === 'number' ? value >= 0
			: Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'number' && part >= 0) && value[0] <= value[1];
		if (!ok) throw new Error(`notification ${name} must be a number of ms or a [min, max] range, not ${JSON.stringify(value)}`);
	}
}

/** A lifecycle notification on demand (tests, and the control route). */
export function sendLifecycle(subscriptions: Subscriptions, webhooks: Webhooks, id: string, event: LifecycleEvent): void {
	if (!LIFECYCLE_EVENTS.includes(event)) throw new Error(`unknown lifecycle event '${String(event)}': ${LIFECYCLE_EVENTS.join(', ')}`);
	const subscription = subscriptions.byId(id);
	if (!subscription) throw new Error(`no live subscription '${id}'`);
	if (subscription.lifecycleNotificationUrl === null) throw new Error(`subscription '${id}' has no lifecycleNotificationUrl: Graph sends it no lifecycle notifications`);
	if (event === 'subscriptionRemoved') subscriptions.remove(subscription.id);
	if (event === 'reauthorizationRequired') subscription.reauthorizationRequiredAt = webhooks.now();
	webhooks.lifecycle(subscription, event);
}
