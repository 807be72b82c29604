import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/fields.description';
import { folderFullPath, getFolder, listFolders } from '../../../shared/mail/folders';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { limitOf } from '../../helpers/paging';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{
		...folderLocator(
			'parentFolderId',
			'Parent Folder',
			'Lists the folders under this one. Empty: the top-level folders of the mailbox (Inbox, Sent Items...). Well-known names work as IDs: inbox, archive, msgfolderroot.',
		),
		required: false,
	},
	...returnAllOrLimit(),
	optionsCollection([
		{
			displayName: 'Include Hidden Folders',
			name: 'includeHidden',
			type: 'boolean',
			default: false,
			description: 'Whether to list hidden folders too (isHidden is true), and, when recursive, the folders inside them',
		},
		{
			displayName: 'Recursive',
			name: 'recursive',
			type: 'boolean',
			default: false,
			description:
				'Whether to list every folder below, at any depth, not only the direct children. Each folder comes with its full path, such as Inbox/Clients/ACME.',
		},
	]),
];

/** The parent locator, or undefined when left empty (the top of the mailbox). */
function parentOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = locatorValue(context, 'parentFolderId', itemIndex, 'Parent Folder');
	return value.trim() === '' ? undefined : value;
}

export default defineOperation({
	resource: 'folder',
	operation: 'getMany',
	option: { name: 'Get Many', description: 'List folders', action: 'Get many folders with their full paths' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const parentId = parentOf(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const limit = limitOf(this, itemIndex);

		// Paths are full paths: under a parent, the parent's own path is looked up first.
		const parentPath = parentId
			? await folderFullPath(client, mailbox, await getFolder(client, mailbox, parentId, itemIndex, 'Parent Folder'), itemIndex)
			: '';
		const folders = await listFolders(client, mailbox, {
			parentId,
			parentPath,
			recursive: options.recursive === true,
			includeHidden: options.includeHidden === true,
			limit,
			itemIndex,
		});
		return folders.map((folder) => ({ json: folder }));
	},
});
