import { randomUUID } from 'node:crypto';
import type { MessageChange } from './store';

/**
 * Change-notification subscriptions on mail (Graph's `subscription` resource), as data: who created each one, what
 * it watches, until when, and whether it is waiting for reauthorization. No HTTP here: handlers/subscriptions.ts
 * answers the routes, http/webhooks.ts posts to the webhooks. Time is the emulator's clock, so an expired
 * subscription is gone the moment the clock passes its expiry, whether or not anything looked at it.
 */

export type ChangeType = MessageChange['changeType'];

export const CHANGE_TYPES: readonly ChangeType[] = ['created', 'updated', 'deleted'];

/** Graph's maximum lifetime of a subscription to Outlook messages without resource data: 10,080 minutes. */
export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 10_080;
/** An expirationDateTime less than 45 minutes away is moved to 45 minutes from the request (Graph's rule). */
export const MIN_SUBSCRIPTION_MINUTES = 45;
/** Active subscriptions to Outlook resources per mailbox, all applications together. */
export const MAX_SUBSCRIPTIONS_PER_MAILBOX = 1000;
/** clientState's maximum length, in characters. */
export const MAX_CLIENT_STATE_LENGTH = 128;

export interface StoredSubscription {
	id: string;
	tenantId: string;
	/** The creating app's client id (Graph's applicationId). */
	applicationId: string;
	/** The creating app's service principal id (Graph's creatorId for application permissions). */
	creatorId: string;
	/** The resource exactly as the request gave it. */
	resource: string;
	/** The watched mailbox (user id, lower case). */
	userId: string;
	/** The watched folder's id; absent: the whole mailbox (`users/{id}/messages`). */
	folderId?: string;
	/** The changeType string as given (`created,updated`), and the set it names. */
	changeType: string;
	changeTypes: ReadonlySet<ChangeType>;
	notificationUrl: string;
	lifecycleNotificationUrl: string | null;
	clientState: string | null;
	latestSupportedTlsVersion: string;
	/** Emulator clock, ms. */
	expiresAt: number;
	/**
	 * When a reauthorizationRequired lifecycle notification was sent (emulator clock, ms), until the app
	 * reauthorizes or renews; undefined when none is outstanding.
	 */
	reauthorizationRequiredAt?: number;
}

export type NewSubscription = Omit<StoredSubscription, 'id'>;

export class Subscriptions {
	private items = new Map<string, StoredSubscription>();

	/**
	 * `reauthorizationGraceMs`: how long change notifications keep flowing after a reauthorizationRequired
	 * notification before they pause (and are lost) until the app reauthorizes or renews.
	 */
	constructor(
		private readonly now: () => number,
		private readonly reauthorizationGraceMs: number,
	) {}

	add(subscription: NewSubscription): StoredSubscription {
		this.sweep();
		const stored: StoredSubscription = { ...subscription, id: randomUUID() };
		this.items.set(stored.id, stored);
		return stored;
	}

	/** A live subscription by id, of that app in that tenant (another app's subscription is not found). */
	find(tenantId: string, applicationId: string, id: string): StoredSubscription | undefined {
		this.sweep();
		const found = this.items.get(id.toLowerCase());
		return found && found.tenantId === tenantId.toLowerCase() && found.applicationId === applicationId.toLowerCase() ? found : undefined;
	}

	/** Any live subscription by id (tests and lifecycle notifications on demand). */
	byId(id: string): StoredSubscription | undefined {
		this.sweep();
		return this.items.get(id.toLowerCase());
	}

	/** The live subscriptions an app created in a tenant, oldest first. */
	ofApp(tenantId: string, applicationId: string): StoredSubscription[] {
		this.sweep();
		return [...this.items.values()].filter((item) => item.tenantId === tenantId.toLowerCase() && item.applicationId === applicationId.toLowerCase());
	}

	/** Every live subscription, oldest first. */
	all(): StoredSubscription[] {
		this.sweep();
		return [...this.items.values()];
	}

	/** Live subscriptions on a mailbox, by every app. */
	countForMailbox(userId: string): number {
		this.sweep();
		let count = 0;
		for (const item of this.items.values()) if (item.userId === userId.toLowerCase()) count++;
		return count;
	}

	remove(id: string): boolean {
		return this.items.delete(id.toLowerCase());
	}

	/** The subscriptions a change is notified to now: live, on its mailbox and folder, for its kind of change, not paused. */
	matching(change: MessageChange): StoredSubscription[] {
		return this.watching(change).filter((item) => !this.isPaused(item));
	}

	/** How many subscriptions watch this change but are paused, waiting for reauthorization (the change is lost to them). */
	paused(change: MessageChange): number {
		return this.watching(change).filter((item) => this.isPaused(item)).length;
	}

	/** Whether change notifications to the subscription are paused until it is reauthorized or renewed. */
	isPaused(item: StoredSubscription): boolean {
		return item.reauthorizationRequiredAt !== undefined && this.now() >= item.reauthorizationRequiredAt + this.reauthorizationGraceMs;
	}

	private watching(change: MessageChange): StoredSubscription[] {
		this.sweep();
		return [...this.items.values()].filter(
			(item) =>
				item.userId === change.userId && (item.folderId === undefined || item.folderId === change.folderId) && item.changeTypes.has(change.changeType),
		);
	}

	clear(): void {
		this.items.clear();
	}

	/** Drops subscriptions whose expiry has passed on the emulator's clock: they neither notify nor answer. */
	private sweep(): void {
		const now = this.now();
		for (const [id, item] of this.items) if (item.expiresAt <= now) this.items.delete(id);
	}
}
