import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { GraphInputError } from '../../../shared/graph/errors';
import { INPUT_TEXTS } from '../../../shared/graph/errorTexts';
import { mailFolderPath } from '../../../shared/mail/paths';
import { textValue } from '../../../shared/graph/text';
import { folderLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { folderOutput } from '../../../shared/mail/folders';
import { type MailFolder } from '../../../shared/mail/types';

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

export const description = forOperation('folder', 'rename', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
}
