import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

import { collection } from '../shared/descriptions/fields.description';
import { mailboxProperty, OUTLOOK_MAIL_APP_ICON } from '../shared/descriptions/mailbox.description';
import { testOutlookMailAppCredential } from '../shared/graph/connectionTest';
import { CREDENTIAL_TYPE } from '../shared/graph/settings';
import { attachmentDescription } from './actions/attachment';
import { folderDescription } from './actions/folder';
import { messageDescription } from './actions/message';
import { RESOURCE_OPTIONS } from './actions/node.type';
import { router } from './actions/router';
import { listSearch } from './methods';

const RESOURCES = [messageDescription, folderDescription, attachmentDescription];
const isOperation = (property: INodeProperties): boolean => property.name === 'operation';

export class OutlookMailApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outlook Mail (App)',
		name: 'outlookMailApp',
		icon: OUTLOOK_MAIL_APP_ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read, send and organise Outlook mail in any mailbox of a Microsoft 365 tenant, as an Entra ID app',
		defaults: { name: 'Outlook Mail (App)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true, testedBy: 'outlookMailAppApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [...RESOURCE_OPTIONS],
				default: 'message',
			},
			// The editor shows parameters in this order: Resource, Operation, Mailbox, then the operation's own.
			...RESOURCES.flatMap((resource) => resource.filter(isOperation)),
			mailboxProperty,
			...RESOURCES.flatMap((resource) => resource.filter((property) => !isOperation(property))),
			collection('Request Options', 'requestOptions', 'Add option', [
				{
					displayName: 'Batching',
					name: 'batching',
					type: 'boolean',
					default: true,
					description:
						'Whether to work on many items at once: requests go to Graph in JSON batches of 20, at most 4 operations at a time per mailbox (Outlook\'s limit). Off: one request per item, one item after another. Sends are never batched.',
				},
			]),
		],
	};

	methods = {
		listSearch,
		credentialTest: { outlookMailAppApiTest: testOutlookMailAppCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
