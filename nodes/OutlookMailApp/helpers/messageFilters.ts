import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { GraphInputError } from '../../shared/graph/errors';
import { odataString } from '../../shared/mail/odata';
import { encodableText, textValue } from '../../shared/graph/text';
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

/** The filters' display names, so that errors name the field the user sees. */
const FILTER_NAMES: Record<string, string> = {
	category: 'Category',
	custom: 'Custom Filter',
	from: 'From',
	importance: 'Importance',
	receivedAfter: 'Received After',
	receivedBefore: 'Received Before',
	subjectContains: 'Subject Contains',
	to: 'To',
};

/**
 * The Custom Filter, checked to be one expression that stays inside the parentheses it is wrapped in: its
 * parentheses balance outside string literals (`'...'`, with `''` for a quote) and every literal is closed, so
 * `x) or (true` cannot reach beyond the other filters.
 */
export function customFilterExpression(value: string, field = 'Custom Filter'): string {
	let depth = 0;
	let quoted = false;
	for (const char of value) {
		if (char === "'") quoted = !quoted; // '' inside a literal toggles twice: still inside
		else if (quoted) continue;
		else if (char === '(') depth++;
		else if (char === ')' && --depth < 0) break;
	}
	if (quoted || depth !== 0) {
		throw new GraphInputError(
			field,
			`${field} is not one expression: its parentheses do not balance or a quoted text is not closed, so it cannot be combined with the other filters`,
		);
	}
	return `(${value})`;
}

/** `$filter` and `$orderby` for the filters given (an empty filter collection: only `$orderby`). */
export function buildMessageQuery(filters: IDataObject, sort: SortOrder, timeZone: string): MessageQuery {
	const text = (key: string): string => textValue(filters[key], FILTER_NAMES[key]).trim();
	const received: string[] = [];
	if (present(filters.receivedAfter)) {
		received.push(`receivedDateTime ge ${odataDateTime(filters.receivedAfter, 'Received After', timeZone)}`);
	}
	if (present(filters.receivedBefore)) {
		received.push(`receivedDateTime lt ${odataDateTime(filters.receivedBefore, 'Received Before', timeZone)}`);
	}

	const others: string[] = [];
	if (text('from')) others.push(`from/emailAddress/address eq ${odataString(text('from'))}`);
	if (text('to')) others.push(`toRecipients/any(r:r/emailAddress/address eq ${odataString(text('to'))})`);
	if (text('subjectContains')) others.push(`contains(subject,${odataString(text('subjectContains'))})`);
	if (filters.unreadOnly === true) others.push('isRead eq false');
	if (filters.hasAttachments === true) others.push('hasAttachments eq true');
	if (text('importance')) {
		const importance = text('importance');
		if (!['low', 'normal', 'high'].includes(importance)) {
			throw new GraphInputError('Importance', 'Importance must be "low", "normal" or "high"');
		}
		others.push(`importance eq ${odataString(importance)}`);
	}
	if (text('category')) others.push(`categories/any(c:c eq ${odataString(text('category'))})`);
	if (filters.flaggedOnly === true) others.push("flag/flagStatus eq 'flagged'");
	if (text('custom')) others.push(customFilterExpression(text('custom')));

	const $orderby = `receivedDateTime ${sort === 'oldest' ? 'asc' : 'desc'}`;
	if (received.length === 0 && others.length === 0) return { $orderby };
	const leading = received.length ? received : [MATCH_ALL_RECEIVED];
	return { $filter: [...leading, ...others].join(' and '), $orderby };
}

/**
 * A KQL query as Graph's `$search` takes it: in double quotes, with the quotes and backslashes inside
 * escaped, so `subject:"quarterly report"` stays one phrase. The one way every `$search` phrase is written
 * (Get Many's Search Query and the list search box alike).
 */
export function searchValue(query: string, field = 'Search Query'): string {
	return `"${encodableText(query, field).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function present(value: unknown): boolean {
	return !(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
}
