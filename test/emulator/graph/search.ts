import { badRequest } from '../http/errors';
import type { StoredMessage } from '../state/model';

/**
 * Message `$search`, a small KQL subset: the value is a quoted phrase of terms, all of which must match (AND; an
 * `OR` between terms makes either side enough). A bare term matches subject, body, sender name or address; a
 * `property:value` term matches that property only (from, to, cc, subject, body, attachment).
 */

type Term = { property?: string; value: string };

export interface ParsedSearch {
	/** Alternatives (OR) of conjunctions (AND) of terms. */
	any: Term[][];
}

const PROPERTIES = new Set(['from', 'to', 'cc', 'subject', 'body', 'attachment', 'participants']);

function words(text: string): string[] {
	const found: string[] = [];
	const pattern = /(\w+:)?"([^"]*)"|\S+/g;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		found.push(match[2] !== undefined ? `${match[1] ?? ''}${match[2]}` : match[0]);
	}
	return found;
}

export function parseSearch(raw: string): ParsedSearch {
	let text = raw.trim();
	if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
	text = text.replace(/\\"/g, '"');
	if (text.trim() === '') throw badRequest('BadRequest', 'The $search query option cannot be empty.');
	const any: Term[][] = [[]];
	for (const word of words(text)) {
		if (word === 'OR') {
			any.push([]);
			continue;
		}
		if (word === 'AND') continue;
		const colon = word.indexOf(':');
		const property = colon > 0 ? word.slice(0, colon).toLowerCase() : undefined;
		if (property && PROPERTIES.has(property)) any[any.length - 1].push({ property, value: word.slice(colon + 1).toLowerCase() });
		else any[any.length - 1].push({ value: word.toLowerCase() });
	}
	return { any: any.filter((terms) => terms.length > 0) };
}

const addresses = (message: StoredMessage, field: 'to' | 'cc' | 'from'): string[] => {
	const recipients = field === 'from' ? (message.from ? [message.from] : []) : field === 'to' ? message.toRecipients : message.ccRecipients;
	return recipients.flatMap((recipient) => [recipient.emailAddress.name, recipient.emailAddress.address]);
};

function fieldText(message: StoredMessage, property: string | undefined): string {
	switch (property) {
		case 'from':
			return addresses(message, 'from').join(' ');
		case 'to':
			return addresses(message, 'to').join(' ');
		case 'cc':
			return addresses(message, 'cc').join(' ');
		case 'participants':
			return [...addresses(message, 'from'), ...addresses(message, 'to'), ...addresses(message, 'cc')].join(' ');
		case 'subject':
			return message.subject;
		case 'body':
			return message.body.content;
		case 'attachment':
			return message.attachments.map((attachment) => attachment.name).join(' ');
		default:
			return [message.subject, message.body.content, ...addresses(message, 'from')].join(' ');
	}
}

export function matchesSearch(search: ParsedSearch, message: StoredMessage): boolean {
	return search.any.some((terms) => terms.every((term) => fieldText(message, term.property).toLowerCase().includes(term.value)));
}
