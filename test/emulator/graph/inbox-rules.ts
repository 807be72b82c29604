import { canonicalEnum, emptyMessage, mailboxRecipient, messageSize, responseMessage, sentMessage } from './compose';
import type { Submission } from './delivery';
import { GraphError, badRequest } from '../http/errors';
import type { Services } from '../http/context';
import { findProperty, validateBody } from './metadata';
import { messageMime } from './mime';
import { htmlToText, type Resource } from './resources';
import { parseItemId } from '../seed/ids';
import { messageData, type AttachedItem, type Recipient, type StoredMessage } from '../state/model';
import type { RuleFields, RuleParts, StoredRule } from '../state/rules';
import type { Store, User } from '../state/store';

/**
 * Inbox rules as Exchange keeps and runs them: a messageRule body read and checked (Graph's metadata, then
 * Exchange's own rule validation), a stored rule shaped as Graph's JSON (with `hasError` when a folder it names is
 * gone), and the rules run, in sequence, on each message delivered to the mailbox's Inbox.
 */

// ---------- reading and checking a rule ----------

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Exchange's answer to a rule it cannot store (EWS's ErrorInboxRulesValidationError, which Exchange's REST layer
 * answers with HTTP 500), with the failing field and Exchange's RuleErrorCode in the message.
 */
export function ruleValidationError(field: string, ruleErrorCode: string, text: string): GraphError {
	return new GraphError(
		500,
		'ErrorInboxRulesValidationError',
		`A validation error occurred while executing the rule operation. ${ruleErrorCode} (${field}): ${text}`,
	);
}

/** Properties of a messageRule that Graph computes. */
const COMPUTED = new Set(['id', 'hasError']);

/** Predicate strings Exchange stores upper-cased (Graph's own example answers `senderContains: ["ADELE"]`). */
const UPPER_CASED = new Set(['senderContains']);

const RECIPIENT_LISTS = new Set(['fromAddresses', 'sentToAddresses', 'forwardTo', 'forwardAsAttachmentTo', 'redirectTo']);

function field(json: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(json).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : json[key];
}

function normalizeRecipient(value: unknown, store: Store, path: string): Recipient {
	const emailAddress = (field((value ?? {}) as Record<string, unknown>, 'emailAddress') ?? {}) as Record<string, unknown>;
	const address = field(emailAddress, 'address');
	if (typeof address !== 'string' || !ADDRESS.test(address)) {
		throw ruleValidationError(path, 'InvalidAddress', `'${String(address ?? '')}' is not a valid e-mail address.`);
	}
	const name = field(emailAddress, 'name');
	return { emailAddress: { name: typeof name === 'string' && name !== '' ? name : (store.userByAddress(address, false)?.displayName ?? address), address } };
}

/**
 * A messageRulePredicates or messageRuleActions object as Exchange stores it: canonical property names, values
 * that set nothing (null, false, an empty list) left out, recipients completed, contains-strings as Exchange keeps
 * them. Folder ids must name folders of the mailbox; recipients must be addresses.
 */
function readParts(typeName: 'messageRulePredicates' | 'messageRuleActions', json: unknown, part: string, store: Store, userId: string): RuleParts | undefined {
	if (json === null || json === undefined) return undefined;
	const parts: RuleParts = {};
	for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
		if (key.includes('@')) continue;
		const property = findProperty(typeName, key);
		if (!property) continue; // validateBody has refused unknown properties already
		const name = property.name;
		const path = `${part}/${name}`;
		if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
		if (RECIPIENT_LISTS.has(name)) {
			parts[name] = (value as unknown[]).map((item) => normalizeRecipient(item, store, path));
		} else if (name === 'moveToFolder' || name === 'copyToFolder') {
			const id = String(value);
			const parsed = parseItemId(id);
			if (!parsed || parsed.kind !== 'folder') throw ruleValidationError(path, 'InvalidFolderId', `'${id}' is not a valid folder id.`);
			if (!folderExists(store, userId, id)) throw ruleValidationError(path, 'FolderDoesNotExist', 'The folder does not exist in this mailbox.');
			parts[name] = id;
		} else if (name === 'withinSizeRange') {
			const range = value as Record<string, unknown>;
			const minimum = field(range, 'minimumSize');
			const maximum = field(range, 'maximumSize');
			const bad = [minimum, maximum].some((size) => typeof size === 'number' && size < 0);
			if (bad || (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum)) {
				throw ruleValidationError(path, 'InvalidSizeRange', 'The minimum size must be 0 or more and not above the maximum size.');
			}
			parts[name] = { ...(typeof minimum === 'number' ? { minimumSize: minimum } : {}), ...(typeof maximum === 'number' ? { maximumSize: maximum } : {}) };
		} else if (Array.isArray(value)) {
			const strings = (value as unknown[]).map(String);
			parts[name] = UPPER_CASED.has(name) ? strings.map((text) => text.toUpperCase()) : strings;
		} else if (typeof value === 'string') {
			parts[name] = canonicalEnum(property.type, value);
		} else {
			parts[name] = value;
		}
	}
	return Object.keys(parts).length > 0 ? parts : undefined;
}

function folderExists(store: Store, userId: string, id: string): boolean {
	try {
		store.folder(userId, id);
		return true;
	} catch {
		return false;
	}
}

/**
 * A rule from a POST body (`existing` undefined) or a PATCH body merged onto `existing`: checked against the
 * metadata, read-only properties refused, then Exchange's rule validation: a display name, a sequence of 1 or more,
 * at least one action. PATCH replaces conditions, exceptions and actions whole, as Graph does.
 */
export function readRule(body: unknown, store: Store, userId: string, existing?: StoredRule): RuleFields {
	validateBody('messageRule', body);
	const json = body as Record<string, unknown>;
	for (const key of Object.keys(json)) {
		const name = findProperty('messageRule', key)?.name;
		if (name && COMPUTED.has(name)) throw badRequest('ErrorInvalidProperty', `The property '${name}' is read-only and cannot be set.`);
	}
	const given = (name: string) => field(json, name);
	const rule: RuleFields = existing
		? { displayName: existing.displayName, sequence: existing.sequence, isEnabled: existing.isEnabled, isReadOnly: existing.isReadOnly, conditions: existing.conditions, exceptions: existing.exceptions, actions: existing.actions }
		: { displayName: '', sequence: 0, isEnabled: false, isReadOnly: false };
	if (given('displayName') !== undefined) rule.displayName = (given('displayName') as string | null) ?? '';
	if (given('sequence') !== undefined) rule.sequence = (given('sequence') as number | null) ?? 0;
	if (given('isEnabled') !== undefined) rule.isEnabled = given('isEnabled') === true;
	if (given('isReadOnly') !== undefined) rule.isReadOnly = given('isReadOnly') === true;
	if (given('conditions') !== undefined) rule.conditions = readParts('messageRulePredicates', given('conditions'), 'conditions', store, userId);
	if (given('exceptions') !== undefined) rule.exceptions = readParts('messageRulePredicates', given('exceptions'), 'exceptions', store, userId);
	if (given('actions') !== undefined) rule.actions = readParts('messageRuleActions', given('actions'), 'actions', store, userId);
	if (rule.displayName.trim() === '') throw ruleValidationError('displayName', 'EmptyValueFound', 'The value must not be empty.');
	if (!Number.isInteger(rule.sequence) || rule.sequence < 1) {
		throw ruleValidationError('sequence', existing || given('sequence') !== undefined ? 'InvalidValue' : 'MissingParameter', 'The sequence must be 1 or more.');
	}
	if (!rule.actions) throw ruleValidationError('actions', 'MissingAction', 'The rule must have at least one action.');
	return rule;
}

// ---------- shaping ----------

/** A folder an action names that no longer exists puts the rule in error: Exchange no longer runs it. */
export function ruleHasError(rule: StoredRule, store: Store, userId: string): boolean {
	return ['moveToFolder', 'copyToFolder'].some((name) => {
		const id = rule.actions?.[name];
		return typeof id === 'string' && !folderExists(store, userId, id);
	});
}

/** The rule as Graph answers it; predicates and actions that set nothing are left out, as Graph leaves them out. */
export function ruleResource(rule: StoredRule, store: Store, userId: string): Resource {
	return {
		id: rule.id,
		displayName: rule.displayName,
		sequence: rule.sequence,
		isEnabled: rule.isEnabled,
		hasError: ruleHasError(rule, store, userId),
		isReadOnly: rule.isReadOnly,
		...(rule.conditions ? { conditions: structuredClone(rule.conditions) } : {}),
		...(rule.actions ? { actions: structuredClone(rule.actions) } : {}),
		...(rule.exceptions ? { exceptions: structuredClone(rule.exceptions) } : {}),
	};
}

// ---------- running the rules ----------

const sameAddress = (item: Recipient, user: User): boolean => {
	const address = item.emailAddress.address.toLowerCase();
	return address === (user.mail ?? '').toLowerCase() || address === user.userPrincipalName.toLowerCase();
};

const containsAny = (haystacks: readonly string[], needles: unknown): boolean =>
	(needles as string[]).some((needle) => haystacks.some((haystack) => haystack.toLowerCase().includes(needle.toLowerCase())));

const recipientText = (item: Recipient): string[] => [item.emailAddress.name, item.emailAddress.address];

/**
 * Whether one predicate holds for the message. Predicates about kinds of message the emulator never delivers
 * (meeting requests, voicemail, signed or encrypted mail, read receipts...) never hold.
 */
function predicateHolds(name: string, value: unknown, message: StoredMessage, owner: User, size: number): boolean {
	const to = message.toRecipients;
	const cc = message.ccRecipients;
	const body = message.body.contentType === 'html' ? htmlToText(message.body.content) : message.body.content;
	switch (name) {
		case 'senderContains':
			return containsAny(message.from ? recipientText(message.from) : [], value);
		case 'fromAddresses':
			return (value as Recipient[]).some((item) => message.from?.emailAddress.address.toLowerCase() === item.emailAddress.address.toLowerCase());
		case 'sentToAddresses':
			return (value as Recipient[]).some((item) => [...to, ...cc].some((r) => r.emailAddress.address.toLowerCase() === item.emailAddress.address.toLowerCase()));
		case 'recipientContains':
			return containsAny([...to, ...cc].flatMap(recipientText), value);
		case 'subjectContains':
			return containsAny([message.subject], value);
		case 'bodyContains':
			return containsAny([body], value);
		case 'bodyOrSubjectContains':
			return containsAny([message.subject, body], value);
		case 'headerContains':
			return containsAny(message.internetMessageHeaders.map((header) => `${header.name}: ${header.value}`), value);
		case 'categories':
			return (value as string[]).some((category) => message.categories.some((own) => own.toLowerCase() === category.toLowerCase()));
		case 'hasAttachments':
			return message.hasAttachments;
		case 'importance':
			return message.importance === value;
		case 'sensitivity':
			return value === 'normal'; // the emulator's messages all have normal sensitivity
		case 'sentToMe':
			return to.some((item) => sameAddress(item, owner));
		case 'sentCcMe':
			return cc.some((item) => sameAddress(item, owner));
		case 'sentToOrCcMe':
			return [...to, ...cc].some((item) => sameAddress(item, owner));
		case 'sentOnlyToMe':
			return to.length === 1 && cc.length === 0 && sameAddress(to[0], owner);
		case 'notSentToMe':
			return ![...to, ...cc].some((item) => sameAddress(item, owner));
		case 'withinSizeRange': {
			const range = value as { minimumSize?: number; maximumSize?: number };
			const kilobytes = size / 1024;
			return (range.minimumSize === undefined || kilobytes >= range.minimumSize) && (range.maximumSize === undefined || kilobytes <= range.maximumSize);
		}
		default:
			return false;
	}
}

const allHold = (parts: RuleParts, message: StoredMessage, owner: User, size: number): boolean =>
	Object.entries(parts).every(([name, value]) => predicateHolds(name, value, message, owner, size));

const anyHolds = (parts: RuleParts, message: StoredMessage, owner: User, size: number): boolean =>
	Object.entries(parts).some(([name, value]) => predicateHolds(name, value, message, owner, size));

/** A forward (or redirect) an Inbox rule makes of a message, to deliver with rules off. */
function ruleForward(kind: 'forwardTo' | 'forwardAsAttachmentTo' | 'redirectTo', targets: Recipient[], message: StoredMessage, owner: User, store: Store, now: number): Submission {
	if (kind === 'forwardTo') {
		const composed = responseMessage(message, 'forward', { ToRecipients: targets }, owner, store, now);
		return { sender: owner, sent: sentMessage(composed.data, owner, now), attachments: composed.attachments };
	}
	if (kind === 'redirectTo') {
		// A redirect keeps the original sender and subject; only the recipients change.
		const data = { ...messageData(message), toRecipients: structuredClone(targets), ccRecipients: [], bccRecipients: [], internetMessageId: '' };
		return { sender: owner, sent: sentMessage(data, owner, now), attachments: message.attachments };
	}
	const item: AttachedItem = { ...messageData(message), attachments: message.attachments };
	const data = { ...emptyMessage(now), subject: `FW: ${message.subject}`, toRecipients: structuredClone(targets), from: mailboxRecipient(owner) };
	const size = messageMime(item).length;
	const attachment = { kind: 'item' as const, id: '', name: message.subject, contentType: null, size, isInline: false, lastModifiedDateTime: data.createdDateTime, item };
	return { sender: owner, sent: sentMessage(data, owner, now), attachments: [attachment] };
}

/**
 * Runs the mailbox's enabled rules, in sequence, on a message just delivered to its Inbox: a rule applies when all
 * its conditions hold (a rule without conditions applies to every message) and none of its exceptions does.
 * Actions: categories, read, importance, forwards and redirect (handed to `forward`), copy, then move, delete (to
 * Deleted Items) or permanent delete; stopProcessingRules ends the run. Later rules see the message where earlier
 * ones left it. A rule in error (a folder it names is gone) is skipped.
 */
export function applyInboxRules(services: Services, owner: User, delivered: StoredMessage, forward: (submission: Submission) => void): void {
	const { store } = services;
	const now = services.now();
	let message: StoredMessage = delivered;
	for (const rule of store.rules.list(owner.id)) {
		if (!rule.isEnabled || ruleHasError(rule, store, owner.id) || !rule.actions) continue;
		const size = messageSize(message, message.attachments);
		if (rule.conditions && !allHold(rule.conditions, message, owner, size)) continue;
		if (rule.exceptions && anyHolds(rule.exceptions, message, owner, size)) continue;
		const actions = rule.actions;
		if (Array.isArray(actions.assignCategories)) {
			const added = (actions.assignCategories as string[]).filter((category) => !message.categories.some((own) => own.toLowerCase() === category.toLowerCase()));
			message.categories = [...message.categories, ...added];
		}
		if (actions.markAsRead === true) message.isRead = true;
		if (typeof actions.markImportance === 'string') message.importance = actions.markImportance as StoredMessage['importance'];
		for (const kind of ['forwardTo', 'forwardAsAttachmentTo', 'redirectTo'] as const) {
			const targets = actions[kind] as Recipient[] | undefined;
			if (targets) forward(ruleForward(kind, targets, message, owner, store, now));
		}
		if (typeof actions.copyToFolder === 'string') store.copyMessage(owner.id, message.id, actions.copyToFolder);
		if (actions.permanentDelete === true) {
			store.deleteMessage(owner.id, message.id);
			return;
		}
		if (typeof actions.moveToFolder === 'string') message = store.moveMessage(owner.id, message.id, actions.moveToFolder);
		if (actions.delete === true) message = store.moveMessage(owner.id, message.id, 'deleteditems');
		if (actions.stopProcessingRules === true) return;
	}
}
