import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/fields.description';
import { mailFolderPath } from '../../../shared/mail/paths';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	folderLocator('folderId', 'Folder'),
	optionsCollection([
		{
			displayName: 'Delete Permanently',
			name: 'permanent',
			type: 'boolean',
			default: false,
			description:
				'Whether to remove the folder and everything in it from the mailbox at once, instead of moving it to Deleted Items. It cannot be restored from Outlook.',
		},
	]),
];

export default defineOperation({
	resource: 'folder',
	operation: 'delete',
	option: { name: 'Delete', description: 'Delete a folder', action: 'Delete a folder' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const permanent = options.permanent === true;
		const folderPath = mailFolderPath(mailbox, folderId);

		await client.request(
			permanent
				? { method: 'POST', path: folderPath.child('permanentDelete'), itemIndex }
				: { method: 'DELETE', path: folderPath, itemIndex },
		);
		return [{ json: { success: true, id: folderId, permanentlyDeleted: permanent } }];
	},
});
