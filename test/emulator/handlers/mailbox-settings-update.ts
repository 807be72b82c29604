import type { GraphContext, HandlerResult } from '../http/context';
import { GraphError, badRequest } from '../http/errors';
import { canonicalEnum } from '../graph/compose';
import { enumMembers, findProperty, validateBody } from '../graph/metadata';
import { usersSegment, type Resource } from '../graph/resources';
import { canonicalZone, ianaZone, instantOf } from '../graph/time-zones';
import type { DateTimeTimeZone, MailboxSettings } from '../state/model';

/**
 * PATCH /users/{user}/mailboxSettings (user-update-mailboxsettings.md): changes the settings the body names and
 * answers 200 with those settings, whole. Complex settings (automaticRepliesSetting, workingHours, language) are
 * merged with what the mailbox has, as Graph's example shows (a body with only status and dates keeps the reply
 * texts). Checked as Exchange checks them, with the errors Graph documents: working hours' times and days, their
 * order, time zones; and Exchange's rules for automatic replies (a scheduled reply needs an end after its start,
 * in the future) and for languages. archiveFolder and userPurpose cannot be set.
 */

const WRITABLE = new Set(['automaticRepliesSetting', 'dateFormat', 'delegateMeetingMessageDeliveryOptions', 'language', 'timeFormat', 'timeZone', 'workingHours']);

const invalidTimeZone = () => new GraphError(400, 'InvalidTimeZone', 'Time Zone settings provided are invalid.');
const invalidOofDuration = () => new GraphError(400, 'ErrorInvalidScheduledOofDuration', "The scheduled duration for sending automatic replies isn't valid.");

function field(json: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(json).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : json[key];
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,7}))?)?$/;

/** `08:30` / `08:30:00` / `08:30:00.0000000` as Exchange writes it; Graph's documented error otherwise. */
function timeOfDay(value: unknown): string {
	const match = typeof value === 'string' ? TIME_OF_DAY.exec(value) : null;
	if (!match) throw badRequest('RequestBodyRead', `Cannot convert the literal '${String(value)}' to the expected type 'Edm.TimeOfDay'.`);
	return `${match[1]}:${match[2]}:${match[3] ?? '00'}.${(match[4] ?? '').padEnd(7, '0')}`;
}

/** Graph's documented answer for a day that is not a dayOfWeek comes before the metadata's own check. */
function checkDays(body: Record<string, unknown>): void {
	const hours = field(body, 'workingHours');
	const days = hours && typeof hours === 'object' ? field(hours as Record<string, unknown>, 'daysOfWeek') : undefined;
	if (!Array.isArray(days)) return;
	const members = enumMembers('dayOfWeek') ?? [];
	const bad = days.find((day) => typeof day !== 'string' || !members.some((member) => member.toLowerCase() === day.toLowerCase()));
	if (bad !== undefined) throw badRequest('InvalidArguments', `Requested value '${String(bad)}' was not found.`);
}

/** A dateTimeTimeZone as Exchange keeps the times of automatic replies: in UTC, with seven fractional digits. */
function utcDateTime(value: DateTimeTimeZone): { stored: DateTimeTimeZone; at: number } {
	if (!ianaZone(value.timeZone ?? 'UTC')) throw invalidTimeZone();
	const at = instantOf(value.dateTime, value.timeZone ?? 'UTC');
	if (at === undefined) throw badRequest('RequestBodyRead', `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTimeOffset'.`);
	return { stored: { dateTime: `${new Date(at).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' }, at };
}

function readDateTimeTimeZone(json: unknown, current: DateTimeTimeZone): DateTimeTimeZone {
	if (json === undefined || json === null) return current;
	const value = json as Record<string, unknown>;
	return { dateTime: String(field(value, 'dateTime') ?? current.dateTime), timeZone: String(field(value, 'timeZone') ?? 'UTC') };
}

function automaticReplies(json: Record<string, unknown>, current: MailboxSettings['automaticRepliesSetting'], now: number): MailboxSettings['automaticRepliesSetting'] {
	const next = structuredClone(current);
	const status = field(json, 'status');
	if (status !== undefined && status !== null) next.status = canonicalEnum('automaticRepliesStatus', status) as typeof next.status;
	const audience = field(json, 'externalAudience');
	if (audience !== undefined && audience !== null) next.externalAudience = canonicalEnum('externalAudienceScope', audience) as typeof next.externalAudience;
	for (const name of ['internalReplyMessage', 'externalReplyMessage'] as const) {
		const text = field(json, name);
		if (text !== undefined) next[name] = typeof text === 'string' ? text : '';
	}
	const start = utcDateTime(readDateTimeTimeZone(field(json, 'scheduledStartDateTime'), next.scheduledStartDateTime));
	const end = utcDateTime(readDateTimeTimeZone(field(json, 'scheduledEndDateTime'), next.scheduledEndDateTime));
	next.scheduledStartDateTime = start.stored;
	next.scheduledEndDateTime = end.stored;
	// "You can set such notifications for only a future date range."
	if (next.status === 'scheduled' && (end.at <= start.at || end.at <= now)) throw invalidOofDuration();
	return next;
}

function workingHours(json: Record<string, unknown>, current: MailboxSettings['workingHours']): MailboxSettings['workingHours'] {
	const next = structuredClone(current);
	const days = field(json, 'daysOfWeek');
	if (Array.isArray(days)) next.daysOfWeek = days.map((day) => canonicalEnum('dayOfWeek', day)) as typeof next.daysOfWeek;
	if (field(json, 'startTime') !== undefined) next.startTime = timeOfDay(field(json, 'startTime'));
	if (field(json, 'endTime') !== undefined) next.endTime = timeOfDay(field(json, 'endTime'));
	const zone = field(json, 'timeZone');
	if (zone !== undefined && zone !== null) {
		const name = field(zone as Record<string, unknown>, 'name');
		if (typeof name !== 'string' || !ianaZone(name)) throw invalidTimeZone();
		next.timeZone = { name: canonicalZone(name) };
	}
	if (next.startTime >= next.endTime) throw badRequest('ErrorInvalidTimeSettings', 'Start Time should occur before End Time.');
	return next;
}

const LOCALE = /^[a-z]{2,3}(-[A-Za-z]{4})?-[A-Z]{2}$/;

function language(json: Record<string, unknown>): MailboxSettings['language'] {
	const locale = field(json, 'locale');
	if (typeof locale !== 'string' || !LOCALE.test(locale)) {
		throw badRequest('ErrorUnsupportedCulture', `The culture '${String(locale ?? '')}' isn't supported.`);
	}
	const displayName = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' }).of(locale) ?? locale;
	return { locale, displayName };
}

export function updateMailboxSettings(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) checkDays(request.body as Record<string, unknown>);
	validateBody('mailboxSettings', request.body);
	const body = request.body as Record<string, unknown>;
	const current = services.store.mailboxSettings(user.id);
	const changes: Partial<MailboxSettings> = {};
	for (const [key, value] of Object.entries(body)) {
		if (key.includes('@')) continue;
		const name = findProperty('mailboxSettings', key)?.name ?? key;
		if (!WRITABLE.has(name)) throw badRequest('ErrorInvalidProperty', `The property '${name}' is read-only and cannot be set.`);
		if (value === null) continue;
		switch (name) {
			case 'automaticRepliesSetting':
				changes.automaticRepliesSetting = automaticReplies(value as Record<string, unknown>, current.automaticRepliesSetting, services.now());
				break;
			case 'workingHours':
				changes.workingHours = workingHours(value as Record<string, unknown>, current.workingHours);
				break;
			case 'language':
				changes.language = language(value as Record<string, unknown>);
				break;
			case 'timeZone':
				if (!ianaZone(String(value))) throw invalidTimeZone();
				changes.timeZone = canonicalZone(String(value));
				break;
			case 'delegateMeetingMessageDeliveryOptions':
				changes.delegateMeetingMessageDeliveryOptions = canonicalEnum('delegateMeetingMessageDeliveryOptions', value) as MailboxSettings['delegateMeetingMessageDeliveryOptions'];
				break;
			default:
				(changes as Record<string, unknown>)[name] = value;
		}
	}
	const updated = services.store.updateMailboxSettings(user.id, changes);
	const answer: Resource = Object.fromEntries(Object.keys(changes).map((name) => [name, structuredClone(updated[name as keyof MailboxSettings])]));
	return {
		status: 200,
		body: { '@odata.context': `${services.baseUrl}/v1.0/$metadata#${usersSegment(params.user)}/mailboxSettings`, ...answer },
	};
}
