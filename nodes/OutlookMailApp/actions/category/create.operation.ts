import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { categoryColor, categoryOutput } from '../../../shared/mail/categories';
import { masterCategoriesPath } from '../../../shared/mail/paths';
import { defineOperation } from '../defineOperation';
import { colorField } from './colorField';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Invoices',
		description: 'The name messages are categorised by; unique in the mailbox, without regard to case. It cannot be changed later.',
	},
	colorField('None'),
];

export default defineOperation({
	resource: 'category',
	operation: 'create',
	option: { name: 'Create', description: "Add a category to the mailbox's master list", action: 'Create a category' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const name = textValue(this.getNodeParameter('name', itemIndex), 'Name').trim();
		if (!name) throw new GraphInputError('Name', INPUT_TEXTS.empty('Name'));
		const color = categoryColor(this.getNodeParameter('color', itemIndex, 'None'), 'Color');
		const created = await client.request<IDataObject>({
			method: 'POST',
			path: masterCategoriesPath(mailbox),
			body: { displayName: name, color },
			itemIndex,
		});
		return [{ json: categoryOutput(created) }];
	},
});
