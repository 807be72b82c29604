/**
 * The trigger's Graph subscriptions: one per watched mailbox and folder, on
 * `users/{mailbox}/mailFolders('{folder}')/messages`, posting to the node's webhook URL (lifecycle notifications
 * included), with the node's clientState. Graph keeps a subscription to Outlook messages at most 10,080 minutes
 * (7 days); the trigger asks for a little less and renews daily (worker.ts).
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GraphClient } from '../shared/graph/client';
import { SUBSCRIPTION_TEXTS } from '../shared/graph/errorTexts';
import { settle } from '../shared/graph/errors';
import { isGraphError } from '../shared/graph/graphError';
import { GraphPath, segment } from '../shared/graph/paths';
import type { SubscriptionOps, TrackedSubscription, WatchedFolder } from './worker';

/** Graph's maximum lifetime of a subscription to messages, in minutes. */
export const MAX_SUBSCRIPTION_LIFETIME_MINUTES = 10_080;
/** What the trigger asks for: ten minutes less than Graph's maximum, so a clock a little ahead of Graph's is never refused. */
export const SUBSCRIPTION_LIFETIME_MINUTES = MAX_SUBSCRIPTION_LIFETIME_MINUTES - 10;
/** Graph's minimum: an expiry closer than this is moved to it. The test subscription of "listen for test event" asks for it. */
export const TEST_SUBSCRIPTION_LIFETIME_MINUTES = 45;

export interface SubscriptionSettings {
	/** The trigger node, for errors. */
	node: INode;
	notificationUrl: string;
	clientState: string;
	/** Graph's change types for the trigger's event: `created` for new and moved-in mail, `updated` for flags and categories. */
	changeType: string;
	/** Lifecycle notifications (to the same URL); none for the editor's test subscription, which lives minutes. */
	lifecycle: boolean;
	lifetimeMinutes: number;
	now(): number;
}

interface SubscriptionBody {
	id?: unknown;
	expirationDateTime?: unknown;
	notificationUrl?: unknown;
	resource?: unknown;
	changeType?: unknown;
}

/** The resource of one folder of one mailbox, as Graph's subscription examples write it. */
export function folderResource(watched: WatchedFolder): string {
	const quoted = (value: string) => encodeURIComponent(value).replace(/'/g, "''");
	return `users/${encodeURIComponent(watched.mailbox)}/mailFolders('${quoted(watched.folder)}')/messages`;
}

const isGone = (error: unknown) => isGraphError(error, { status: 404 });

function expiryOf(body: SubscriptionBody | undefined, fallback: number): number {
	const parsed = typeof body?.expirationDateTime === 'string' ? Date.parse(body.expirationDateTime) : NaN;
	return Number.isFinite(parsed) ? parsed : fallback;
}

/** "Subscription expiration can only be N minutes in the future.": what a national cloud or a future Graph allows. */
function allowedMinutes(error: unknown): number | undefined {
	if (!isGraphError(error)) return undefined;
	const match = /expiration can only be (\d+) minutes/i.exec(`${error.message} ${error.description ?? ''}`);
	return match ? Number(match[1]) : undefined;
}

/**
 * Why Graph refused to create a subscription, in words for whoever activates the workflow: most often Graph
 * could not reach the webhook URL, which must be n8n's public https address.
 */
export function activationError(node: INode, error: unknown, notificationUrl: string): Error {
	const text = error instanceof Error ? `${error.message} ${(error as { description?: string }).description ?? ''}` : String(error);
	const graphCode = isGraphError(error) ? error.code : '';
	if (graphCode === 'ValidationError' || /validation request|NotificationUrl scheme|notificationUrl/i.test(text)) {
		return new NodeOperationError(node, SUBSCRIPTION_TEXTS.webhookUnreachable(notificationUrl, graphMessage(error)), {
			description: SUBSCRIPTION_TEXTS.webhookUnreachableHint,
		});
	}
	return error instanceof Error ? error : new Error(String(error));
}

/** Graph's own words (`code: message`), without the hint the client adds after them. */
function graphMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split(' — ')[0];
}

/** A subscription Graph lists for the trigger's webhook. */
export interface LiveSubscription {
	id: string;
	resource: string;
	changeType: string;
	expiresAt: number;
}

export class TriggerSubscriptions implements SubscriptionOps {
	/** `settings`: or a function giving them when needed (the running trigger reads its state each time). */
	constructor(
		private readonly client: GraphClient,
		settings: SubscriptionSettings | (() => SubscriptionSettings),
	) {
		this.current = typeof settings === 'function' ? settings : () => settings;
	}

	private readonly current: () => SubscriptionSettings;

	private get settings(): SubscriptionSettings {
		return this.current();
	}

	private expiry(minutes = this.settings.lifetimeMinutes): string {
		return new Date(this.settings.now() + minutes * 60_000).toISOString();
	}

	async create(watched: WatchedFolder): Promise<{ id: string; expiresAt: number }> {
		const body = {
			changeType: this.settings.changeType,
			notificationUrl: this.settings.notificationUrl,
			...(this.settings.lifecycle ? { lifecycleNotificationUrl: this.settings.notificationUrl } : {}),
			resource: folderResource(watched),
			expirationDateTime: this.expiry(),
			clientState: this.settings.clientState,
			latestSupportedTlsVersion: 'v1_2',
		};
		let created = await settle(this.client.request<SubscriptionBody>({ method: 'POST', path: GraphPath.of('subscriptions'), body}));
		const allowed = allowedMinutes(created);
		if (allowed !== undefined && allowed > 0) {
			created = await settle(
				this.client.request<SubscriptionBody>({
					method: 'POST',
					path: GraphPath.of('subscriptions'),
					body: { ...body, expirationDateTime: this.expiry(Math.max(allowed - 5, 1)) },
				}),
			);
		}
		if (created instanceof Error) throw activationError(this.settings.node, created, this.settings.notificationUrl);
		if (typeof created?.id !== 'string' || created.id === '') throw new NodeOperationError(this.settings.node, SUBSCRIPTION_TEXTS.noSubscriptionId);
		return { id: created.id, expiresAt: expiryOf(created, Date.parse(body.expirationDateTime)) };
	}

	async renew(subscription: TrackedSubscription): Promise<{ expiresAt: number } | 'gone'> {
		const path = GraphPath.of('subscriptions', segment(subscription.id, 'Subscription'));
		let expirationDateTime = this.expiry();
		let renewed = await settle(this.client.request<SubscriptionBody>({ method: 'PATCH', path, body: { expirationDateTime } }));
		const allowed = allowedMinutes(renewed);
		if (allowed !== undefined && allowed > 0) {
			expirationDateTime = this.expiry(Math.max(allowed - 5, 1));
			renewed = await settle(this.client.request<SubscriptionBody>({ method: 'PATCH', path, body: { expirationDateTime } }));
		}
		if (isGone(renewed)) return 'gone';
		if (renewed instanceof Error) throw renewed;
		return { expiresAt: expiryOf(renewed, Date.parse(expirationDateTime)) };
	}

	async reauthorize(subscription: TrackedSubscription): Promise<'ok' | 'gone'> {
		const path = GraphPath.of('subscriptions', segment(subscription.id, 'Subscription'), 'reauthorize');
		const answer = await settle(this.client.request({ method: 'POST', path }));
		if (isGone(answer)) return 'gone';
		if (answer instanceof Error) throw answer;
		return 'ok';
	}

	/** Deletes one subscription; one Graph no longer has counts as deleted. */
	async remove(id: string): Promise<void> {
		const answer = await settle(this.client.request({ method: 'DELETE', path: GraphPath.of('subscriptions', segment(id, 'Subscription')) }));
		if (answer instanceof Error && !isGone(answer)) throw answer;
	}

	/** The app's live subscriptions that post to this trigger's webhook URL (whatever the stored state says). */
	async ofThisWebhook(): Promise<LiveSubscription[]> {
		const found: LiveSubscription[] = [];
		const path = GraphPath.of('subscriptions');
		// The one pager; from the bare URL, as Graph's list of subscriptions takes no query options.
		for await (const page of this.client.pages<SubscriptionBody>({ method: 'GET', path }, { from: this.client.url(path) })) {
			for (const entry of page.items) {
				if (entry?.notificationUrl !== this.settings.notificationUrl || typeof entry.id !== 'string') continue;
				found.push({ id: entry.id, resource: String(entry.resource ?? ''), changeType: String(entry.changeType ?? ''), expiresAt: expiryOf(entry, 0) });
			}
		}
		return found;
	}
}

/** A subscription as the state keeps it. */
export type StoredTrackedSubscription = TrackedSubscription & IDataObject;
