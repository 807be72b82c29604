/**
 * The running instant trigger: one per active workflow node, in the process that runs n8n's triggers. It owns the
 * node's subscriptions (one per watched mailbox and folder) and decides what to read when:
 *
 * - a change notification for one of its subscriptions, with its clientState, marks that folder to be read;
 * - anything else (another subscription, a wrong clientState) is ignored with a line in n8n's log;
 * - lifecycle notifications: `reauthorizationRequired` reauthorizes, `subscriptionRemoved` recreates the
 *   subscription and reads its folder, `missed` reads the folder;
 * - every tick (a minute), subscriptions past their renewal point are renewed, those gone (404, or expired during an
 *   outage) are recreated and their folders read, and every `safetyNetMs` all folders are read whatever arrived.
 *
 * Reading is the shared delta machinery's (`sync`): a notification is only a reason to look, never the data, so a
 * repeated one finds nothing new and a lost one is made up by the next look. Reads run one after another; marks
 * that arrive meanwhile are gathered into the next read.
 */
import { isOurClientState } from './clientState';
import type { Notification } from './notifications';
import { MAX_SUBSCRIPTION_LIFETIME_MINUTES } from './subscriptions';

export interface WatchedFolder {
	mailbox: string;
	folder: string;
}

export const folderKey = (watched: WatchedFolder): string => `${watched.mailbox.toLowerCase()}\u0000${watched.folder}`;

export interface TrackedSubscription extends WatchedFolder {
	id: string;
	/** Epoch ms. */
	expiresAt: number;
	/** When it was created or last renewed, epoch ms. */
	renewedAt: number;
}

/** Graph's side of the subscriptions. */
export interface SubscriptionOps {
	create(watched: WatchedFolder): Promise<{ id: string; expiresAt: number }>;
	/** The new expiry, or `gone` when Graph no longer has the subscription (404). */
	renew(subscription: TrackedSubscription): Promise<{ expiresAt: number } | 'gone'>;
	reauthorize(subscription: TrackedSubscription): Promise<'ok' | 'gone'>;
}

export interface WorkerLog {
	info(message: string): void;
	warn(message: string): void;
}

export interface WorkerOptions {
	now(): number;
	log: WorkerLog;
	/**
	 * The subscriptions' clientState; undefined while they are not set up yet (n8n activates a node's webhook and
	 * its trigger side by side): nothing is accepted and no subscription is touched until then.
	 */
	clientState(): string | undefined;
	/** The folders watched, in the order they are read. */
	watched: WatchedFolder[];
	/** The subscriptions known, read from and written back to the node's state. */
	subscriptions(): TrackedSubscription[];
	saveSubscriptions(subscriptions: TrackedSubscription[]): void;
	ops: SubscriptionOps;
	/** Reads these folders' changes through the delta machinery and emits what is new. */
	sync(folders: WatchedFolder[]): Promise<void>;
	/** Every folder is read at least this often, notifications or not. */
	safetyNetMs: number;
	/** A failure worth a failed execution in n8n (a folder that cannot be read, a subscription that cannot be recreated). */
	failed(error: unknown, what: string): void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LIFETIME_MS = MAX_SUBSCRIPTION_LIFETIME_MINUTES * 60_000;

/**
 * Whether a subscription is due for renewal: after a day, or half its lifetime when that is shorter, so a
 * seven-day subscription is renewed daily and keeps six days of slack for an outage. A renewal stored as later
 * than now, or an expiry further off than Graph grants, is none this trigger got from Graph (static data edited,
 * a clock that jumped back): due now, or the subscription would lapse unrenewed.
 */
export function renewalDue(subscription: TrackedSubscription, now: number): boolean {
	if (subscription.renewedAt > now || subscription.expiresAt > now + MAX_LIFETIME_MS) return true;
	const lifetime = Math.max(0, subscription.expiresAt - subscription.renewedAt);
	return now - subscription.renewedAt >= Math.min(DAY_MS, lifetime / 2);
}

export class InstantTriggerWorker {
	private dirty = new Set<string>();
	private running: Promise<void> | undefined;
	private lastFullRead = -Infinity;
	private closed = false;
	/** Subscriptions to recreate (their folder key), gathered from lifecycle notifications and ticks. */
	private toRecreate = new Set<string>();
	private toReauthorize = new Set<string>();
	/** A tick asked for the renewal pass. */
	private renewPending = false;
	/** Folders whose read failed: read again at the next tick. */
	private retry = new Set<string>();

	constructor(private readonly options: WorkerOptions) {}

	/** Activation (or a restart): read every folder now; what changed while no one was looking is caught up. */
	async start(): Promise<void> {
		this.lastFullRead = this.options.now();
		for (const watched of this.options.watched) this.dirty.add(folderKey(watched));
		await this.kick();
	}

	/** Stops taking work; a read under way finishes. */
	async close(): Promise<void> {
		this.closed = true;
		await this.running;
	}

	/** Notifications from the webhook: checked, sorted into work, and the work started (not awaited). */
	receive(notifications: Notification[]): void {
		if (this.closed) return;
		const clientState = this.options.clientState();
		const byId = new Map(this.options.subscriptions().map((subscription) => [subscription.id.toLowerCase(), subscription]));
		for (const notification of notifications) {
			const subscription = byId.get(notification.subscriptionId.toLowerCase());
			if (!subscription) {
				this.options.log.info(`ignored a notification for subscription ${notification.subscriptionId}, which is not one of this trigger's`);
				continue;
			}
			if (clientState === undefined || !isOurClientState(notification.clientState, clientState)) {
				this.options.log.warn(`ignored a notification for subscription ${subscription.id} whose clientState is not this trigger's: it did not come from Microsoft Graph`);
				continue;
			}
			const key = folderKey(subscription);
			if (notification.kind === 'change') {
				this.dirty.add(key);
				continue;
			}
			switch (notification.lifecycleEvent) {
				case 'reauthorizationRequired':
					this.toReauthorize.add(key);
					break;
				case 'subscriptionRemoved':
					this.toRecreate.add(key);
					this.dirty.add(key);
					break;
				case 'missed':
					this.dirty.add(key);
					break;
			}
		}
		void this.kick();
	}

	/** The minute tick: renewals, recreations, and the safety-net read. */
	async tick(): Promise<void> {
		if (this.closed) return;
		const now = this.options.now();
		const watched = new Set(this.options.watched.map(folderKey));
		// Not set up yet (activation under way, or it failed): reading goes on, subscriptions wait.
		const setUp = this.options.clientState() !== undefined;
		const have = new Set<string>();
		for (const subscription of this.options.subscriptions()) {
			const key = folderKey(subscription);
			have.add(key);
			if (subscription.expiresAt <= now) {
				// Expired while n8n was not running, or renewals kept failing: Graph has dropped it.
				this.toRecreate.add(key);
				this.dirty.add(key);
			}
		}
		for (const key of watched) {
			if (setUp && !have.has(key)) {
				this.toRecreate.add(key);
				this.dirty.add(key);
			}
		}
		for (const key of this.retry) this.dirty.add(key);
		this.retry.clear();
		if (now - this.lastFullRead >= this.options.safetyNetMs) {
			this.lastFullRead = now;
			for (const key of watched) this.dirty.add(key);
		}
		await this.kick(setUp);
	}

	/** Resolves when nothing is under way (tests). */
	async idle(): Promise<void> {
		while (this.running) await this.running;
	}

	private kick(renew = false): Promise<void> {
		if (this.running) {
			if (renew) this.renewPending = true;
			return this.running;
		}
		if (renew) this.renewPending = true;
		this.running = this.work().finally(() => {
			this.running = undefined;
		});
		return this.running;
	}

	private async work(): Promise<void> {
		for (;;) {
			if (this.closed) return;
			if (this.renewPending) {
				this.renewPending = false;
				await this.maintainSubscriptions();
			}
			await this.reauthorizeRequested();
			await this.recreateRequested();
			if (this.dirty.size === 0) return;
			const keys = new Set(this.dirty);
			this.dirty.clear();
			const folders = this.options.watched.filter((watched) => keys.has(folderKey(watched)));
			try {
				await this.options.sync(folders);
			} catch (error) {
				// Nothing was emitted or kept for the failed read; the next tick (or notification) reads again.
				for (const key of keys) this.retry.add(key);
				this.options.failed(error, `reading ${folders.map((watched) => `${watched.folder} of ${watched.mailbox}`).join(', ')}`);
				return;
			}
		}
	}

	private async maintainSubscriptions(): Promise<void> {
		const now = this.options.now();
		const subscriptions = this.options.subscriptions();
		let changed = false;
		for (const subscription of subscriptions) {
			if (this.toRecreate.has(folderKey(subscription)) || !renewalDue(subscription, now)) continue;
			try {
				const renewed = await this.options.ops.renew(subscription);
				if (renewed === 'gone') {
					this.options.log.warn(`subscription ${subscription.id} for ${subscription.folder} of ${subscription.mailbox} is gone from Graph: recreating it`);
					this.toRecreate.add(folderKey(subscription));
					this.dirty.add(folderKey(subscription));
					continue;
				}
				subscription.expiresAt = renewed.expiresAt;
				subscription.renewedAt = this.options.now();
				changed = true;
			} catch (error) {
				// Renewed again next tick: a day of slack at least is left.
				this.options.log.warn(`could not renew subscription ${subscription.id}: ${messageOf(error)}`);
			}
		}
		if (changed) this.options.saveSubscriptions(subscriptions);
	}

	private async reauthorizeRequested(): Promise<void> {
		if (this.toReauthorize.size === 0) return;
		const keys = new Set(this.toReauthorize);
		this.toReauthorize.clear();
		for (const subscription of this.options.subscriptions()) {
			const key = folderKey(subscription);
			if (!keys.has(key) || this.toRecreate.has(key)) continue;
			try {
				if ((await this.options.ops.reauthorize(subscription)) === 'gone') {
					this.toRecreate.add(key);
					this.dirty.add(key);
				}
			} catch (error) {
				this.options.log.warn(`could not reauthorize subscription ${subscription.id}: ${messageOf(error)}; renewing it next`);
				subscription.renewedAt = -Infinity;
				this.renewPending = true;
			}
		}
	}

	private async recreateRequested(): Promise<void> {
		if (this.toRecreate.size === 0) return;
		const keys = new Set(this.toRecreate);
		this.toRecreate.clear();
		const kept = this.options.subscriptions().filter((subscription) => !keys.has(folderKey(subscription)));
		const created: TrackedSubscription[] = [];
		for (const watched of this.options.watched) {
			if (!keys.has(folderKey(watched))) continue;
			try {
				const subscription = await this.options.ops.create(watched);
				created.push({ ...watched, ...subscription, renewedAt: this.options.now() });
				this.options.log.info(`created subscription ${subscription.id} for ${watched.folder} of ${watched.mailbox}`);
			} catch (error) {
				// Tried again at the next tick; the safety net reads the folder meanwhile.
				this.options.failed(error, `recreating the subscription for ${watched.folder} of ${watched.mailbox}`);
			}
		}
		this.options.saveSubscriptions([...kept, ...created]);
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
