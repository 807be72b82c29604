import { type ILoadOptionsFunctions, type INodeExecutionData, type INodePropertyOptions, type INodeType, type INodeTypeDescription, type IPollFunctions, NodeConnectionTypes } from 'n8n-workflow';

import { choice, collection, optionsCollection } from '../shared/descriptions/fields.description';
import { mailboxProperty, OUTLOOK_MAIL_APP_ICON } from '../shared/descriptions/mailbox.description';
import { attachmentsPrefixProperty, downloadAttachmentsProperty, fieldsProperty, IMPORTANCE_OPTIONS, outputProperty } from '../shared/descriptions/message.description';
import { createGraphClient } from '../shared/graph/client';
import { testOutlookMailAppCredential } from '../shared/graph/connectionTest';
import { asNodeError } from '../shared/graph/errors';
import { CREDENTIAL_TYPE } from '../shared/graph/settings';
import { EVENT_SUBTITLE, eventProperties } from '../shared/descriptions/eventOptions.description';
import { triggerFolderOptions } from './folderOptions';
import { pollForNewMail, testEvent } from '../shared/trigger/watch';
import { pollGuard, type PollSkip } from './pollGuard';
import { readTriggerSettings, type TriggerSettings } from '../shared/trigger/settings';

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
		properties: [
			...eventProperties,
			{
				displayName: 'Watch',
				name: 'mailboxMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Default Mailbox', value: 'default', description: 'The credential\'s Default User ID' },
					{ name: 'One Mailbox', value: 'one', description: 'The mailbox named below (empty: the default)' },
					{ name: 'List of Mailboxes', value: 'list', description: 'Each mailbox of a list' },
					{ name: 'Members of a Group', value: 'group', description: "Every member of a group with a mailbox, nested groups' members included; the members are read again at most every 15 minutes" },
				],
				default: 'one',
				description: 'Which mailboxes to watch. Each mailbox keeps its own state, and each item says which mailbox it came from ("mailbox").',
			},
			{ ...mailboxProperty, displayOptions: { show: { mailboxMode: ['one'] } } },
			{
				displayName: 'Mailboxes',
				name: 'mailboxes',
				type: 'string',
				default: '',
				placeholder: 'e.g. sales@contoso.com, support@contoso.com',
				description: 'User principal names, email addresses or object IDs, comma- or line-separated, or a list from an expression. A mailbox added later starts from then: its older mail is not emitted.',
				displayOptions: { show: { mailboxMode: ['list'] } },
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 02bd9fd6-8f93-4758-87c3-1fb73740a315',
				description: "Object ID of the group (Entra ID). Members who join later start from then: their older mail is not emitted. Use well-known folders (Inbox ...) with many mailboxes: a folder ID names a folder of one mailbox only.",
				displayOptions: { show: { mailboxMode: ['group'] } },
			},
			{
				displayName: 'Folder Names or IDs',
				name: 'folders',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getFolders', loadOptionsDependsOn: ['mailboxMode', 'mailbox'] },
				default: ['inbox'],
				description:
					'Folders to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			collection('Filters', 'filters', 'Add filter', [
				{
					displayName: 'Category',
					name: 'category',
					type: 'string',
					default: '',
					description: 'Only messages with this Outlook category',
				},
				{
					displayName: 'From',
					name: 'from',
					type: 'string',
					default: '',
					placeholder: 'e.g. orders@contoso.com, billing@contoso.com',
					description: 'Only messages from one of these addresses (comma-separated)',
				},
				{
					displayName: 'Has Attachments',
					name: 'hasAttachments',
					type: 'boolean',
					default: false,
					description: 'Whether to only emit messages with attachments',
				},
				choice('Importance', 'importance', 'any', [{ name: 'Any', value: 'any' }, ...IMPORTANCE_OPTIONS]),
				{
					displayName: 'Subject Contains',
					name: 'subjectContains',
					type: 'string',
					default: '',
				},
				{
					displayName: 'To or Cc',
					name: 'to',
					type: 'string',
					default: '',
					placeholder: 'e.g. support@contoso.com',
					description: 'Only messages sent to one of these addresses, in To or Cc (comma-separated)',
				},
				{
					displayName: 'Unread Only',
					name: 'unreadOnly',
					type: 'boolean',
					default: false,
					description: 'Whether to only emit messages that are unread when they are found',
				},
			]),
			optionsCollection([
				attachmentsPrefixProperty,
				downloadAttachmentsProperty,
				fieldsProperty,
				{
					displayName: 'Include Mail Already in the Folders',
					name: 'includeExisting',
					type: 'boolean',
					default: false,
					description:
						'Whether the first poll after activation emits the mail already there (oldest first, in batches), instead of starting from now',
				},
				{
					displayName: 'Mark as Read',
					name: 'markAsRead',
					type: 'boolean',
					default: false,
					description: 'Whether to mark each emitted message as read',
				},
				outputProperty,
			]),
		],
	};

	methods = {
		loadOptions: {
			async getFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const client = await createGraphClient(this);
				// The folders of the one mailbox watched, else of the default mailbox: with many, well-known folders fit all.
				const mode = this.getCurrentNodeParameter('mailboxMode');
				const mailbox = client.mailbox(mode === 'one' || mode === undefined ? this.getCurrentNodeParameter('mailbox') : '');
				return await triggerFolderOptions(client, mailbox);
			},
		},
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
