/**
 * An Inbox rule's parameters as Graph's messageRule JSON, checked for what Exchange's rule validation refuses (an
 * empty name, a sequence below 1, no action, an address that is none, a size range upside down), so an item fails
 * naming its field instead of with Exchange's 500 ErrorInboxRulesValidationError. Folders are sent as IDs, as
 * Exchange takes them: a path or a well-known name is turned into the folder's ID first.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { textValue } from '../../shared/graph/text';
import { folderIdOf } from '../../shared/mail/folders';
import { importanceOf } from '../../shared/mail/types';
import { parseNameList } from './names';
import { parseRecipients } from './recipients';

const SENSITIVITIES = ['normal', 'personal', 'private', 'confidential'];
const TEXT_PREDICATES = ['bodyContains', 'bodyOrSubjectContains', 'headerContains', 'recipientContains', 'senderContains', 'subjectContains'];
const ADDRESS_PREDICATES = ['fromAddresses', 'sentToAddresses'];
const BOOLEAN_PREDICATES = ['hasAttachments', 'sentOnlyToMe'];
const ADDRESS_ACTIONS = ['forwardAsAttachmentTo', 'forwardTo', 'redirectTo'];
const BOOLEAN_ACTIONS = ['delete', 'markAsRead', 'stopProcessingRules'];
const FOLDER_ACTIONS = { moveToFolder: 'Move to Folder', copyToFolder: 'Copy to Folder' } as const;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The fields as the editor shows them, for errors: "Conditions > From". */
const DISPLAY_NAMES: Record<string, string> = {
	bodyContains: 'Body Contains',
	bodyOrSubjectContains: 'Body or Subject Contains',
	headerContains: 'Header Contains',
	recipientContains: 'Recipient Contains',
	senderContains: 'Sender Contains',
	subjectContains: 'Subject Contains',
	fromAddresses: 'From',
	sentToAddresses: 'Sent To',
	forwardAsAttachmentTo: 'Forward As Attachment To',
	forwardTo: 'Forward To',
	redirectTo: 'Redirect To',
};

const label = (part: string, name: string) => `${part} > ${DISPLAY_NAMES[name] ?? name}`;

function sizeOf(value: unknown, field: string): number {
	const size = Number(value);
	if (!Number.isInteger(size) || size < 0) throw new GraphInputError(field, INPUT_TEXTS.ruleSizeRange(field));
	return size;
}

/** Conditions or Exceptions (messageRulePredicates); undefined when none is set. */
export function rulePredicates(value: unknown, part: 'Conditions' | 'Exceptions'): IDataObject | undefined {
	const fields = (value ?? {}) as IDataObject;
	const predicates: IDataObject = {};
	for (const name of TEXT_PREDICATES) {
		if (!given(fields[name])) continue;
		const list = parseNameList(fields[name], label(part, name));
		if (list.length) predicates[name] = list;
	}
	for (const name of ADDRESS_PREDICATES) {
		if (!given(fields[name])) continue;
		const list = parseRecipients(fields[name], label(part, name));
		if (list.length) predicates[name] = list;
	}
	for (const name of BOOLEAN_PREDICATES) if (fields[name] === true) predicates[name] = true;
	if (given(fields.importance)) predicates.importance = importanceOf(fields.importance, label(part, 'Importance'));
	if (given(fields.sensitivity)) {
		if (!SENSITIVITIES.includes(String(fields.sensitivity))) throw new GraphInputError(label(part, 'Sensitivity'), INPUT_TEXTS.ruleSensitivity(label(part, 'Sensitivity')));
		predicates.sensitivity = fields.sensitivity;
	}
	if (given(fields.minimumSize) || given(fields.maximumSize)) {
		const field = label(part, 'Size');
		const range: IDataObject = {};
		if (given(fields.minimumSize)) range.minimumSize = sizeOf(fields.minimumSize, field);
		if (given(fields.maximumSize)) range.maximumSize = sizeOf(fields.maximumSize, field);
		if (typeof range.minimumSize === 'number' && typeof range.maximumSize === 'number' && range.minimumSize > range.maximumSize) {
			throw new GraphInputError(field, INPUT_TEXTS.ruleSizeRange(field));
		}
		predicates.withinSizeRange = range;
	}
	return Object.keys(predicates).length ? predicates : undefined;
}

/** Actions (messageRuleActions), folders resolved to IDs; undefined when none is set. */
export async function ruleActions(
	client: GraphClient,
	mailbox: string,
	value: unknown,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const fields = (value ?? {}) as IDataObject;
	const actions: IDataObject = {};
	for (const [name, displayName] of Object.entries(FOLDER_ACTIONS)) {
		const locator = fields[name] as INodeParameterResourceLocator | string | undefined;
		const field = label('Actions', displayName);
		const mode = typeof locator === 'object' && locator !== null ? String(locator.mode) : 'id';
		const raw = typeof locator === 'object' && locator !== null ? locator.value : locator;
		if (!given(raw)) continue;
		const folder = textValue(raw, field).trim();
		if (folder === '') continue;
		actions[name] = await folderIdOf(client, mailbox, { mode, value: folder }, field, itemIndex);
	}
	if (given(fields.assignCategories)) {
		const categories = parseNameList(fields.assignCategories, label('Actions', 'Assign Categories'));
		if (categories.length) actions.assignCategories = categories;
	}
	for (const name of ADDRESS_ACTIONS) {
		if (!given(fields[name])) continue;
		const list = parseRecipients(fields[name], label('Actions', name));
		if (list.length) actions[name] = list;
	}
	for (const name of BOOLEAN_ACTIONS) if (fields[name] === true) actions[name] = true;
	if (given(fields.markImportance)) actions.markImportance = importanceOf(fields.markImportance, label('Actions', 'Mark Importance'));
	return Object.keys(actions).length ? actions : undefined;
}

export function ruleName(value: unknown): string {
	const name = textValue(value, 'Name').trim();
	if (name === '') throw new GraphInputError('Name', INPUT_TEXTS.ruleName);
	return name;
}

export function ruleSequence(value: unknown): number {
	const sequence = Number(value);
	if (!Number.isInteger(sequence) || sequence < 1 || sequence > 2147483647) throw new GraphInputError('Sequence', INPUT_TEXTS.ruleSequence);
	return sequence;
}

/**
 * The parts of a rule an item sets: conditions, exceptions and actions, each only when the item gives one (Graph
 * replaces each whole).
 */
export async function ruleParts(
	context: IExecuteFunctions,
	client: GraphClient,
	mailbox: string,
	itemIndex: number,
): Promise<IDataObject> {
	const conditions = rulePredicates(context.getNodeParameter('conditions', itemIndex, {}), 'Conditions');
	const exceptions = rulePredicates(context.getNodeParameter('exceptions', itemIndex, {}), 'Exceptions');
	const actions = await ruleActions(client, mailbox, context.getNodeParameter('actions', itemIndex, {}), itemIndex);
	return { ...(conditions ? { conditions } : {}), ...(exceptions ? { exceptions } : {}), ...(actions ? { actions } : {}) };
}
