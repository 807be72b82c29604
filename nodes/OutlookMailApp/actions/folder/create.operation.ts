import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { createFolder, findChildFolder, folderOutput, splitFolderPath, TOP_OF_MAILBOX } from '../../../shared/mail/folders';
import type { MailFolder } from '../../../shared/mail/types';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Invoices, or Clients/ACME/2026 with "Create Missing Folders of a Path"',
		description: 'Name of the new folder',
	},
	{
		...folderLocator(
			'parentFolderId',
			'Parent Folder',
			'The folder to create it in. Empty: the top of the mailbox, next to Inbox. Well-known names work as IDs: inbox, archive, msgfolderroot.',
		),
		required: false,
	},
	optionsCollection([
		{
			displayName: 'Create Missing Folders of a Path',
			name: 'createPath',
			type: 'boolean',
			default: false,
			description:
				'Whether the name is a path such as Clients/ACME/2026: each level that does not exist yet is created, existing ones are reused',
		},
		{
			displayName: 'Hidden',
			name: 'isHidden',
			type: 'boolean',
			default: false,
			description: 'Whether to create the folder hidden from Outlook\'s folder list; this cannot be changed later',
		},
		{
			displayName: 'Return Existing Folder Instead of Failing',
			name: 'returnExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the folder of that name when it already exists, instead of failing with ErrorFolderExists',
		},
	]),
];

export default defineOperation({
	resource: 'folder',
	operation: 'create',
	option: { name: 'Create', description: 'Create a folder', action: 'Create a folder' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const name = textValue(this.getNodeParameter('name', itemIndex, ''), 'Name');
		const parentValue = locatorValue(this, 'parentFolderId', itemIndex, 'Parent Folder').trim();
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

		const levels = options.createPath === true ? splitFolderPath(name, 'Name') : [name.trim()].filter(Boolean);
		if (levels.length === 0) throw new GraphInputError('Name', INPUT_TEXTS.empty('Name'));

		// Existing folders are looked up (`$filter=displayName eq '...'`) rather than found by trying to create
		// them and handling 409 ErrorFolderExists: the client turns every Graph error into a NodeApiError, and
		// a lookup is one cheap request. A folder created by someone else between the lookup and the create
		// still fails the item with ErrorFolderExists, which is what Graph would say anyway.
		let parentId: string | undefined = parentValue === '' ? undefined : parentValue;
		let folder: MailFolder | undefined;
		const names: string[] = [];
		for (const [index, level] of levels.entries()) {
			const isLast = index === levels.length - 1;
			const mayReuse = !isLast || options.returnExisting === true;
			folder = mayReuse ? await findChildFolder(client, mailbox, parentId, level, itemIndex) : undefined;
			folder ??= await createFolder(client, mailbox, parentId, level, {
				isHidden: isLast && options.isHidden === true,
				itemIndex,
			});
			parentId = folder.id;
			names.push(String(folder.displayName ?? level));
		}
		// The full path is known when the folder was made from the top of the mailbox.
		const fromTop = parentValue === '' || parentValue.toLowerCase() === TOP_OF_MAILBOX;
		const path = fromTop ? names.join('/') : undefined;
		return [{ json: folderOutput(folder!, path) }];
	},
	// One item after another: items may create the same folder path.
	sequential: true,
});
