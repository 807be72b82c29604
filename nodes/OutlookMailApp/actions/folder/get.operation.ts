import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { folderFullPath, folderOutput, getFolder } from '../../../shared/mail/folders';

const properties: INodeProperties[] = [
	folderLocator('folderId', 'Folder'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Full Path',
				name: 'includePath',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the folder\'s full path, such as Inbox/Clients/ACME, as "path". Costs one more request per level above the folder.',
			},
		],
	},
];

export const description = forOperation('folder', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const folder = await getFolder(client, mailbox, folderId, itemIndex);
	const path = options.includePath === true ? await folderFullPath(client, mailbox, folder, itemIndex) : undefined;
	return [{ json: folderOutput(folder, path) }];
}
