import { createHash } from 'node:crypto';
import { badRequest } from '../http/errors';
import { enumMembers, findProperty, structuredType, validateBody } from './metadata';
import { messageMime } from './mime';
import {
	fileAttachment,
	messageData,
	type AttachedItem,
	type InternetMessageHeader,
	type ItemBody,
	type MessageData,
	type Recipient,
	type StoredAttachment,
	type StoredMessage,
} from '../state/model';
import { htmlToText } from './resources';
import type { Store, User } from '../state/store';

/**
 * Messages as Exchange writes them from Graph JSON: new drafts, messages to send, replies and forwards, and the
 * copies a send leaves in Sent Items and delivers to recipients' Inboxes. Request JSON is checked against the
 * metadata here, and Exchange's own rules on top (writable properties, custom header names, recipients).
 */

/** Settable on any message (Graph "Update message"). */
export const ALWAYS_UPDATABLE: ReadonlySet<string> = new Set([
	'categories',
	'flag',
	'importance',
	'inferenceClassification',
	'isDeliveryReceiptRequested',
	'isRead',
	'isReadReceiptRequested',
]);

/** Settable only while the message is a draft (and when creating or sending one). */
export const DRAFT_UPDATABLE: ReadonlySet<string> = new Set([
	'bccRecipients',
	'body',
	'ccRecipients',
	'from',
	'internetMessageHeaders',
	'internetMessageId',
	'replyTo',
	'sender',
	'subject',
	'toRecipients',
]);

/** Navigation properties a new message may carry that the emulator accepts and does not keep. */
const IGNORED = new Set(['extensions', 'singleValueExtendedProperties', 'multiValueExtendedProperties']);

/** Graph's limit on custom internet message headers per message. */
export const MAX_CUSTOM_HEADERS = 5;

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const escapeHtml = (text: string): string =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Exchange keeps HTML bodies as whole documents: a fragment is wrapped into one. */
function htmlDocument(inner: string): string {
	return `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${inner}</body></html>`;
}

/** What lies between <body> and </body>, or the whole text when it is a fragment. */
function innerHtml(html: string): string {
	const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
	return match ? match[1] : html;
}

export function bodyPreview(body: ItemBody): string {
	const text = body.contentType === 'html' ? htmlToText(body.content) : body.content;
	return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

export function mailboxRecipient(user: User): Recipient {
	return { emailAddress: { name: user.displayName, address: user.mail ?? user.userPrincipalName } };
}

/** The fields of a new draft before the request sets any. */
export function emptyMessage(now: number): MessageData {
	const at = iso(now);
	return {
		createdDateTime: at,
		lastModifiedDateTime: at,
		changeKey: '',
		categories: [],
		receivedDateTime: at,
		sentDateTime: at,
		hasAttachments: false,
		internetMessageId: '',
		subject: '',
		bodyPreview: '',
		importance: 'normal',
		parentFolderId: '',
		conversationId: '',
		conversationIndex: '',
		isDeliveryReceiptRequested: false,
		isReadReceiptRequested: false,
		isRead: true,
		isDraft: true,
		webLink: '',
		inferenceClassification: 'focused',
		body: { contentType: 'text', content: '' },
		uniqueBody: { contentType: 'text', content: '' },
		sender: null,
		from: null,
		toRecipients: [],
		ccRecipients: [],
		bccRecipients: [],
		replyTo: [],
		flag: { flagStatus: 'notFlagged' },
		internetMessageHeaders: [],
	};
}

export interface Composed {
	data: MessageData;
	attachments: StoredAttachment[];
}

/** Canonical spelling of an enum value, as Graph stores it whatever case the client wrote. */
export function canonicalEnum(type: string, value: unknown): unknown {
	const members = enumMembers(type);
	if (!members || typeof value !== 'string') return value;
	return members.find((member) => member.toLowerCase() === value.toLowerCase()) ?? value;
}

/** A property of a JSON object by its name in any case. */
function field(json: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(json).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : json[key];
}

const readOnly = (name: string) => badRequest('ErrorInvalidProperty', `The property '${name}' is read-only and cannot be set.`);

function recipient(value: unknown, store: Store): Recipient {
	const emailAddress = (field((value ?? {}) as Record<string, unknown>, 'emailAddress') ?? {}) as Record<string, unknown>;
	const address = typeof field(emailAddress, 'address') === 'string' ? (field(emailAddress, 'address') as string) : '';
	const given = field(emailAddress, 'name');
	const name = typeof given === 'string' && given !== '' ? given : (store.userByAddress(address, false)?.displayName ?? address);
	return { emailAddress: { name, address } };
}

function itemBody(value: unknown): ItemBody {
	if (value === null || value === undefined) return { contentType: 'text', content: '' };
	const json = value as Record<string, unknown>;
	const contentType = canonicalEnum('bodyType', field(json, 'contentType') ?? 'text') === 'html' ? 'html' : 'text';
	const content = typeof field(json, 'content') === 'string' ? (field(json, 'content') as string) : '';
	return { contentType, content: contentType === 'html' && !/<html[\s>]/i.test(content) ? htmlDocument(content) : content };
}

/** Graph accepts only custom (`x-`) headers on a message, at most five. */
function customHeaders(value: unknown): InternetMessageHeader[] {
	const headers = ((value ?? []) as Record<string, unknown>[]).map((header) => ({
		name: String(field(header, 'name') ?? ''),
		value: String(field(header, 'value') ?? ''),
	}));
	if (headers.length > MAX_CUSTOM_HEADERS) {
		throw badRequest('InvalidInternetMessageHeaderCollection', `Maximum number of headers in one message should be less than or equal to ${MAX_CUSTOM_HEADERS}.`);
	}
	for (const header of headers) {
		if (!/^x-/i.test(header.name)) {
			throw badRequest('InvalidInternetMessageHeader', `The internet message header name '${header.name}' should start with 'x-' or 'X-'.`);
		}
	}
	return headers;
}

/** Sets one writable property (canonical name) from request JSON, shaped as Exchange stores it. */
export function setProperty(data: MessageData, name: string, value: unknown, store: Store): void {
	const target = data as unknown as Record<string, unknown>;
	switch (name) {
		case 'toRecipients':
		case 'ccRecipients':
		case 'bccRecipients':
		case 'replyTo':
			target[name] = ((value ?? []) as unknown[]).map((item) => recipient(item, store));
			return;
		case 'from':
		case 'sender':
			target[name] = value === null ? null : recipient(value, store);
			return;
		case 'body':
			data.body = itemBody(value);
			data.uniqueBody = structuredClone(data.body);
			data.bodyPreview = bodyPreview(data.body);
			return;
		case 'internetMessageHeaders':
			data.internetMessageHeaders = customHeaders(value);
			return;
		case 'categories':
			data.categories = ((value ?? []) as string[]).slice();
			return;
		case 'subject':
			data.subject = typeof value === 'string' ? value : '';
			return;
		case 'flag': {
			const flag = structuredClone((value ?? {}) as Record<string, unknown>);
			flag.flagStatus = canonicalEnum('followupFlagStatus', field(flag, 'flagStatus') ?? 'notFlagged');
			data.flag = flag as unknown as MessageData['flag'];
			return;
		}
		default: {
			const property = findProperty('message', name);
			target[name] = property ? canonicalEnum(property.type, structuredClone(value)) : structuredClone(value);
		}
	}
}

/**
 * Reads a Graph message (new draft, message to send, the `message` parameter of reply/forward) into message data
 * on top of `base`: checked against the metadata, then against what a new message may set (a read-only
 * property is 400 ErrorInvalidProperty). Inline attachments come back apart, ready for the store.
 */
export function readMessage(json: unknown, store: Store, now: number, base: MessageData = emptyMessage(now)): Composed {
	validateBody('message', json);
	const data = base;
	const attachments: StoredAttachment[] = [];
	for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
		if (key.includes('@')) continue;
		const name = findProperty('message', key)?.name ?? key;
		if (IGNORED.has(name)) continue;
		if (name === 'attachments') {
			attachments.push(...((value ?? []) as unknown[]).map((attachment) => readAttachment(attachment, store, now)));
			continue;
		}
		if (!ALWAYS_UPDATABLE.has(name) && !DRAFT_UPDATABLE.has(name)) throw readOnly(name);
		setProperty(data, name, value, store);
	}
	return { data, attachments };
}

// ---------- attachments ----------

const CONTENT_TYPES: Record<string, string> = {
	txt: 'text/plain',
	csv: 'text/csv',
	htm: 'text/html',
	html: 'text/html',
	json: 'application/json',
	xml: 'application/xml',
	pdf: 'application/pdf',
	zip: 'application/x-zip-compressed',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	eml: 'message/rfc822',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The content type Exchange gives a file sent without one: from the name's extension. */
export function contentTypeFor(name: string): string {
	const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
	return (extension && CONTENT_TYPES[extension]) || 'application/octet-stream';
}

function attachmentTypeName(json: Record<string, unknown>): string | undefined {
	const declared = json['@odata.type'];
	return typeof declared === 'string' ? declared.replace(/^#?microsoft\.graph\./, '') : undefined;
}

/**
 * An attachment from request JSON (POST .../attachments, or inside a message), with an empty id for the store to
 * fill. `@odata.type` must name a concrete type: the abstract `attachment` cannot be created.
 */
export function readAttachment(value: unknown, store: Store, now: number): StoredAttachment {
	validateBody('attachment', value);
	const json = value as Record<string, unknown>;
	const typeName = attachmentTypeName(json);
	const type = typeName ? structuredType(typeName) : undefined;
	if (!type || type.name === 'attachment') throw badRequest('RequestBodyRead', 'Cannot create an abstract class.');
	const name = typeof field(json, 'name') === 'string' ? (field(json, 'name') as string) : '';
	const isInline = field(json, 'isInline') === true;
	const lastModifiedDateTime = iso(now);
	const givenType = typeof field(json, 'contentType') === 'string' ? (field(json, 'contentType') as string) : undefined;
	switch (type.name) {
		case 'fileAttachment': {
			const content = Buffer.from(String(field(json, 'contentBytes') ?? ''), 'base64');
			return fileAttachment({
				id: '',
				name,
				contentType: givenType ?? contentTypeFor(name),
				size: content.length,
				isInline,
				lastModifiedDateTime,
				content,
				contentId: typeof field(json, 'contentId') === 'string' ? (field(json, 'contentId') as string) : null,
				contentLocation: typeof field(json, 'contentLocation') === 'string' ? (field(json, 'contentLocation') as string) : null,
			});
		}
		case 'itemAttachment': {
			const itemJson = field(json, 'item');
			if (itemJson === undefined || itemJson === null || attachmentTypeName(itemJson as Record<string, unknown>) !== 'message') {
				throw badRequest('RequestBodyRead', 'Cannot create an abstract class.');
			}
			const base = { ...emptyMessage(now), isDraft: false };
			const { data, attachments } = readMessage(stripType(itemJson as Record<string, unknown>), store, now, base);
			const item: AttachedItem = { ...data, attachments: attachments.map((attachment, index) => ({ ...attachment, id: `${index}` })) };
			return { kind: 'item', id: '', name: name || item.subject, contentType: null, size: messageMime(item).length, isInline, lastModifiedDateTime, item };
		}
		default: {
			const size = field(json, 'size');
			return { kind: 'reference', id: '', name, contentType: givenType ?? null, size: typeof size === 'number' ? size : 0, isInline, lastModifiedDateTime };
		}
	}
}

function stripType(json: Record<string, unknown>): Record<string, unknown> {
	const { ['@odata.type']: declared, ...rest } = json;
	void declared;
	return rest;
}

// ---------- sending ----------

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Exchange's checks when a message is submitted: at least one recipient, each a well-formed address. */
export function checkRecipients(data: MessageData): void {
	const all = [...data.toRecipients, ...data.ccRecipients, ...data.bccRecipients];
	if (all.length === 0) {
		throw badRequest('ErrorInvalidRecipients', "At least one recipient isn't valid., A message can't be sent because it contains no recipients.");
	}
	const bad = all.find((item) => !ADDRESS.test(item.emailAddress.address));
	if (bad) {
		throw badRequest(
			'ErrorInvalidRecipients',
			`At least one recipient isn't valid., Recipient '${bad.emailAddress.address}' is not resolved. All recipients must be resolved before a message can be submitted.`,
		);
	}
}

/**
 * The size Exchange reports for a message (message trace, a rule's size range), estimated as its MIME would be:
 * headers, the body, and attachments base64-encoded. The emulator does not build the MIME to measure it.
 */
export function messageSize(data: MessageData, attachments: readonly StoredAttachment[]): number {
	const headers = 1024 + Buffer.byteLength(data.subject) + 64 * (data.toRecipients.length + data.ccRecipients.length);
	const body = Buffer.byteLength(data.body.content);
	const files = attachments.reduce((sum, attachment) => sum + Math.ceil(attachment.size / 3) * 4 + 256, 0);
	return headers + body + files;
}

let submissions = 0;

/** The message as its sender's Sent Items keeps it. */
export function sentMessage(data: MessageData, owner: User, now: number): MessageData {
	const at = iso(now);
	const sent = messageData(data);
	const me = mailboxRecipient(owner);
	const seed = createHash('sha256').update(`${owner.id}:${now}:${++submissions}`).digest();
	return {
		...sent,
		isDraft: false,
		isRead: true,
		from: sent.from ?? me,
		sender: me,
		sentDateTime: at,
		receivedDateTime: at,
		lastModifiedDateTime: at,
		internetMessageId: sent.internetMessageId || `<${seed.subarray(0, 16).toString('hex').toUpperCase()}@${owner.id.slice(0, 8).toUpperCase()}.namprd00.prod.outlook.com>`,
		conversationId: sent.conversationId || `AAQkAG${seed.subarray(16, 32).toString('base64')}`,
	};
}

const rfc822Date = (value: string): string => new Date(value).toUTCString().replace('GMT', '+0000');

const addressList = (recipients: readonly Recipient[]): string =>
	recipients.map(({ emailAddress }) => `${emailAddress.name} <${emailAddress.address}>`).join(', ');

/** The copy a recipient's Inbox receives: unread, without Bcc, flags or categories, with transport headers. */
export function deliveredMessage(sent: MessageData, now: number): MessageData {
	const at = iso(now);
	const delivered = messageData(sent);
	const headers: InternetMessageHeader[] = [
		{ name: 'From', value: sent.from ? addressList([sent.from]) : '' },
		{ name: 'To', value: addressList(sent.toRecipients) },
		...(sent.ccRecipients.length > 0 ? [{ name: 'Cc', value: addressList(sent.ccRecipients) }] : []),
		{ name: 'Subject', value: sent.subject },
		{ name: 'Date', value: rfc822Date(sent.sentDateTime) },
		{ name: 'Message-ID', value: sent.internetMessageId },
		{ name: 'MIME-Version', value: '1.0' },
		...sent.internetMessageHeaders,
	];
	return {
		...delivered,
		isRead: false,
		isDraft: false,
		bccRecipients: [],
		categories: [],
		flag: { flagStatus: 'notFlagged' },
		inferenceClassification: 'focused',
		createdDateTime: at,
		lastModifiedDateTime: at,
		receivedDateTime: at,
		internetMessageHeaders: headers,
	};
}

// ---------- replies and forwards ----------

export type ResponseKind = 'reply' | 'replyAll' | 'forward';

const PREFIX: Record<ResponseKind, string> = { reply: 'RE: ', replyAll: 'RE: ', forward: 'FW: ' };
const ALREADY: Record<ResponseKind, RegExp> = { reply: /^re:\s/i, replyAll: /^re:\s/i, forward: /^(fw|fwd):\s/i };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Friday, June 28, 2024 9:30 AM", in UTC, as Outlook writes the Sent line of a quoted message. */
function sentLine(value: string): string {
	const date = new Date(value);
	const hours = date.getUTCHours();
	const minutes = String(date.getUTCMinutes()).padStart(2, '0');
	return `${DAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

const nameAndAddress = (item: Recipient): string => `${item.emailAddress.name} <${item.emailAddress.address}>`;

/** The new text above Outlook's header block and the original message, as one HTML body. */
function quotedBody(original: MessageData, intro: ItemBody): ItemBody {
	const introHtml =
		intro.contentType === 'html' ? innerHtml(intro.content) : escapeHtml(intro.content).replace(/\r?\n/g, '<br>');
	const header = [
		`<b>From:</b> ${escapeHtml(original.from ? nameAndAddress(original.from) : '')}`,
		`<b>Sent:</b> ${sentLine(original.sentDateTime)}`,
		`<b>To:</b> ${escapeHtml(original.toRecipients.map(nameAndAddress).join('; '))}`,
		...(original.ccRecipients.length > 0 ? [`<b>Cc:</b> ${escapeHtml(original.ccRecipients.map(nameAndAddress).join('; '))}`] : []),
		`<b>Subject:</b> ${escapeHtml(original.subject)}`,
	].join('<br>\r\n');
	const originalHtml =
		original.body.contentType === 'html'
			? innerHtml(original.body.content)
			: `<div>${escapeHtml(original.body.content).replace(/\r?\n/g, '<br>')}</div>`;
	return {
		contentType: 'html',
		content: htmlDocument(
			`<div>${introHtml}</div>\r\n<hr style="display:inline-block;width:98%" tabindex="-1">\r\n` +
				`<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">${header}</font>\r\n<div>&nbsp;</div>\r\n</div>\r\n${originalHtml}`,
		),
	};
}

const sameAddress = (item: Recipient, user: User): boolean => {
	const address = item.emailAddress.address.toLowerCase();
	return address === (user.mail ?? '').toLowerCase() || address === user.userPrincipalName.toLowerCase();
};

function uniqueRecipients(list: readonly Recipient[]): Recipient[] {
	const seen = new Set<string>();
	return list.filter((item) => {
		const key = item.emailAddress.address.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * A reply, reply-all or forward of `original` from `owner`, from the action's parameters (canonical names:
 * Comment, Message, ToRecipients). Either a comment or message.body, not both; for a forward, either the
 * ToRecipients parameter or message.toRecipients, not both. Properties given in `message` replace the computed
 * ones (recipients included); the body is the comment or message.body above the quoted original.
 */
export function responseMessage(
	original: StoredMessage,
	kind: ResponseKind,
	parameters: Record<string, unknown>,
	owner: User,
	store: Store,
	now: number,
): Composed {
	const comment = parameters.Comment as string | null | undefined;
	const message = (parameters.Message ?? undefined) as Record<string, unknown> | undefined;
	const messageBody = message ? field(message, 'body') : undefined;
	if (comment !== undefined && comment !== null && messageBody !== undefined && messageBody !== null) {
		throw badRequest('ErrorInvalidRequest', "Specify either the 'comment' parameter or the 'body' property of the 'message' parameter, not both.");
	}
	const toParameter = parameters.ToRecipients as unknown[] | null | undefined;
	if (kind === 'forward' && toParameter && message && field(message, 'toRecipients') !== undefined) {
		throw badRequest('ErrorInvalidRequest', "Specify either the 'toRecipients' parameter or the 'toRecipients' property of the 'message' parameter, not both.");
	}
	const me = mailboxRecipient(owner);
	const base = emptyMessage(now);
	const subject = ALREADY[kind].test(original.subject) ? original.subject : `${PREFIX[kind]}${original.subject}`;
	const replyTargets = original.replyTo.length > 0 ? original.replyTo : original.from ? [original.from] : [];
	Object.assign(base, {
		subject,
		from: me,
		sender: me,
		conversationId: original.conversationId,
		conversationIndex: original.conversationIndex,
		toRecipients:
			kind === 'reply' ? structuredClone(replyTargets)
			: kind === 'replyAll' ? uniqueRecipients([...replyTargets, ...original.toRecipients]).filter((item) => !sameAddress(item, owner))
			: ((toParameter ?? []) as unknown[]).map((item) => recipient(item, store)),
		ccRecipients: kind === 'replyAll' ? uniqueRecipients(original.ccRecipients).filter((item) => !sameAddress(item, owner)) : [],
	});
	if (kind === 'replyAll' && base.toRecipients.length === 0 && replyTargets.length > 0) base.toRecipients = structuredClone(replyTargets);
	if (message) validateBody('message', message);
	const withoutBody = Object.fromEntries(Object.entries(message ?? {}).filter(([key]) => key.toLowerCase() !== 'body'));
	const { data, attachments } = readMessage(withoutBody, store, now, base);
	const intro: ItemBody = messageBody ? itemBody(messageBody) : { contentType: 'text', content: comment ?? '' };
	data.body = quotedBody(original, intro);
	data.uniqueBody = intro.contentType === 'html' ? intro : { contentType: 'text', content: intro.content };
	data.bodyPreview = bodyPreview(data.body);
	const forwarded = kind === 'forward' ? original.attachments : [];
	return { data, attachments: [...forwarded, ...attachments] };
}
