/**
 * What the instant trigger's hooks, webhook and trigger share: the Graph client and settings from any of n8n's
 * contexts, the registry keys, the editor's test listens, and the subscription operations on the node's state.
 */
import type { IHookFunctions, INodeExecutionData, IPollFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { watchedMailboxes } from '../shared/trigger/mailboxes';
import { readTriggerSettings, type TriggerSettings, watchKey } from '../shared/trigger/settings';
import { testEvent as newestOfWatched } from '../shared/trigger/watch';
import { createGraphClient, type GraphClient } from '../shared/graph/client';
import { graphRuntime } from '../shared/graph/runtime';
import type { GraphContext } from '../shared/graph/transport';
import { subscriptionChangeType, TRIGGER_EVENTS, type TriggerEvent } from '../shared/mail/delta/events';
import { freshWatch } from '../shared/mail/delta/watch';
import { triggerKey, type InstantTriggerListener } from './registry';
import type { InstantState } from './state';
import { SUBSCRIPTION_LIFETIME_MINUTES, TEST_SUBSCRIPTION_LIFETIME_MINUTES, TriggerSubscriptions } from './subscriptions';
import type { TrackedSubscription, WatchedFolder } from './worker';

/** A subscription is kept at activation when it has at least this long to live; else it is created anew. */
export const KEEP_IF_LIVING_MS = 60 * 60 * 1000;

export type AnyContext = IHookFunctions | ITriggerFunctions | IWebhookFunctions;

/**
 * The Graph client on the node's credential, from any of the trigger's contexts. `batching`: for the reads of many
 * mailboxes at once, which then travel in `$batch` requests as the polling trigger's do; subscriptions go alone.
 */
export const graphClient = (context: AnyContext, batching = false) => createGraphClient(context as unknown as GraphContext, { batching });

/** The trigger's parameters, read as the polling trigger reads them. */
export const settingsOf = (context: AnyContext, client: GraphClient): TriggerSettings => readTriggerSettings(context as unknown as IPollFunctions, client);

/**
 * Each watched folder of each watched mailbox, as the polling trigger resolves them (a group's members read when
 * this is called: at activation, and when the trigger starts).
 */
export async function watchedOf(context: AnyContext, client: GraphClient, settings: TriggerSettings): Promise<WatchedFolder[]> {
	const mailboxes = await watchedMailboxes(context as unknown as IPollFunctions, client, settings, freshWatch(watchKey(settings)), client.now());
	return mailboxes.flatMap((mailbox) => settings.folders.map((folder) => ({ mailbox, folder })));
}

/** Graph's change types Trigger On needs: new and moved-in mail are `created`, a flag or category `updated` too. */
export const changeTypeOf = (context: AnyContext): string => {
	const event = context.getNodeParameter('event', 'messageReceived') as TriggerEvent;
	return subscriptionChangeType(TRIGGER_EVENTS.includes(event) ? event : 'messageReceived');
};

export const keyOf = (context: AnyContext) => triggerKey(context.getWorkflow().id, context.getNode().id);
/** The editor's test subscription of this node, while the editor listens for a test event. */
export const testKeyOf = (context: AnyContext) => `${keyOf(context)}\u0000test`;

export interface TestListen {
	clientState: string;
	subscriptionIds: Set<string>;
	/** The test event was delivered: a subscription created after that is deleted at once. */
	done: boolean;
}

export const testListens = new Map<string, TestListen>();

export type SubscriptionTarget = Pick<InstantState, 'clientState' | 'notificationUrl'>;

export function subscriptionOps(context: AnyContext, client: GraphClient, target: SubscriptionTarget | (() => SubscriptionTarget), test = false) {
	const read = typeof target === 'function' ? target : () => target;
	return new TriggerSubscriptions(client, () => ({
		node: context.getNode(),
		...read(),
		changeType: changeTypeOf(context),
		lifecycle: !test,
		lifetimeMinutes: test ? TEST_SUBSCRIPTION_LIFETIME_MINUTES : SUBSCRIPTION_LIFETIME_MINUTES,
		now: () => graphRuntime().now(),
	}));
}

/** What the registry holds for a running trigger: its worker's door, and its subscriptions for delete(). */
export interface RunningTrigger extends InstantTriggerListener {
	subscriptions(): TrackedSubscription[];
}

/** The newest matching message, for the editor's test event; changes no state. */
export async function testEvent(context: IWebhookFunctions): Promise<INodeExecutionData[]> {
	const listen = testListens.get(testKeyOf(context));
	if (listen) listen.done = true;
	const client = await graphClient(context);
	return await newestOfWatched(context as unknown as IPollFunctions, client, settingsOf(context, client));
}
