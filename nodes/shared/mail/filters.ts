/**
 * Message filters, one meaning each, for both nodes: Get Many sends them to Graph as one OData `$filter`; the
 * trigger (delta queries cannot filter) applies its own to each new message here. Where both nodes offer a filter
 * (Subject Contains, Importance, Has Attachments, Unread Only, Category) it means the same in both: Graph's
 * `contains` and `eq` on these fields are not case-sensitive, and neither is the match here. From and To differ on
 * purpose: Get Many's take one address (To: among To recipients), the trigger's a list (To or Cc).
 */
import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';
import { textValue } from '../graph/text';
import { odataDateTime } from './dates';
import { odataString } from './odata';
import { importanceOf } from './types';

/*
 * Get Many's filters as one OData `$filter`, with the `$orderby` Graph accepts next to it.
 *
 * Exchange's InefficientFilter rule: when a request has both `$filter` and `$orderby`, every `$orderby`
 * property must also appear in `$filter`, in the same order, before any other property. We always sort by
 * receivedDateTime, so the filter always starts with a receivedDateTime clause: the user's "received
 * after" or "received before", or `receivedDateTime ge 1900-01-01T00:00:00Z`, which matches every message.
 */

export const MATCH_ALL_RECEIVED = 'receivedDateTime ge 1900-01-01T00:00:00Z';

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
		throw new GraphInputError(field, INPUT_TEXTS.customFilter(field));
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
	if (text('importance')) others.push(`importance eq ${odataString(importanceOf(text('importance')))}`);
	if (text('category')) others.push(`categories/any(c:c eq ${odataString(text('category'))})`);
	if (filters.flaggedOnly === true) others.push("flag/flagStatus eq 'flagged'");
	if (text('custom')) others.push(customFilterExpression(text('custom')));

	const $orderby = `receivedDateTime ${sort === 'oldest' ? 'asc' : 'desc'}`;
	if (received.length === 0 && others.length === 0) return { $orderby };
	const leading = received.length ? received : [MATCH_ALL_RECEIVED];
	return { $filter: [...leading, ...others].join(' and '), $orderby };
}

function present(value: unknown): boolean {
	return !(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
}

/** The trigger's filters; delta queries cannot filter, so they are applied to each new message here. */
export interface TriggerFilters {
	from?: string;
	to?: string;
	subjectContains?: string;
	importance?: string;
	hasAttachments?: boolean;
	unreadOnly?: boolean;
	category?: string;
}

function list(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((part) => part.trim().toLowerCase())
		.filter(Boolean);
}

function addresses(recipients: unknown): string[] {
	if (!Array.isArray(recipients)) return [];
	return recipients
		.map((recipient) => ((recipient as IDataObject)?.emailAddress as IDataObject | undefined)?.address)
		.filter((address): address is string => typeof address === 'string')
		.map((address) => address.toLowerCase());
}

export function matchesFilters(message: IDataObject, filters: TriggerFilters): boolean {
	const from = list(filters.from);
	if (from.length && !from.some((address) => addresses([message.from]).includes(address))) return false;

	const to = list(filters.to);
	if (to.length) {
		const recipients = [...addresses(message.toRecipients), ...addresses(message.ccRecipients)];
		if (!to.some((address) => recipients.includes(address))) return false;
	}

	const subject = filters.subjectContains?.trim().toLowerCase();
	if (subject && !String(message.subject ?? '').toLowerCase().includes(subject)) return false;

	if (filters.importance && filters.importance !== 'any' && message.importance !== filters.importance) return false;
	if (filters.hasAttachments === true && message.hasAttachments !== true) return false;
	if (filters.unreadOnly === true && message.isRead === true) return false;

	const category = filters.category?.trim().toLowerCase();
	if (category) {
		const categories = Array.isArray(message.categories) ? message.categories.map((c) => String(c).toLowerCase()) : [];
		if (!categories.includes(category)) return false;
	}
	return true;
}
