/**
 * The fields of an Inbox rule (Graph's messageRule): its conditions and exceptions (messageRulePredicates, the same
 * fields twice) and its actions (messageRuleActions). Names are Graph's property names where one field is one
 * property; the size range is two fields.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { choice, collection } from '../../shared/descriptions/fields.description';
import { IMPORTANCE_OPTIONS } from '../../shared/descriptions/message.description';
import { folderPathLocator } from './locators.description';

export const SENSITIVITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Confidential', value: 'confidential' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'Personal', value: 'personal' },
	{ name: 'Private', value: 'private' },
];

const addresses = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. billing@northwind.example, Jane Doe <jane@contoso.com>',
	description: `${description}: addresses separated by commas, or an expression giving a list`,
});

const texts = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description: `${description}: texts separated by commas, or an expression giving a list; any one of them matches (case does not matter)`,
});

const flag = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: true,
	description,
});

/** The predicate fields, for Conditions (all must hold) and Exceptions (none may hold). */
function predicateFields(): INodeProperties[] {
	return [
		texts('Body Contains', 'bodyContains', 'The body contains'),
		texts('Body or Subject Contains', 'bodyOrSubjectContains', 'The subject or the body contains'),
		addresses('From', 'fromAddresses', 'Sent by one of these senders'),
		flag('Has Attachments', 'hasAttachments', 'Whether only messages with attachments match'),
		texts('Header Contains', 'headerContains', 'A message header (name or value) contains'),
		choice('Importance', 'importance', 'high', IMPORTANCE_OPTIONS),
		{
			displayName: 'Maximum Size (KB)',
			name: 'maximumSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1024,
			description: 'Messages of at most this size, in kilobytes',
		},
		{
			displayName: 'Minimum Size (KB)',
			name: 'minimumSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Messages of at least this size, in kilobytes',
		},
		texts('Recipient Contains', 'recipientContains', 'A To or Cc recipient\'s name or address contains'),
		texts('Sender Contains', 'senderContains', 'The sender\'s name or address contains'),
		choice('Sensitivity', 'sensitivity', 'confidential', SENSITIVITY_OPTIONS),
		flag('Sent Only to Me', 'sentOnlyToMe', 'Whether only messages where the mailbox is the only recipient match'),
		addresses('Sent To', 'sentToAddresses', 'Sent to one of these recipients (To or Cc)'),
		texts('Subject Contains', 'subjectContains', 'The subject contains'),
	];
}

/** Where a rule runs among the mailbox's rules. */
export const sequenceField: INodeProperties = {
	displayName: 'Sequence',
	name: 'sequence',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'Where the rule runs among the mailbox\'s rules: lower numbers run first',
};

export const conditionsField = (description: string): INodeProperties =>
	collection('Conditions', 'conditions', 'Add Condition', predicateFields(), { description });

export const exceptionsField = (description: string): INodeProperties =>
	collection('Exceptions', 'exceptions', 'Add Exception', predicateFields(), { description });

export const actionsField = (description: string): INodeProperties =>
	collection(
		'Actions',
		'actions',
		'Add Action',
		[
			{
				displayName: 'Assign Categories',
				name: 'assignCategories',
				type: 'string',
				default: '',
				placeholder: 'e.g. Red category, Invoices',
				description: 'Category names separated by commas, or an expression giving a list',
			},
			folderPathLocator('copyToFolder', 'Copy to Folder', 'Put a copy in this folder: from the list, by ID or well-known name (archive), or by path (Inbox/Clients/ACME)'),
			flag('Delete', 'delete', 'Whether to move the message to Deleted Items'),
			addresses('Forward As Attachment To', 'forwardAsAttachmentTo', 'Forward the message as an attachment'),
			addresses('Forward To', 'forwardTo', 'Forward the message'),
			flag('Mark as Read', 'markAsRead', 'Whether to mark the message as read'),
			choice('Mark Importance', 'markImportance', 'high', IMPORTANCE_OPTIONS),
			folderPathLocator('moveToFolder', 'Move to Folder', 'Move the message to this folder: from the list, by ID or well-known name (archive), or by path (Inbox/Clients/ACME)'),
			addresses('Redirect To', 'redirectTo', 'Redirect the message, keeping its original sender'),
			flag('Stop Processing More Rules', 'stopProcessingRules', 'Whether later rules are skipped for a message this rule applied to'),
		],
		{ description },
	);
