import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/fields.description';
import { folderFullPath, folderOutput, getFolder } from '../../../shared/mail/folders';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	folderLocator('folderId', 'Folder'),
	optionsCollection([
		{
			displayName: 'Include Full Path',
			name: 'includePath',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the folder\'s full path, such as Inbox/Clients/ACME, as "path". Costs one more request per level above the folder.',
		},
	]),
];

export default defineOperation({
	resource: 'folder',
	operation: 'get',
	option: { name: 'Get', description: 'Get a folder', action: 'Get a folder' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

		const folder = await getFolder(client, mailbox, folderId, itemIndex);
		const path = options.includePath === true ? await folderFullPath(client, mailbox, folder, itemIndex) : undefined;
		return [{ json: folderOutput(folder, path) }];
	},
});
