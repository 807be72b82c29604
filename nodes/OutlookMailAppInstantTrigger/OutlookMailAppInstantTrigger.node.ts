import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { EVENT_SUBTITLE } from '../OutlookMailAppTrigger/eventOptions';
import { OutlookMailAppTrigger } from '../OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import { MAX_EMITTED_PER_POLL, newestMatching, pollForNewMail } from '../OutlookMailAppTrigger/poll';
import { readTriggerSettings, type TriggerSettings } from '../OutlookMailAppTrigger/settings';
import { OUTLOOK_MAIL_APP_ICON } from '../shared/descriptions/mailbox.description';
import { createGraphClient, type GraphClient } from '../shared/graph/client';
import { graphRuntime } from '../shared/graph/runtime';
import { CREDENTIAL_TYPE } from '../shared/graph/settings';
import { subscriptionChangeType, TRIGGER_EVENTS, type TriggerEvent } from '../shared/mail/delta/events';
import type { GraphContext } from '../shared/graph/transport';
import { isOurClientState, newClientState } from './clientState';
import { readNotifications } from './notifications';
import { listen, listenerFor, triggerKey, type InstantTriggerListener } from './registry';
import { clearInstantState, INSTANT_STATE_VERSION, readInstantState, writeInstantState, type InstantState } from './state';
import { folderResource, SUBSCRIPTION_LIFETIME_MINUTES, TEST_SUBSCRIPTION_LIFETIME_MINUTES, TriggerSubscriptions } from './subscriptions';
import { folderKey, InstantTriggerWorker, type TrackedSubscription, type WatchedFolder } from './worker';

const polling = new OutlookMailAppTrigger();

/** The polling trigger's parameters, with the instant trigger's own options added to its Options. */
function instantProperties(): INodeProperties[] {
	return polling.description.properties.map((property) =>
		property.name === 'options' && property.type === 'collection'
			? {
					...property,
					options: [
						...(property.options ?? []),
						{
							displayName: 'Safety Net Interval (Minutes)',
							name: 'safetyNetMinutes',
							type: 'number',
							default: 15,
							typeOptions: { minValue: 1, maxValue: 1440 },
							description:
								'Every folder is also read this often, whatever Graph notified: a notification Graph lost is made up for by then',
						},
					],
				}
			: property,
	);
}

/** A subscription is kept at activation when it has at least this long to live; else it is created anew. */
const KEEP_IF_LIVING_MS = 60 * 60 * 1000;

type AnyContext = IHookFunctions | ITriggerFunctions | IWebhookFunctions;

/** The Graph client on the node's credential, from any of the trigger's contexts. */
const graphClient = (context: AnyContext) => createGraphClient(context as unknown as GraphContext);

/** The trigger's parameters, read as the polling trigger reads them. */
const settingsOf = (context: AnyContext, client: GraphClient): TriggerSettings => readTriggerSettings(context as unknown as IPollFunctions, client);

const watchedOf = (settings: TriggerSettings): WatchedFolder[] => settings.folders.map((folder) => ({ mailbox: settings.mailbox, folder }));

/** Graph's change types Trigger On needs: new and moved-in mail are `created`, a flag or category `updated` too. */
const changeTypeOf = (context: AnyContext): string => {
	const event = context.getNodeParameter('event', 'messageReceived') as TriggerEvent;
	return subscriptionChangeType(TRIGGER_EVENTS.includes(event) ? event : 'messageReceived');
};

const keyOf = (context: AnyContext) => triggerKey(context.getWorkflow().id, context.getNode().id);
/** The editor's test subscription of this node, while the editor listens for a test event. */
const testKeyOf = (context: AnyContext) => `${keyOf(context)}\u0000test`;

interface TestListen {
	clientState: string;
	subscriptionIds: Set<string>;
	/** The test event was delivered: a subscription created after that is deleted at once. */
	done: boolean;
}

const testListens = new Map<string, TestListen>();

type SubscriptionTarget = Pick<InstantState, 'clientState' | 'notificationUrl'>;

function subscriptionOps(context: AnyContext, client: GraphClient, target: SubscriptionTarget | (() => SubscriptionTarget), test = false) {
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

export class OutlookMailAppInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outlook Mail (App) Instant Trigger',
		name: 'outlookMailAppInstantTrigger',
		icon: OUTLOOK_MAIL_APP_ICON,
		group: ['trigger'],
		version: 1,
		subtitle: EVENT_SUBTITLE,
		description: 'Starts the workflow within seconds of new mail, or mail flagged, moved in or categorised, through Microsoft Graph change notifications: each once',
		defaults: { name: 'Outlook Mail (App) Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true, testedBy: 'outlookMailAppApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"Microsoft Graph posts to this workflow's webhook URL, so n8n must be reachable from the internet over https: set n8n's WEBHOOK_URL to its public https address (behind a reverse proxy). Subscriptions are renewed daily by the trigger itself.",
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			...instantProperties(),
		],
	};

	methods = polling.methods;

	webhookMethods = {
		default: {
			/** Whether every watched folder has a live subscription to this webhook that this trigger knows the secret of. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getMode() === 'manual') return false;
				const state = readInstantState(this.getWorkflowStaticData('node'));
				const url = this.getNodeWebhookUrl('default');
				if (!state || !url || state.notificationUrl !== url) return false;
				const client = await graphClient(this);
				const watched = watchedOf(settingsOf(this, client));
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
				if (!url) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
				const client = await graphClient(this);
				const watched = watchedOf(settingsOf(this, client));
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

	/**
	 * Graph's POSTs: the validation handshake (the token echoed as text/plain), change and lifecycle notifications
	 * (202 at once, then handed to the running trigger, which reads the folder after Graph has its answer).
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const token = request.query?.validationToken;
		if (typeof token === 'string') {
			response.status(200).setHeader('X-Content-Type-Options', 'nosniff');
			response.type('text/plain').send(token);
			if (this.getMode() !== 'manual') return { noWebhookResponse: true };
			// The editor listens for a test event: the handshake of its test subscription brings the newest mail.
			return { noWebhookResponse: true, workflowData: [await testEvent(this)] };
		}
		response.status(202).end();
		const { notifications, unreadable } = readNotifications(this.getBodyData());
		const name = this.getNode().name;
		if (unreadable > 0) this.logger.info(`Outlook Mail (App) Instant Trigger "${name}": ignored ${unreadable} posted entries that are not Graph notifications`);
		if (this.getMode() === 'manual') {
			const listen = testListens.get(testKeyOf(this));
			const ours = notifications.some(
				(notification) => listen?.subscriptionIds.has(notification.subscriptionId.toLowerCase()) && isOurClientState(notification.clientState, listen.clientState),
			);
			if (!listen || !ours) return { noWebhookResponse: true };
			return { noWebhookResponse: true, workflowData: [await testEvent(this)] };
		}
		if (notifications.length === 0) return { noWebhookResponse: true };
		const listener = listenerFor(keyOf(this));
		if (!listener) {
			this.logger.warn(
				`Outlook Mail (App) Instant Trigger "${name}": a notification arrived, but the trigger is not running in this n8n process (inactive, or a queue-mode webhook process); the trigger's safety-net read picks the change up`,
			);
			return { noWebhookResponse: true };
		}
		listener.receive(notifications);
		return { noWebhookResponse: true };
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const client = await graphClient(this);
		const settings = settingsOf(this, client);
		if (this.getMode() === 'manual') {
			return { manualTriggerFunction: async () => this.emit([await newestMatching(this as unknown as IPollFunctions, client, settings)]) };
		}
		// n8n sets up the webhook (create(), which writes the subscriptions) and starts trigger() side by side:
		// the state is read when it is needed, never kept from here.
		const staticData = this.getWorkflowStaticData('node');
		const current = () => readInstantState(staticData);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const safetyNetMinutes = typeof options.safetyNetMinutes === 'number' && options.safetyNetMinutes >= 1 ? options.safetyNetMinutes : 15;
		const name = this.getNode().name;
		const log = {
			info: (message: string) => this.logger.info(`Outlook Mail (App) Instant Trigger "${name}": ${message}`),
			warn: (message: string) => this.logger.warn(`Outlook Mail (App) Instant Trigger "${name}": ${message}`),
		};
		const now = () => graphRuntime().now();
		const worker = new InstantTriggerWorker({
			now,
			log,
			clientState: () => current()?.clientState,
			watched: watchedOf(settings),
			subscriptions: () => current()?.subscriptions ?? [],
			saveSubscriptions: (subscriptions) => {
				const state = current();
				if (state) writeInstantState(staticData, { ...state, subscriptions });
			},
			ops: subscriptionOps(this, client, () => current() ?? { clientState: '', notificationUrl: '' }),
			sync: async () => {
				// Every watched folder through the polling trigger's delta machinery; a backlog larger than one batch
				// is emitted batch after batch.
				for (;;) {
					const emitted = await pollForNewMail(this as unknown as IPollFunctions, client, settings);
					if (emitted) this.emit(emitted);
					if (!emitted || emitted[0].length < MAX_EMITTED_PER_POLL) return;
				}
			},
			safetyNetMs: safetyNetMinutes * 60_000,
			failed: (error, what) => {
				const message = error instanceof Error ? error.message : String(error);
				log.warn(`failed ${what}: ${message}`);
				this.saveFailedExecution(error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), `Failed ${what}: ${message}`));
			},
		});
		const running: RunningTrigger = { receive: (notifications) => worker.receive(notifications), subscriptions: () => current()?.subscriptions ?? [] };
		const unlisten = listen(keyOf(this), running);
		this.helpers.registerCron({ expression: '0 * * * * *' }, () => void worker.tick());
		// The first read sets where "new" starts (and catches up after a restart) before the activation completes.
		await worker.start();
		return {
			closeFunction: async () => {
				unlisten();
				await worker.close();
			},
		};
	}
}

/** What the registry holds for a running trigger: its worker's door, and its subscriptions for delete(). */
interface RunningTrigger extends InstantTriggerListener {
	subscriptions(): TrackedSubscription[];
}

/** The newest matching message, for the editor's test event; changes no state. */
async function testEvent(context: IWebhookFunctions): Promise<INodeExecutionData[]> {
	const listen = testListens.get(testKeyOf(context));
	if (listen) listen.done = true;
	const client = await graphClient(context);
	return await newestMatching(context as unknown as IPollFunctions, client, settingsOf(context, client));
}
