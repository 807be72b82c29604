import { type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions, NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_SUBTITLE } from '../shared/descriptions/eventOptions.description';
import { OUTLOOK_MAIL_APP_ICON } from '../shared/descriptions/mailbox.description';
import { mailWatchProperties } from '../shared/descriptions/mailWatch.description';
import { createGraphClient } from '../shared/graph/client';
import { testOutlookMailAppCredential } from '../shared/graph/connectionTest';
import { asNodeError } from '../shared/graph/errors';
import { CREDENTIAL_TYPE } from '../shared/graph/settings';
import { getTriggerFolders } from '../shared/trigger/folderOptions';
import { readTriggerSettings, type TriggerSettings } from '../shared/trigger/settings';
import { pollForNewMail, testEvent } from '../shared/trigger/watch';
import { pollGuard, type PollSkip } from './pollGuard';

export class OutlookMailAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outlook Mail (App) Trigger',
		name: 'outlookMailAppTrigger',
		icon: OUTLOOK_MAIL_APP_ICON,
		group: ['trigger'],
		version: 1,
		subtitle: EVENT_SUBTITLE,
		description: 'Starts the workflow when new mail arrives in mailboxes of the tenant, or mail is flagged, moved in or categorised: each once',
		defaults: { name: 'Outlook Mail (App) Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true, testedBy: 'outlookMailAppApiTest' }],
		properties: mailWatchProperties(),
	};

	methods = {
		loadOptions: { getFolders: getTriggerFolders },
		credentialTest: { outlookMailAppApiTest: testOutlookMailAppCredential },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const run = async (): Promise<INodeExecutionData[][] | null> => {
			const client = await createGraphClient(this, { batching: true });
			let settings: TriggerSettings;
			try {
				settings = readTriggerSettings(this, client);
			} catch (error) {
				throw client.redact(asNodeError(this.getNode(), error, 0));
			}
			const poll = this.getMode() === 'manual' ? testEvent(this, client, settings).then((items) => [items]) : pollForNewMail(this, client, settings);
			return await poll.catch((error: unknown) => {
				throw client.redact(error);
			});
		};
		// Fetch Test Event reads the newest message and keeps no state: nothing to guard.
		if (this.getMode() === 'manual') return await run();
		const node = this.getNode();
		const workflowId = this.getWorkflow().id;
		const skipped = (reason: PollSkip) => {
			this.logger.warn(
				reason === 'inFlight'
					? `Outlook Mail (App) Trigger "${node.name}": a poll started while the previous one was still running, so it was skipped (poll less often, or watch fewer folders).`
					: `Outlook Mail (App) Trigger "${node.name}": a poll started from the state the previous poll had already used, before n8n saved that poll's new state, so it was skipped.`,
				{ workflowId, nodeName: node.name },
			);
			return null;
		};
		const restore = (state: unknown) => {
			this.logger.debug(`Outlook Mail (App) Trigger "${node.name}": n8n handed back a state the previous poll had replaced without emitting anything, so this poll goes on from that poll's state.`, {
				workflowId,
				nodeName: node.name,
			});
			const stored = this.getWorkflowStaticData('node');
			for (const field of Object.keys(stored)) delete stored[field];
			Object.assign(stored, state);
		};
		return await pollGuard.run(`${workflowId}:${node.id}`, () => this.getWorkflowStaticData('node'), run, skipped, restore);
	}
}
