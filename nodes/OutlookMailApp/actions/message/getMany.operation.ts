import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choice, collection } from '../../../shared/descriptions/fields.description';
import type { Query } from '../../../shared/graph/client';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { buildMessageQuery, type SortOrder } from '../../../shared/mail/filters';
import { bodyFormatHeader, messageItem } from '../../../shared/mail/messageOutput';
import { searchValue } from '../../../shared/mail/odata';
import { mailFolderPath, messagesPath } from '../../../shared/mail/paths';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { messageFilterOptions } from '../../descriptions/filters.description';
import { folderLocator } from '../../descriptions/locators.description';
import { messageItemOptions, messageOutputProperties } from '../../descriptions/message.description';
import { locatorValue } from '../../helpers/locators';
import { outputSelect } from '../../helpers/output';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	choice('Folders', 'folderScope', 'all', [
		{ name: 'All Folders', value: 'all', description: 'The whole mailbox' },
		{ name: 'One Folder', value: 'folder', description: 'Only the messages directly in one folder' },
	]),
	{
		...folderLocator('folderId', 'Folder', 'The folder to list, by full path from the list, or by ID or well-known name (inbox, sentitems...)'),
		displayOptions: { show: { folderScope: ['folder'] } },
	},
	...returnAllOrLimit(),
	choice('Select Messages By', 'selectBy', 'filters', [
		{ name: 'Filters', value: 'filters', description: 'Sender, dates, read state and more, in the chosen order' },
		{ name: 'Search Query', value: 'search', description: "Outlook's full-text search (KQL), by relevance" },
	]),
	{
		displayName:
			'Graph does not combine a search with filters or a sort order: results come by relevance, and a search returns at most 1000 messages.',
		name: 'searchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { selectBy: ['search'] } },
	},
	{
		displayName: 'Search Query',
		name: 'searchQuery',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. from:alex subject:"quarterly report"',
		description: 'Words to find, or KQL such as from:, to:, subject:, body:, attachment:, received>=2024-06-01',
		displayOptions: { show: { selectBy: ['search'] } },
	},
	collection('Filters', 'filters', 'Add Filter', messageFilterOptions, { displayOptions: { show: { selectBy: ['filters'] } } }),
	choice('Sort', 'sort', 'newest', [
		{ name: 'Newest First', value: 'newest' },
		{ name: 'Oldest First', value: 'oldest' },
	], { description: 'Order by the time the message was received', displayOptions: { show: { selectBy: ['filters'] } } }),
	...messageOutputProperties(),
	messageItemOptions,
];

export default defineOperation({
	resource: 'message',
	operation: 'getMany',
	option: { name: 'Get Many', description: 'Get many messages', action: 'Get many messages from a folder or a whole mailbox' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const path =
			this.getNodeParameter('folderScope', itemIndex, 'all') === 'folder'
				? mailFolderPath(mailbox, locatorValue(this, 'folderId', itemIndex, 'Folder')).child('messages')
				: messagesPath(mailbox);

		const query: Query = { $select: outputSelect(this, itemIndex) };
		if (this.getNodeParameter('selectBy', itemIndex, 'filters') === 'search') {
			const text = textValue(this.getNodeParameter('searchQuery', itemIndex, ''), 'Search Query').trim();
			if (text === '') throw new GraphInputError('Search Query', INPUT_TEXTS.empty('Search Query'));
			query.$search = searchValue(text, 'Search Query');
		} else {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const sort = this.getNodeParameter('sort', itemIndex, 'newest') as SortOrder;
			Object.assign(query, buildMessageQuery(filters, sort, this.getTimezone()));
		}

		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
			throw new GraphInputError('Limit', INPUT_TEXTS.limit);
		}
		const messages = await client.paginate<IDataObject>(
			{ method: 'GET', path, query, headers: bodyFormatHeader(options.bodyFormat), itemIndex },
			{ limit },
		);

		const items: INodeExecutionData[] = [];
		for (const message of messages) items.push(await messageItem(this, client, mailbox, message, options, itemIndex));
		return items;
	},
});
