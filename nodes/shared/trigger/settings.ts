/**
 * The trigger's parameters, read and checked once per poll: a value of the wrong type fails the poll naming its
 * field.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';
import { segment } from '../graph/paths';
import { describeType, encodableText, textValue } from '../graph/text';
import { eventFields, TRIGGER_EVENTS, type EventSettings, type TriggerEvent } from '../mail/delta/events';
import type { TriggerFilters } from '../mail/filters';
import { MESSAGE_FILTER_FIELDS, messageSelect } from '../mail/select';

/** Which mailboxes the trigger watches. */
export type MailboxMode = 'default' | 'one' | 'list' | 'group';

export interface TriggerSettings extends EventSettings {
	/** The mailbox a per-mailbox step works on: the one watched, or each of the list or group in turn. */
	mailbox: string;
	mailboxMode: MailboxMode;
	/** List mode: the mailboxes, each checked, once each (compared case-insensitively). */
	mailboxes: string[];
	/** Group mode: the group whose members (at any depth) are watched. */
	groupId?: string;
	folders: string[];
	filters: TriggerFilters;
	output: 'simple' | 'raw' | 'fields';
	fields: string[];
	includeExisting: boolean;
	markAsRead: boolean;
	downloadAttachments: boolean;
	attachmentsPrefix: string;
}

const FOLDERS_FIELD = 'Folder Names or IDs';
const MAILBOXES_FIELD = 'Mailboxes';
const MODES: readonly MailboxMode[] = ['default', 'one', 'list', 'group'];

/** List mode's mailboxes: comma- or line-separated text, or a list (from an expression); each one checked. */
function mailboxList(client: GraphClient, value: unknown): string[] {
	const list = typeof value === 'string' ? value.split(/[,;\n]/) : value;
	if (!Array.isArray(list)) {
		throw new GraphInputError(MAILBOXES_FIELD, INPUT_TEXTS.mailboxListNotList(MAILBOXES_FIELD, describeType(list)));
	}
	const mailboxes = new Map<string, string>();
	for (const entry of list) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		const mailbox = client.mailbox(entry, MAILBOXES_FIELD).trim();
		if (!mailboxes.has(mailbox.toLowerCase())) mailboxes.set(mailbox.toLowerCase(), mailbox);
	}
	if (!mailboxes.size) throw new GraphInputError(MAILBOXES_FIELD, INPUT_TEXTS.noMailboxToWatch(MAILBOXES_FIELD));
	return [...mailboxes.values()];
}

function mailboxSettings(context: IPollFunctions, client: GraphClient): Pick<TriggerSettings, 'mailbox' | 'mailboxMode' | 'mailboxes' | 'groupId'> {
	const raw = context.getNodeParameter('mailboxMode', 'one');
	const mailboxMode = MODES.includes(raw as MailboxMode) ? (raw as MailboxMode) : 'one';
	const defaultMailbox = client.mailbox('');
	switch (mailboxMode) {
		case 'default':
			return { mailboxMode, mailbox: defaultMailbox, mailboxes: [defaultMailbox] };
		case 'list': {
			const mailboxes = mailboxList(client, context.getNodeParameter('mailboxes', ''));
			return { mailboxMode, mailbox: mailboxes[0], mailboxes };
		}
		case 'group': {
			const groupId = segment(context.getNodeParameter('groupId', ''), 'Group ID').value;
			return { mailboxMode, mailbox: defaultMailbox, mailboxes: [], groupId };
		}
		default: {
			const mailbox = client.mailbox(context.getNodeParameter('mailbox', ''));
			return { mailboxMode, mailbox, mailboxes: [mailbox] };
		}
	}
}

/** The watched folders: a list of folder IDs or well-known names (one, from an expression, is a list of one). */
function watchedFolders(value: unknown): string[] {
	const list = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(list)) {
		throw new GraphInputError(FOLDERS_FIELD, INPUT_TEXTS.watchedFoldersNotList(FOLDERS_FIELD, describeType(list)));
	}
	const folders = list.map((folder: unknown) => {
		if (typeof folder !== 'string') {
			throw new GraphInputError(FOLDERS_FIELD, INPUT_TEXTS.watchedFolderNotText(FOLDERS_FIELD, describeType(folder)));
		}
		return encodableText(folder, FOLDERS_FIELD);
	});
	return [...new Set(folders.filter(Boolean))];
}

/** Trigger On, and the category Categorised watches for. */
function eventSettings(context: IPollFunctions): EventSettings {
	const event = context.getNodeParameter('event', 'messageReceived') as unknown;
	if (!(TRIGGER_EVENTS as readonly unknown[]).includes(event)) throw new GraphInputError('Trigger On', INPUT_TEXTS.triggerEvent(TRIGGER_EVENTS));
	if (event !== 'messageCategorised') return { event: event as TriggerEvent, eventCategory: '' };
	const eventCategory = textValue(context.getNodeParameter('eventCategory', ''), CATEGORY_FIELD).trim();
	if (!eventCategory) throw new GraphInputError(CATEGORY_FIELD, INPUT_TEXTS.eventCategoryMissing(CATEGORY_FIELD));
	return { event, eventCategory };
}

const CATEGORY_FIELD = 'Category to Watch';

/** The trigger's parameters, each checked. */
export function readTriggerSettings(context: IPollFunctions, client: GraphClient): TriggerSettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const folders = watchedFolders(context.getNodeParameter('folders', ['inbox']));
	return {
		...eventSettings(context),
		...mailboxSettings(context, client),
		folders: folders.length ? folders : ['inbox'],
		filters: {
			...(filters as TriggerFilters),
			from: textValue(filters.from, 'From'),
			to: textValue(filters.to, 'To or Cc'),
			subjectContains: textValue(filters.subjectContains, 'Subject Contains'),
			category: textValue(filters.category, 'Category'),
		},
		output: (options.output as TriggerSettings['output']) ?? 'simple',
		fields: (options.fields as string[]) ?? [],
		includeExisting: options.includeExisting === true,
		markAsRead: options.markAsRead === true,
		downloadAttachments: options.downloadAttachments === true,
		attachmentsPrefix: textValue(options.attachmentsPrefix, 'Attachments Prefix') || 'attachment_',
	};
}

/** What one mailbox's state was made for; New Mail's key is as before events came, so its states stay valid. */
export function configKey(settings: TriggerSettings, mailbox = settings.mailbox): string {
	return JSON.stringify([mailbox.toLowerCase(), [...settings.folders].sort(), settings.includeExisting, ...eventKey(settings)]);
}

/** What the whole watch was made for (the states of its mailboxes each have their own key). */
export function watchKey(settings: TriggerSettings): string {
	return JSON.stringify([[...settings.folders].sort(), settings.includeExisting, ...eventKey(settings)]);
}

/** Trigger On and its category, in a key; none for New Mail. */
function eventKey(settings: TriggerSettings): string[] {
	return settings.event === 'messageReceived' ? [] : [settings.event, settings.eventCategory.toLowerCase()];
}

/** `$select` for delta and reads: what the output needs plus what the filters read; none for Raw. */
export function triggerSelect(settings: TriggerSettings): string | undefined {
	return messageSelect(settings.output, settings.fields, { first: ['parentFolderId'], last: [...MESSAGE_FILTER_FIELDS, ...eventFields(settings.event)] });
}
