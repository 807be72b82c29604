import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { categoryColor, categoryOutput, type MasterCategory } from '../../../shared/mail/categories';
import { masterCategoryPath } from '../../../shared/mail/paths';
import { categoryLocator } from '../../descriptions/locators.description';
import { categoryFromLocator } from './locator';
import { defineOperation } from '../defineOperation';
import { colorField } from './colorField';

const properties: INodeProperties[] = [
	categoryLocator,
	{
		displayName:
			'Graph does not allow renaming a category: only its colour changes. To rename one, create a category with the new name, give it to the messages, then delete the old one.',
		name: 'renameNotice',
		type: 'notice',
		default: '',
	},
	colorField('Red', { required: true }),
	{
		displayName: 'Current Name',
		name: 'name',
		type: 'string',
		default: '',
		description:
			'Optional check: the name the category must have (without regard to case). Graph cannot rename, so another name fails the item and nothing changes.',
	},
];

export default defineOperation({
	resource: 'category',
	operation: 'update',
	option: { name: 'Update', description: "Change a category's colour (Graph does not allow renaming)", action: 'Update a category' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const color = categoryColor(this.getNodeParameter('color', itemIndex), 'Color');
		const name = textValue(this.getNodeParameter('name', itemIndex, ''), 'Current Name').trim();
		const { id, found } = await categoryFromLocator(this, client, mailbox, itemIndex);
		const path = masterCategoryPath(mailbox, id);
		if (name) {
			const current = found ?? (await client.request<MasterCategory>({ method: 'GET', path, itemIndex }));
			if (current.displayName.toLowerCase() !== name.toLowerCase()) {
				throw new GraphInputError('Current Name', INPUT_TEXTS.categoryRename(current.displayName, name));
			}
		}
		const updated = await client.request<IDataObject>({ method: 'PATCH', path, body: { color }, itemIndex });
		return [{ json: categoryOutput(updated) }];
	},
});
