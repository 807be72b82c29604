import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { GraphInputError } from '../../shared/graph/errors';
import { odataString } from '../../shared/graph/paths';
import { odataDateTime } from './dates';

/**
 * Get Many's filters as one OData `$filter`, with the `$orderby` Graph accepts next to it.
 *
 * Exchange's InefficientFilter rule: when a request has both `$filter` and `$orderby`, every `$orderby`
 * property must also appear in `$filter`, in the same order, before any other property. We always sort by
 * receivedDateTime, so the filter always starts with a receivedDateTime clause: the user's "received
 * after" or "received before", or `receivedDateTime ge 1900-01-01T00:00:00Z`, which matches every message.
 */

export const MATCH_ALL_RECEIVED = 'receivedDateTime ge 1900-01-01T00:00:00Z';

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
			'An OData $filter expression on message properties, combined with the other filters by "and". Graph rejects some combinations as too complex (InefficientFilter).',
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
	{
		displayName: 'Importance',
		name: 'importance',
		type: 'options',
		default: 'high',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Normal', value: 'normal' },
		],
		description: 'Only messages of this importance',
	},
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

export type SortOrder = 'newest' | 'oldest';

export interface MessageQuery {
	$filter?: string;
	$orderby: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim());

/** `$filter` and `$orderby` for the filters given (an empty filter collection: only `$orderby`). */
export function buildMessageQuery(filters: IDataObject, sort: SortOrder, timeZone: string): MessageQuery {
	const received: string[] = [];
	if (text(filters.receivedAfter)) {
		received.push(`receivedDateTime ge ${odataDateTime(filters.receivedAfter, 'Received After', timeZone)}`);
	}
	if (text(filters.receivedBefore)) {
		received.push(`receivedDateTime lt ${odataDateTime(filters.receivedBefore, 'Received Before', timeZone)}`);
	}

	const others: string[] = [];
	if (text(filters.from)) others.push(`from/emailAddress/address eq ${odataString(text(filters.from))}`);
	if (text(filters.to)) others.push(`toRecipients/any(r:r/emailAddress/address eq ${odataString(text(filters.to))})`);
	if (text(filters.subjectContains)) others.push(`contains(subject,${odataString(text(filters.subjectContains))})`);
	if (filters.unreadOnly === true) others.push('isRead eq false');
	if (filters.hasAttachments === true) others.push('hasAttachments eq true');
	if (text(filters.importance)) {
		const importance = text(filters.importance);
		if (!['low', 'normal', 'high'].includes(importance)) {
			throw new GraphInputError('Importance', 'Importance must be "low", "normal" or "high"');
		}
		others.push(`importance eq ${odataString(importance)}`);
	}
	if (text(filters.category)) others.push(`categories/any(c:c eq ${odataString(text(filters.category))})`);
	if (filters.flaggedOnly === true) others.push("flag/flagStatus eq 'flagged'");
	if (text(filters.custom)) others.push(`(${text(filters.custom)})`);

	const $orderby = `receivedDateTime ${sort === 'oldest' ? 'asc' : 'desc'}`;
	if (received.length === 0 && others.length === 0) return { $orderby };
	const leading = received.length ? received : [MATCH_ALL_RECEIVED];
	return { $filter: [...leading, ...others].join(' and '), $orderby };
}

/**
 * A KQL query as Graph's `$search` takes it: in double quotes, with the quotes and backslashes inside
 * escaped, so `subject:"quarterly report"` stays one phrase.
 */
export function searchValue(query: string): string {
	return `"${query.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
