import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { encodableText } from '../../shared/graph/text';
import type { GraphRecipient } from '../../shared/mail/types';

/**
 * A plain SMTP address: no spaces, quotes, brackets or separators, one `@`, and a domain with a dot.
 * Graph checks the rest; this catches the mistakes that would otherwise fail with a vague 400.
 */
const ADDRESS = /^[^\s@"<>()[\],;:\\]+@[^\s@"<>()[\],;:\\]+\.[^\s@"<>()[\],;:\\.]+$/;

/** Splits "a@x.com, Name <b@y.com>; \"Doe, J\" <c@z.com>" on commas and semicolons outside quotes and brackets. */
function splitAddressList(text: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	let angle = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (char === '<' && !quoted) angle = true;
		else if (char === '>' && !quoted) angle = false;
		if ((char === ',' || char === ';') && !quoted && !angle) {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

function recipientFromText(text: string, field: string): GraphRecipient {
	const named = /^(.*?)\s*<([^<>]*)>$/.exec(text);
	const address = (named ? named[2] : text).trim();
	const name = named ? named[1].trim().replace(/^"(.*)"$/, '$1').trim() : '';
	if (!ADDRESS.test(address)) {
		throw new GraphInputError(field, INPUT_TEXTS.notAnAddress(field, text));
	}
	return { emailAddress: name ? { address, name } : { address } };
}

function recipientsFromValue(value: unknown, field: string): GraphRecipient[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.flatMap((entry) => recipientsFromValue(entry, field));
	if (typeof value === 'object') {
		const record = value as IDataObject;
		const inner = (record.emailAddress ?? record) as IDataObject;
		const address = typeof inner.address === 'string' ? encodableText(inner.address, field).trim() : '';
		const name = typeof inner.name === 'string' ? encodableText(inner.name, field).trim() : '';
		if (!ADDRESS.test(address)) {
			throw new GraphInputError(field, INPUT_TEXTS.noAddressIn(field, JSON.stringify(value)));
		}
		return [{ emailAddress: name ? { address, name } : { address } }];
	}
	if (typeof value !== 'string') {
		throw new GraphInputError(field, INPUT_TEXTS.addressesAsTextOrList(field));
	}
	return splitAddressList(encodableText(value, field)).map((part) => recipientFromText(part, field));
}

/**
 * Recipients from a parameter: comma- or semicolon-separated text ("a@x.com, Name <b@y.com>"), or an
 * expression giving a list of addresses, `{ address, name }` or Graph recipients. Every address is checked;
 * a bad one fails the item with an error naming `field`.
 */
export function parseRecipients(value: unknown, field: string): GraphRecipient[] {
	return recipientsFromValue(value, field);
}

/** `existing` (as Graph returned them) followed by those of `extra` not already there, compared case-insensitively. */
export function mergeRecipients(existing: unknown, extra: GraphRecipient[]): GraphRecipient[] {
	const merged: GraphRecipient[] = Array.isArray(existing) ? [...(existing as GraphRecipient[])] : [];
	const seen = new Set(merged.map((recipient) => recipient.emailAddress?.address?.toLowerCase()));
	for (const recipient of extra) {
		const key = recipient.emailAddress.address.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		merged.push(recipient);
	}
	return merged;
}
