import type { IDataObject } from 'n8n-workflow';

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

/** Fields the filters read: always asked of Graph, whatever the output. */
export const FILTER_FIELDS = [
	'from',
	'toRecipients',
	'ccRecipients',
	'subject',
	'importance',
	'hasAttachments',
	'isRead',
	'categories',
	'receivedDateTime',
	'isDraft',
];

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
