/**
 * The parameters both triggers share: what starts the workflow, which mailboxes and folders are watched, the
 * filters and the options (each trigger may add its own options).
 */
import type { INodeProperties } from 'n8n-workflow';

import { eventProperties } from './eventOptions.description';
import { choice, collection, optionsCollection } from './fields.description';
import { mailboxProperty } from './mailbox.description';
import { attachmentsPrefixProperty, downloadAttachmentsProperty, fieldsProperty, IMPORTANCE_OPTIONS, outputProperty } from './message.description';

export function mailWatchProperties(extraOptions: INodeProperties[] = []): INodeProperties[] {
	return [
		...eventProperties,
		{
			displayName: 'Watch',
			name: 'mailboxMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Default Mailbox', value: 'default', description: 'The credential\'s Default User ID' },
				{ name: 'One Mailbox', value: 'one', description: 'The mailbox named below (empty: the default)' },
				{ name: 'List of Mailboxes', value: 'list', description: 'Each mailbox of a list' },
				{ name: 'Members of a Group', value: 'group', description: "Every member of a group with a mailbox, nested groups' members included; the members are read again at most every 15 minutes" },
			],
			default: 'one',
			description: 'Which mailboxes to watch. Each mailbox keeps its own state, and each item says which mailbox it came from ("mailbox").',
		},
		{ ...mailboxProperty, displayOptions: { show: { mailboxMode: ['one'] } } },
		{
			displayName: 'Mailboxes',
			name: 'mailboxes',
			type: 'string',
			default: '',
			placeholder: 'e.g. sales@contoso.com, support@contoso.com',
			description: 'User principal names, email addresses or object IDs, comma- or line-separated, or a list from an expression. A mailbox added later starts from then: its older mail is not emitted.',
			displayOptions: { show: { mailboxMode: ['list'] } },
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 02bd9fd6-8f93-4758-87c3-1fb73740a315',
			description: "Object ID of the group (Entra ID). Members who join later start from then: their older mail is not emitted. Use well-known folders (Inbox ...) with many mailboxes: a folder ID names a folder of one mailbox only.",
			displayOptions: { show: { mailboxMode: ['group'] } },
		},
		{
			displayName: 'Folder Names or IDs',
			name: 'folders',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getFolders', loadOptionsDependsOn: ['mailboxMode', 'mailbox'] },
			default: ['inbox'],
			description:
				'Folders to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		collection('Filters', 'filters', 'Add filter', [
			{
				displayName: 'Category',
				name: 'category',
				type: 'string',
				default: '',
				description: 'Only messages with this Outlook category',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'string',
				default: '',
				placeholder: 'e.g. orders@contoso.com, billing@contoso.com',
				description: 'Only messages from one of these addresses (comma-separated)',
			},
			{
				displayName: 'Has Attachments',
				name: 'hasAttachments',
				type: 'boolean',
				default: false,
				description: 'Whether to only emit messages with attachments',
			},
			choice('Importance', 'importance', 'any', [{ name: 'Any', value: 'any' }, ...IMPORTANCE_OPTIONS]),
			{
				displayName: 'Subject Contains',
				name: 'subjectContains',
				type: 'string',
				default: '',
			},
			{
				displayName: 'To or Cc',
				name: 'to',
				type: 'string',
				default: '',
				placeholder: 'e.g. support@contoso.com',
				description: 'Only messages sent to one of these addresses, in To or Cc (comma-separated)',
			},
			{
				displayName: 'Unread Only',
				name: 'unreadOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to only emit messages that are unread when they are found',
			},
		]),
		optionsCollection([
			attachmentsPrefixProperty,
			downloadAttachmentsProperty,
			fieldsProperty,
			{
				displayName: 'Include Mail Already in the Folders',
				name: 'includeExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation emits the mail already there (oldest first, in batches), instead of starting from now',
			},
			{
				displayName: 'Mark as Read',
				name: 'markAsRead',
				type: 'boolean',
				default: false,
				description: 'Whether to mark each emitted message as read',
			},
			outputProperty,
		...extraOptions,
	]),
	];
}
