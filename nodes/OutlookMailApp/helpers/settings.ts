/**
 * Mailbox settings from parameters, checked as Exchange checks them where that can be known before sending: time
 * zones, schedules, languages, working hours. Each failure names its field.
 */
import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { textValue } from '../../shared/graph/text';
import { localDateTimeTimeZone, zonedDateTime } from '../../shared/mail/dates';
import { exchangeTimeZone } from '../../shared/mail/timeZones';

export const AUTOMATIC_REPLIES_STATUSES = ['disabled', 'alwaysEnabled', 'scheduled'] as const;
export const EXTERNAL_AUDIENCES = ['none', 'contactsOnly', 'all'] as const;
export const DAYS_OF_WEEK = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export interface AutomaticRepliesInput {
	status: unknown;
	internalReply?: unknown;
	externalAudience?: unknown;
	externalReply?: unknown;
	start?: unknown;
	end?: unknown;
	/** The zone the schedule is in; empty means `defaultZone`. */
	timeZone?: unknown;
	defaultZone: string;
	now: number;
}

function oneOf<T extends string>(value: unknown, values: readonly T[], message: string, field: string): T {
	const match = values.find((candidate) => typeof value === 'string' && candidate.toLowerCase() === value.trim().toLowerCase());
	if (!match) throw new GraphInputError(field, message);
	return match;
}

/** Graph's automaticRepliesSetting for these parameters; a schedule must end after it starts and after now. */
export function automaticRepliesSetting(input: AutomaticRepliesInput): IDataObject {
	const status = oneOf(input.status, AUTOMATIC_REPLIES_STATUSES, INPUT_TEXTS.automaticRepliesStatus, 'Status');
	if (status === 'disabled') return { status };
	const audience = oneOf(input.externalAudience ?? 'none', EXTERNAL_AUDIENCES, INPUT_TEXTS.externalAudience, 'External Audience');
	const setting: IDataObject = {
		status,
		externalAudience: audience,
		internalReplyMessage: textValue(input.internalReply, 'Internal Reply'),
	};
	if (audience !== 'none') setting.externalReplyMessage = textValue(input.externalReply, 'External Reply');
	if (status === 'scheduled') {
		const zoneText = textValue(input.timeZone, 'Time Zone').trim();
		const zone = exchangeTimeZone(zoneText || input.defaultZone, 'Time Zone');
		for (const [field, value] of [['Start', input.start], ['End', input.end]] as const) {
			if (value === undefined || value === null || value === '') throw new GraphInputError(field, INPUT_TEXTS.scheduleNeeds(field));
		}
		const start = zonedDateTime(input.start, 'Start', zone.iana);
		const end = zonedDateTime(input.end, 'End', zone.iana);
		const shown = (value: typeof start) => value.toFormat("yyyy-MM-dd'T'HH:mm:ss");
		if (end <= start) throw new GraphInputError('End', INPUT_TEXTS.scheduleEndNotAfterStart(shown(start), shown(end)));
		if (end.toMillis() <= input.now) throw new GraphInputError('End', INPUT_TEXTS.scheduleEndPassed(shown(end), zone.name));
		setting.scheduledStartDateTime = localDateTimeTimeZone(start, zone.name);
		setting.scheduledEndDateTime = localDateTimeTimeZone(end, zone.name);
	}
	return setting;
}

/** A language tag such as de-DE, in its canonical form. */
export function localeTag(value: unknown, field: string): string {
	const text = textValue(value, field).trim();
	let canonical: string | undefined;
	try {
		canonical = text.includes('-') ? Intl.getCanonicalLocales(text)[0] : undefined;
	} catch {
		canonical = undefined;
	}
	if (!canonical) throw new GraphInputError(field, INPUT_TEXTS.locale(field, text));
	return canonical;
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** A time of day as Graph's Edm.TimeOfDay takes it: HH:mm:ss. */
export function timeOfDay(value: unknown, field: string): string {
	const text = textValue(value, field).trim();
	const match = TIME_OF_DAY.exec(text);
	if (!match) throw new GraphInputError(field, INPUT_TEXTS.timeOfDay(field, text));
	return `${match[1].padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`;
}

/** Days of the week from a list or comma-separated text, as Graph's dayOfWeek values. */
export function daysOfWeek(value: unknown, field: string): string[] {
	const parts = Array.isArray(value) ? value : textValue(value, field).split(',');
	const days = parts.map((part) => oneOf(String(part), DAYS_OF_WEEK, INPUT_TEXTS.dayOfWeek(field, String(part).trim()), field));
	if (days.length === 0) throw new GraphInputError(field, INPUT_TEXTS.empty(field));
	return [...new Set(days)];
}
