import type {
	IDataObject,
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

import { EVENT_SUBTITLE } from '../shared/descriptions/eventOptions.description';
import { mailWatchProperties } from '../shared/descriptions/mailWatch.description';
import { testOutlookMailAppCredential } from '../shared/graph/connectionTest';
import { getTriggerFolders } from '../shared/trigger/folderOptions';
import { MAX_EMITTED_PER_POLL } from '../shared/trigger/poll';
import { pollForNewMail, testEvent as newestOfWatched } from '../shared/trigger/watch';
import { OUTLOOK_MAIL_APP_ICON } from '../shared/descriptions/mailbox.description';
import { SUBSCRIPTION_TEXTS } from '../shared/graph/errorTexts';
import { graphRuntime } from '../shared/graph/runtime';
import { CREDENTIAL_TYPE } from '../shared/graph/settings';
import { isOurClientState } from './clientState';
import { graphClient, keyOf, settingsOf, subscriptionOps, testEvent, testKeyOf, testListens, watchedOf, type RunningTrigger } from './context';
import { webhookMethods } from './hooks';
import { readNotifications } from './notifications';
import { listen, listenerFor } from './registry';
import { readInstantState, writeInstantState } from './state';
import { InstantTriggerWorker } from './worker';

/** The instant trigger's own option, beside the options both triggers have. */
const safetyNetOption: INodeProperties = {
	displayName: 'Safety Net Interval (Minutes)',
	name: 'safetyNetMinutes',
	type: 'number',
	default: 15,
	typeOptions: { minValue: 1, maxValue: 1440 },
	description: 'Every folder is also read this often, whatever Graph notified: a notification Graph lost is made up for by then',
};

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
			...mailWatchProperties([safetyNetOption]),
		],
	};

	methods = {
		loadOptions: { getFolders: getTriggerFolders },
		credentialTest: { outlookMailAppApiTest: testOutlookMailAppCredential },
	};

	webhookMethods = webhookMethods;


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
		const reader = await graphClient(this, true);
		const settings = settingsOf(this, client);
		if (this.getMode() === 'manual') {
			return { manualTriggerFunction: async () => this.emit([await newestOfWatched(this as unknown as IPollFunctions, client, settings)]) };
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
			watched: await watchedOf(this, client, settings),
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
					const emitted = await pollForNewMail(this as unknown as IPollFunctions, reader, settings);
					if (emitted) this.emit(emitted);
					if (!emitted || emitted[0].length < MAX_EMITTED_PER_POLL) return;
				}
			},
			safetyNetMs: safetyNetMinutes * 60_000,
			failed: (error, what) => {
				const message = error instanceof Error ? error.message : String(error);
				log.warn(`failed ${what}: ${message}`);
				this.saveFailedExecution(error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), SUBSCRIPTION_TEXTS.failed(what, message)));
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
