/**
 * Dates from input, in the forms Graph takes them: OData DateTimeOffset literals (filters) and dateTimeTimeZone
 * (a flag's start and due dates).
 */
import { DateTime } from 'luxon';

import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';

/**
 * A date-time parameter as a UTC instant. Accepts what n8n hands over: an ISO string (one without an offset
 * is read in the workflow's time zone, as n8n's date picker shows it), a JavaScript Date, a Luxon DateTime, or
 * milliseconds since the epoch. Anything else fails the item, naming the field.
 */
export function utcInstant(value: unknown, field: string, zone: string): DateTime {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = value;
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (typeof value === 'number') parsed = DateTime.fromMillis(value);
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		parsed = /^\d+$/.test(text) ? DateTime.fromMillis(Number(text)) : DateTime.fromISO(text, { zone, setZone: true });
	}
	if (!parsed?.isValid) throw new GraphInputError(field, INPUT_TEXTS.notADate(field, String(value)));
	return parsed.toUTC();
}

/** An OData DateTimeOffset literal, such as 2024-06-01T09:00:00Z (whole seconds, unquoted). */
export function odataDateTime(value: unknown, field: string, zone: string): string {
	return utcInstant(value, field, zone).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/** Graph's dateTimeTimeZone in UTC, as a flag's start and due dates take it. */
export function graphDateTimeTimeZone(value: unknown, field: string, zone: string): { dateTime: string; timeZone: string } {
	return { dateTime: utcInstant(value, field, zone).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' };
}

/**
 * A date-time parameter as a local date-time in `iana`: text without an offset is read as local time there (the
 * zone the user chose), a value with an offset, a Date, a Luxon DateTime or milliseconds is that instant seen
 * there. Anything else fails the item, naming the field.
 */
export function zonedDateTime(value: unknown, field: string, iana: string): DateTime {
	let parsed: DateTime | undefined;
	if (DateTime.isDateTime(value)) parsed = value.setZone(iana);
	else if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone: iana });
	else if (typeof value === 'number') parsed = DateTime.fromMillis(value, { zone: iana });
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		parsed = /^\d+$/.test(text) ? DateTime.fromMillis(Number(text), { zone: iana }) : DateTime.fromISO(text, { zone: iana });
	}
	if (!parsed?.isValid) throw new GraphInputError(field, INPUT_TEXTS.notADate(field, String(value)));
	return parsed;
}

/** Graph's dateTimeTimeZone of a local date-time in a zone named as Exchange takes it. */
export function localDateTimeTimeZone(local: DateTime, timeZone: string): { dateTime: string; timeZone: string } {
	return { dateTime: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone };
}
