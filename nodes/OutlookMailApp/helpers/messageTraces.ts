/**
 * Message trace filters as Graph's `$filter`, checked for what Graph refuses (its time window: both bounds, at
 * most 10 days long, starting within the last 90 days, ending no later than now), so an item fails naming the
 * field instead of with Graph's 400.
 */
import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { textValue } from '../../shared/graph/text';
import { odataDateTime, utcInstant } from '../../shared/mail/dates';
import { odataString } from '../../shared/mail/odata';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Graph's message trace searches at most this many days at once... */
export const TRACE_MAX_WINDOW_DAYS = 10;
/** ...within the last this many days. */
export const TRACE_MAX_AGE_DAYS = 90;

/** Graph's exchangeMessageTraceStatus values (without unknownFutureValue). */
export const TRACE_STATUSES = ['delivered', 'expanded', 'failed', 'filteredAsSpam', 'gettingStatus', 'pending', 'quarantined'] as const;

const ADDRESS = /^[^\s@"<>()[\],;:\\]+@[^\s@"<>()[\],;:\\]+\.[^\s@"<>()[\],;:\\.]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** An address to trace, checked to be one (Graph compares it whole). */
export function traceAddress(value: unknown, field: string): string {
	const address = textValue(value, field).trim();
	if (address === '') throw new GraphInputError(field, INPUT_TEXTS.empty(field));
	if (!ADDRESS.test(address)) throw new GraphInputError(field, INPUT_TEXTS.notAnAddress(field, address));
	return address;
}

/** A message trace id: a GUID, as Graph gives it. */
export function traceId(value: unknown): string {
	const id = textValue(value, 'Message Trace ID').trim();
	if (!GUID.test(id)) throw new GraphInputError('Message Trace ID', INPUT_TEXTS.traceId);
	return id;
}

/**
 * The `$filter` of the filters, or undefined for none (Graph's last 48 hours). `now` is the client's clock; a
 * Received Before still to come is now.
 */
export function traceFilter(filters: IDataObject, now: number, zone: string): string | undefined {
	const clauses: string[] = [];
	const after = given(filters.receivedAfter) ? utcInstant(filters.receivedAfter, 'Received After', zone).toMillis() : undefined;
	const before = given(filters.receivedBefore) ? Math.min(utcInstant(filters.receivedBefore, 'Received Before', zone).toMillis(), now) : undefined;
	if ((after === undefined) !== (before === undefined)) {
		throw new GraphInputError(after === undefined ? 'Received After' : 'Received Before', INPUT_TEXTS.traceWindowBoth);
	}
	if (after !== undefined && before !== undefined) {
		if (after > before) throw new GraphInputError('Received After', INPUT_TEXTS.traceWindowOrder);
		if (before - after > TRACE_MAX_WINDOW_DAYS * DAY_MS) throw new GraphInputError('Received After', INPUT_TEXTS.traceWindowLength(TRACE_MAX_WINDOW_DAYS));
		if (after < now - TRACE_MAX_AGE_DAYS * DAY_MS) throw new GraphInputError('Received After', INPUT_TEXTS.traceWindowAge(TRACE_MAX_AGE_DAYS));
		clauses.push(`receivedDateTime ge ${odataDateTime(after, 'Received After', 'UTC')}`, `receivedDateTime le ${odataDateTime(before, 'Received Before', 'UTC')}`);
	}
	if (given(filters.senderAddress)) clauses.push(`senderAddress eq ${odataString(traceAddress(filters.senderAddress, 'Sender Address'))}`);
	if (given(filters.recipientAddress)) clauses.push(`recipientAddress eq ${odataString(traceAddress(filters.recipientAddress, 'Recipient Address'))}`);
	if (given(filters.status)) {
		const status = String(filters.status);
		if (!(TRACE_STATUSES as readonly string[]).includes(status)) throw new GraphInputError('Status', INPUT_TEXTS.traceStatus(status));
		clauses.push(`status eq ${odataString(status)}`);
	}
	if (given(filters.subjectContains)) {
		const subject = textValue(filters.subjectContains, 'Subject Contains');
		if (subject.trim() !== '') clauses.push(`contains(subject,${odataString(subject)})`);
	}
	return clauses.length ? clauses.join(' and ') : undefined;
}
