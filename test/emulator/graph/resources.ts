import type { IncomingRequest } from '../http/context';
import type { AttachedItem, StoredAttachment, StoredFolder, StoredMessage } from '../state/model';
import type { FolderCounts, Group, User } from '../state/store';

/**
 * Stored items shaped as Graph's JSON resources (default property sets, $select, @odata.etag, @odata.context),
 * and collection paging with an absolute @odata.nextLink on the emulator's own origin.
 */

export type Resource = Record<string, unknown>;

/** The properties Graph returns for a message when no $select is given, in Graph's order. */
const MESSAGE_DEFAULTS = [
	'id',
	'createdDateTime',
	'lastModifiedDateTime',
	'changeKey',
	'categories',
	'receivedDateTime',
	'sentDateTime',
	'hasAttachments',
	'internetMessageId',
	'subject',
	'bodyPreview',
	'importance',
	'parentFolderId',
	'conversationId',
	'conversationIndex',
	'isDeliveryReceiptRequested',
	'isReadReceiptRequested',
	'isRead',
	'isDraft',
	'webLink',
	'inferenceClassification',
	'body',
	'sender',
	'from',
	'toRecipients',
	'ccRecipients',
	'bccRecipients',
	'replyTo',
	'flag',
] as const;

const FOLDER_DEFAULTS = ['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden'] as const;

const USER_DEFAULTS = [
	'businessPhones',
	'displayName',
	'givenName',
	'jobTitle',
	'mail',
	'mobilePhone',
	'officeLocation',
	'preferredLanguage',
	'surname',
	'userPrincipalName',
	'id',
] as const;

export interface MessageShape {
	select?: readonly string[];
	expandAttachments?: boolean;
	/** `Prefer: outlook.body-content-type="text"` was sent. */
	textBody?: boolean;
}

export function htmlToText(html: string): string {
	return html
		.replace(/<head>[\s\S]*?<\/head>/gi, '')
		.replace(/<br\s*\/?>/gi, '\r\n')
		.replace(/<\/p>/gi, '\r\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.trim();
}

export function messageResource(message: StoredMessage, shape: MessageShape = {}): Resource {
	const names = shape.select ? ['id', ...shape.select.filter((name) => name !== 'id')] : MESSAGE_DEFAULTS;
	const source = message as unknown as Record<string, unknown>;
	const resource: Resource = { '@odata.etag': `W/"${message.changeKey}"` };
	for (const name of names) {
		if (name === 'attachments' || !(name in source)) continue;
		let value = structuredClone(source[name]);
		if (shape.textBody && (name === 'body' || name === 'uniqueBody')) {
			const body = value as StoredMessage['body'];
			value = body.contentType === 'html' ? { contentType: 'text', content: htmlToText(body.content) } : body;
		}
		resource[name] = value;
	}
	if (shape.expandAttachments) resource.attachments = message.attachments.map((attachment) => attachmentResource(attachment));
	return resource;
}

const ATTACHMENT_TYPE = { file: 'fileAttachment', item: 'itemAttachment', reference: 'referenceAttachment' } as const;

/**
 * An attachment as Graph shapes it: its `@odata.type`, the attachment properties, and for a file its content
 * (base64 contentBytes) unless `$select` leaves it out. `$select` names attachment properties; id is always there.
 */
export function attachmentResource(attachment: StoredAttachment, select?: readonly string[]): Resource {
	const all: Resource = {
		id: attachment.id,
		lastModifiedDateTime: attachment.lastModifiedDateTime,
		name: attachment.name,
		contentType: attachment.contentType,
		size: attachment.size,
		isInline: attachment.isInline,
	};
	if (attachment.kind === 'file') {
		all.contentId = attachment.contentId;
		all.contentLocation = attachment.contentLocation;
		all.contentBytes = attachment.contentBytes;
	}
	const resource: Resource = { '@odata.type': `#microsoft.graph.${ATTACHMENT_TYPE[attachment.kind]}` };
	if (attachment.kind === 'file') resource['@odata.mediaContentType'] = attachment.contentType;
	const names = select ? ['id', ...select.filter((name) => name !== 'id')] : Object.keys(all);
	for (const name of names) if (name in all) resource[name] = all[name];
	return resource;
}

/** The message inside an item attachment, for `$expand=microsoft.graph.itemAttachment/item`. Its id is empty. */
export function attachedItemResource(item: AttachedItem): Resource {
	const resource = messageResource({ ...item, id: '', version: 0 } as StoredMessage);
	delete resource['@odata.etag'];
	return { '@odata.type': '#microsoft.graph.message', ...resource };
}

export function folderResource(folder: StoredFolder, counts: FolderCounts, select?: readonly string[]): Resource {
	const all: Resource = {
		id: folder.id,
		displayName: folder.displayName,
		parentFolderId: folder.parentFolderId,
		childFolderCount: counts.childFolderCount,
		unreadItemCount: counts.unreadItemCount,
		totalItemCount: counts.totalItemCount,
		isHidden: folder.isHidden,
	};
	const names = select ? ['id', ...select.filter((name) => name !== 'id')] : FOLDER_DEFAULTS;
	return Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]]));
}

/**
 * How much of a user the app may read: `full` (User.Read.All or more), `basic` (User.ReadBasic.All: the basic
 * profile; other properties answer null), `limited` (no user permission, through a relationship such as a group's
 * members: only `id`, other properties null).
 */
export type UserAccess = 'full' | 'basic' | 'limited';

const BASIC_PROFILE: ReadonlySet<string> = new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName']);

export function userResource(user: User, select?: readonly string[], access: UserAccess = 'full'): Resource {
	const source = user as unknown as Record<string, unknown>;
	const names = select ?? USER_DEFAULTS;
	const readable = (name: string) => access === 'full' || (access === 'basic' ? BASIC_PROFILE.has(name) : name === 'id');
	return Object.fromEntries(
		names.map((name) => [name, readable(name) ? structuredClone(source[name] ?? (name === 'businessPhones' ? [] : null)) : null]),
	);
}

/** The properties Graph returns for a group when no $select is given (the common ones). */
const GROUP_DEFAULTS = ['id', 'createdDateTime', 'description', 'displayName', 'groupTypes', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled'] as const;

export function groupResource(group: Group, select?: readonly string[]): Resource {
	const source = group as unknown as Record<string, unknown>;
	const names = select ?? GROUP_DEFAULTS;
	return Object.fromEntries(names.map((name) => [name, structuredClone(source[name] ?? null)]));
}

/** `${base}/v1.0/$metadata#users('adele%40contoso.com')/messages(subject)/$entity` and the like. */
export function odataContext(baseUrl: string, path: string, select?: readonly string[], entity = false): string {
	return `${baseUrl}/v1.0/$metadata#${path}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}

/** The `users('...')` part of a context URL, with the user written as the request wrote it. */
export const usersSegment = (user: string): string => `users('${encodeURIComponent(user)}')`;

export interface Page {
	value: Resource[];
	nextLink?: string;
}

/** One page of a collection, with a nextLink repeating the request's query with `$skip` moved on. */
export function page(items: Resource[], request: IncomingRequest, baseUrl: string, skip: number, top: number): Page {
	const value = items.slice(skip, skip + top);
	if (skip + top >= items.length || top === 0) return { value };
	const entries = Object.entries(request.query).filter(([key]) => key.toLowerCase() !== '$skip');
	entries.push(['$skip', String(skip + top)]);
	const query = entries.map(([key, val]) => `${encodeURIComponent(key)}=${encodeURIComponent(val)}`).join('&');
	return { value, nextLink: `${baseUrl}${request.rawPathname}?${query}` };
}
