import type { GraphContext, GraphHandler, HandlerResult } from '../http/context';
import { parseQueryOptions } from '../graph/odata';
import { usersSegment, type Resource } from '../graph/resources';
import type { MailboxSettings } from '../state/model';

/**
 * GET /users/{user}/mailboxSettings (user-get-mailboxsettings.md): the stored settings (state/store.ts) shaped as
 * Graph's `mailboxSettings`, `archiveFolder` being the id of the mailbox's Archive folder. `$select` is checked
 * against the metadata and then ignored: every setting comes back, as Graph does today
 * (microsoft-graph-docs#19046, pnp/cli-microsoft365#6567 "the endpoint ignores $select"). `userPurpose` is the enum
 * value itself (`"user"`), as Graph's metadata types it. One setting alone
 * (`.../mailboxSettings/timeZone` and the others): a complex value as an object, a string as `{"value": ...}`.
 * Exchange answers, so a user without a mailbox gets MailboxNotEnabledForRESTAPI and the mailbox's throttle counts it.
 */

/** Graph's order of the properties. */
const ORDER = [
	'archiveFolder',
	'timeZone',
	'delegateMeetingMessageDeliveryOptions',
	'dateFormat',
	'timeFormat',
	'userPurpose',
	'automaticRepliesSetting',
	'language',
	'workingHours',
] as const;

function settingsResource(context: GraphContext): Resource {
	const { services, user } = context;
	const settings: MailboxSettings = services.store.mailboxSettings(user.id);
	const all: Resource = { ...structuredClone(settings), archiveFolder: services.store.folder(user.id, 'archive').id };
	return Object.fromEntries(ORDER.map((name) => [name, all[name]]));
}

const contextUrl = (context: GraphContext, suffix = ''): string =>
	`${context.services.baseUrl}/v1.0/$metadata#${usersSegment(context.params.user)}/mailboxSettings${suffix}`;

export function getMailboxSettings(context: GraphContext): HandlerResult {
	parseQueryOptions(context.request.query, 'mailboxSettings', { allowed: ['select'] });
	return { status: 200, body: { '@odata.context': contextUrl(context), ...settingsResource(context) } };
}

/** `mailboxSettings` for `GET /users/{id}?$select=mailboxSettings` (Exchange answers that part). */
export function embeddedMailboxSettings(context: GraphContext): Resource {
	return settingsResource(context);
}

/** The settings Graph serves one by one, under `mailboxSettings/{name}`. */
export const SINGLE_SETTINGS = [
	'automaticRepliesSetting',
	'dateFormat',
	'delegateMeetingMessageDeliveryOptions',
	'language',
	'timeFormat',
	'timeZone',
	'userPurpose',
	'workingHours',
] as const;

export function getMailboxSetting(name: (typeof SINGLE_SETTINGS)[number]): GraphHandler {
	return (context) => {
		parseQueryOptions(context.request.query, 'mailboxSettings', { allowed: [] });
		const value = settingsResource(context)[name];
		const body = value !== null && typeof value === 'object' ? { ...(value as Resource) } : { value };
		return { status: 200, body: { '@odata.context': contextUrl(context, `/${name}`), ...body } };
	};
}
