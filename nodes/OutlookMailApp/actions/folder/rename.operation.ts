import type { INodeProperties } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { folderOutput } from '../../../shared/mail/folders';
import { mailFolderPath } from '../../../shared/mail/paths';
import type { MailFolder } from '../../../shared/mail/types';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	folderLocator('folderId', 'Folder'),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Invoices 2026',
	},
];

export default defineOperation({
	resource: 'folder',
	operation: 'rename',
	option: { name: 'Rename', description: 'Rename a folder', action: 'Rename a folder' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const folderId = locatorValue(this, 'folderId', itemIndex, 'Folder');
		const newName = textValue(this.getNodeParameter('newName', itemIndex, ''), 'New Name').trim();
		if (newName === '') throw new GraphInputError('New Name', INPUT_TEXTS.empty('New Name'));

		const folder = await client.request<MailFolder>({
			method: 'PATCH',
			path: mailFolderPath(mailbox, folderId),
			body: { displayName: newName },
			itemIndex,
		});
		return [{ json: folderOutput(folder) }];
	},
});
