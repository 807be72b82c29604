import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { choice, collection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { graphDateTimeTimeZone } from '../../../shared/mail/dates';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messagePath } from '../../../shared/mail/paths';
import { MESSAGE_CATEGORY_FIELDS } from '../../../shared/mail/select';
import { importanceOf } from '../../../shared/mail/types';
import { importanceField } from '../../descriptions/compose.description';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { parseNameList } from '../../helpers/names';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	messageLocator,
	collection('Update Fields', 'updateFields', 'Add Field', [
		{
			displayName: 'Category Names or IDs',
			name: 'categories',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getCategories', loadOptionsDependsOn: ['mailbox'] },
			default: [],
			description:
				'Names from the mailbox\'s master list (an expression may give names as a list or as text separated by commas); see Categories Mode. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		choice('Categories Mode', 'categoriesMode', 'add', [
			{ name: 'Add', value: 'add', description: 'Add these categories to those the message has' },
			{ name: 'Remove', value: 'remove', description: 'Remove these categories from the message' },
			{ name: 'Replace', value: 'replace', description: 'The message has exactly these categories afterwards' },
		]),
		{
			displayName: 'Flag Due Date',
			name: 'flagDueDate',
			type: 'dateTime',
			default: '',
			description: 'When the follow-up is due (the message is flagged)',
		},
		{
			displayName: 'Flag Start Date',
			name: 'flagStartDate',
			type: 'dateTime',
			default: '',
			description: 'When the follow-up starts; the due date when not set',
		},
		choice('Flag Status', 'flagStatus', 'flagged', [
			{ name: 'Complete', value: 'complete' },
			{ name: 'Flagged', value: 'flagged' },
			{ name: 'Not Flagged', value: 'notFlagged' },
		]),
		importanceField,
		choice('Read Status', 'readStatus', 'read', [
			{ name: 'Read', value: 'read' },
			{ name: 'Unread', value: 'unread' },
		]),
	], { description: 'Only the fields added here change' }),
];

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

function followupFlag(fields: IDataObject, timeZone: string): IDataObject {
	const status = (fields.flagStatus ?? 'flagged') as string;
	if (!['notFlagged', 'flagged', 'complete'].includes(status)) {
		throw new GraphInputError('Flag Status', INPUT_TEXTS.flagStatus);
	}
	const flag: IDataObject = { flagStatus: status };
	const due = present(fields.flagDueDate) ? graphDateTimeTimeZone(fields.flagDueDate, 'Flag Due Date', timeZone) : undefined;
	const start = present(fields.flagStartDate) ? graphDateTimeTimeZone(fields.flagStartDate, 'Flag Start Date', timeZone) : undefined;
	if ((due || start) && status !== 'flagged') {
		throw new GraphInputError(due ? 'Flag Due Date' : 'Flag Start Date', INPUT_TEXTS.flagDatesNeedFlagged);
	}
	// Graph refuses a due date without a start date; Outlook's own quick flags start on the day they are due.
	if (start ?? due) flag.startDateTime = start ?? due;
	if (due) flag.dueDateTime = due;
	return flag;
}

export default defineOperation({
	resource: 'message',
	operation: 'update',
	option: { name: 'Update', description: 'Mark read or unread, set importance, categories or a flag', action: 'Update a message' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const path = messagePath(mailbox, messageId);

		const patch: IDataObject = {};
		if (fields.readStatus !== undefined) patch.isRead = fields.readStatus === 'read';
		if (fields.importance !== undefined) patch.importance = importanceOf(fields.importance);
		if (['flagStatus', 'flagDueDate', 'flagStartDate'].some((key) => fields[key] !== undefined)) {
			patch.flag = followupFlag(fields, this.getTimezone());
		}
		if (fields.categories !== undefined) {
			const names = parseNameList(fields.categories, 'Categories');
			const mode = (fields.categoriesMode ?? 'add') as string;
			if (mode === 'replace') {
				patch.categories = names;
			} else if (mode === 'add' || mode === 'remove') {
				// Graph only replaces the whole list: read the current one first.
				const current = await client.request<{ categories?: string[] }>({
					method: 'GET',
					path,
					query: { $select: MESSAGE_CATEGORY_FIELDS },
					itemIndex,
				});
				patch.categories = changeCategories(current.categories ?? [], names, mode);
			} else {
				throw new GraphInputError('Categories Mode', INPUT_TEXTS.categoriesMode);
			}
		} else if (fields.categoriesMode !== undefined) {
			throw new GraphInputError('Categories', INPUT_TEXTS.categoriesModeAlone);
		}
		if (Object.keys(patch).length === 0) {
			throw new GraphInputError('Update Fields', INPUT_TEXTS.nothingToUpdate);
		}

		const updated = await client.request<IDataObject>({ method: 'PATCH', path, body: patch, itemIndex });
		return [{ json: withoutAnnotations(updated) }];
	},
});

/** Categories compare case-insensitively, as Outlook's do. */
function changeCategories(current: string[], names: string[], mode: 'add' | 'remove'): string[] {
	const key = (name: string) => name.toLowerCase();
	if (mode === 'remove') {
		const removed = new Set(names.map(key));
		return current.filter((name) => !removed.has(key(name)));
	}
	const result = [...current];
	const seen = new Set(current.map(key));
	for (const name of names) {
		if (seen.has(key(name))) continue;
		seen.add(key(name));
		result.push(name);
	}
	return result;
}
