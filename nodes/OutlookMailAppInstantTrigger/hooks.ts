/**
 * n8n's webhook hooks for the instant trigger: whether its subscriptions exist, their creation on activation (and
 * the editor's test subscription), their deletion on deactivation.
 */
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SUBSCRIPTION_TEXTS } from '../shared/graph/errorTexts';
import { graphRuntime } from '../shared/graph/runtime';
import { newClientState } from './clientState';
import { changeTypeOf, graphClient, KEEP_IF_LIVING_MS, keyOf, settingsOf, subscriptionOps, testKeyOf, testListens, watchedOf, type RunningTrigger, type TestListen } from './context';
import { listenerFor } from './registry';
import { clearInstantState, INSTANT_STATE_VERSION, readInstantState, writeInstantState, type InstantState } from './state';
import { folderResource } from './subscriptions';
import { folderKey, type TrackedSubscription } from './worker';

export const webhookMethods = {
	default: {
		/** Whether every watched folder has a live subscription to this webhook that this trigger knows the secret of. */
		async checkExists(this: IHookFunctions): Promise<boolean> {
			if (this.getMode() === 'manual') return false;
			const state = readInstantState(this.getWorkflowStaticData('node'));
			const url = this.getNodeWebhookUrl('default');
			if (!state || !url || state.notificationUrl !== url) return false;
			const client = await graphClient(this);
			const watched = await watchedOf(this, client, settingsOf(this, client));
			const live = await subscriptionOps(this, client, state).ofThisWebhook();
			const now = graphRuntime().now();
			const changeType = changeTypeOf(this);
			const liveIds = new Map(live.filter((subscription) => subscription.changeType === changeType).map((subscription) => [subscription.id.toLowerCase(), subscription]));
			return watched.every((folder) =>
				state.subscriptions.some((subscription) => {
					const found = liveIds.get(subscription.id.toLowerCase());
					return folderKey(subscription) === folderKey(folder) && found !== undefined && found.expiresAt - now > KEEP_IF_LIVING_MS;
				}),
			);
		},

		/**
		 * A subscription per watched mailbox and folder: those already on Graph for this webhook and known are kept,
		 * the others deleted, the missing ones created (Graph validates the webhook first). In the editor's test
		 * mode, one short subscription on the test URL: its handshake delivers the test event.
		 */
		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default');
			if (!url) throw new NodeOperationError(this.getNode(), SUBSCRIPTION_TEXTS.noWebhookUrl);
			const client = await graphClient(this);
			const watched = await watchedOf(this, client, settingsOf(this, client));
			if (this.getMode() === 'manual') {
				const listen: TestListen = { clientState: newClientState(), subscriptionIds: new Set(), done: false };
				testListens.set(testKeyOf(this), listen);
				const ops = subscriptionOps(this, client, { clientState: listen.clientState, notificationUrl: url }, true);
				const created = await ops.create(watched[0]);
				listen.subscriptionIds.add(created.id.toLowerCase());
				if (listen.done) await ops.remove(created.id);
				return true;
			}
			const staticData = this.getWorkflowStaticData('node');
			const stored = readInstantState(staticData);
			const clientState = stored && stored.notificationUrl === url ? stored.clientState : newClientState();
			const state: InstantState = { version: INSTANT_STATE_VERSION, clientState, notificationUrl: url, subscriptions: [] };
			const ops = subscriptionOps(this, client, state);
			const now = graphRuntime().now();
			const changeType = changeTypeOf(this);
			// A subscription of other change types (Trigger On changed) is deleted and made anew.
			const live = await ops.ofThisWebhook();
			const known = new Map((stored?.clientState === clientState ? stored.subscriptions : []).map((subscription) => [subscription.id.toLowerCase(), subscription]));
			const kept = new Set<string>();
			for (const folder of watched) {
				const reusable = live.find(
					(subscription) =>
						!kept.has(subscription.id) &&
						known.has(subscription.id.toLowerCase()) &&
						subscription.changeType === changeType &&
						subscription.resource.toLowerCase() === folderResource(folder).toLowerCase() &&
						subscription.expiresAt - now > KEEP_IF_LIVING_MS,
				);
				if (reusable) {
					kept.add(reusable.id);
					const previous = known.get(reusable.id.toLowerCase()) as TrackedSubscription;
					state.subscriptions.push({ ...folder, id: reusable.id, expiresAt: reusable.expiresAt, renewedAt: previous.renewedAt });
					continue;
				}
				// A failure half-way leaves subscriptions the state does not name: the next create() or delete()
				// finds them on Graph by their webhook URL.
				const created = await ops.create(folder);
				state.subscriptions.push({ ...folder, ...created, renewedAt: graphRuntime().now() });
			}
			for (const subscription of live) if (!kept.has(subscription.id) && !state.subscriptions.some((each) => each.id === subscription.id)) await ops.remove(subscription.id);
			writeInstantState(staticData, state);
			return true;
		},

		/** Deletes every subscription to this webhook, whether the state still names it or not. */
		async delete(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default');
			if (!url) return false;
			const client = await graphClient(this);
			const staticData = this.getWorkflowStaticData('node');
			const stored = readInstantState(staticData);
			const manual = this.getMode() === 'manual';
			const listen = manual ? testListens.get(testKeyOf(this)) : undefined;
			if (listen) listen.done = true;
			const ops = subscriptionOps(this, client, { clientState: stored?.clientState ?? '', notificationUrl: url }, manual);
			const ids = new Set<string>([...(manual ? [...(listen?.subscriptionIds ?? [])] : (stored?.subscriptions ?? []).map((subscription) => subscription.id))]);
			const running = manual ? undefined : (listenerFor(keyOf(this)) as RunningTrigger | undefined);
			for (const subscription of running?.subscriptions() ?? []) ids.add(subscription.id);
			try {
				for (const subscription of await ops.ofThisWebhook()) ids.add(subscription.id);
			} catch (error) {
				this.logger.warn(`Outlook Mail (App) Instant Trigger "${this.getNode().name}": could not list its subscriptions on Graph (${(error as Error).message}); deleting those it knows`);
			}
			for (const id of ids) {
				try {
					await ops.remove(id);
				} catch (error) {
					this.logger.warn(`Outlook Mail (App) Instant Trigger "${this.getNode().name}": could not delete subscription ${id} (${(error as Error).message}); Graph drops it when it expires`);
				}
			}
			if (manual) testListens.delete(testKeyOf(this));
			else clearInstantState(staticData);
			return true;
		},
	},
};
