/**
 * Get Many's filters: UI only. What each filter means is in the mail layer (`shared/mail/filters.ts`).
 */
import type { INodeProperties } from 'n8n-workflow';

import { choice } from '../../shared/descriptions/fields.description';
import { IMPORTANCE_OPTIONS } from '../../shared/descriptions/message.description';

export const messageFilterOptions: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		placeholder: 'e.g. Red category',
		description: 'Only messages in this category',
	},
	{
		displayName: 'Custom Filter',
		name: 'custom',
		type: 'string',
		default: '',
		placeholder: "e.g. startswith(subject,'Invoice')",
		description:
			'An OData $filter expression on message properties, combined in parentheses with the other filters by "and". Graph rejects some combinations as too complex (InefficientFilter).',
	},
	{
		displayName: 'Flagged Only',
		name: 'flaggedOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only messages flagged for follow-up',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: 'e.g. alex@contoso.com',
		description: 'Only messages from this email address',
	},
	{
		displayName: 'Has Attachments',
		name: 'hasAttachments',
		type: 'boolean',
		default: false,
		description: 'Whether to return only messages that have attachments',
	},
	choice('Importance', 'importance', 'high', IMPORTANCE_OPTIONS, { description: 'Only messages of this importance' }),
	{
		displayName: 'Received After',
		name: 'receivedAfter',
		type: 'dateTime',
		default: '',
		description: 'Only messages received at or after this time',
	},
	{
		displayName: 'Received Before',
		name: 'receivedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only messages received before this time',
	},
	{
		displayName: 'Subject Contains',
		name: 'subjectContains',
		type: 'string',
		default: '',
		description: 'Only messages whose subject contains this text',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'e.g. adele@contoso.com',
		description: 'Only messages with this email address among the To recipients',
	},
	{
		displayName: 'Unread Only',
		name: 'unreadOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only unread messages',
	},
];
