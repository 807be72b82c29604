import type { GraphContext, HandlerResult } from '../context';
import { GraphError, badRequest } from '../errors';
import { matchesFilter } from '../filter';
import { enumMembers, findProperty, validateBody } from '../metadata';
import type { MessageData, StoredMessage } from '../model';
import { parseQueryOptions, type OrderBy } from '../odata';
import { messageResource, odataContext, page, usersSegment, type MessageShape } from '../resources';
import { matchesSearch } from '../search';
import type { StoredFolder } from '../model';

/** GET/PATCH/DELETE on /users/{user}/messages and /users/{user}/mailFolders/{folder}[/childFolders/{child}]/messages. */

const DEFAULT_PAGE_SIZE = 10;

/** Updatable on any message (Graph "Update message"). */
const ALWAYS_UPDATABLE = new Set([
	'categories',
	'flag',
	'importance',
	'inferenceClassification',
	'isDeliveryReceiptRequested',
	'isRead',
	'isReadReceiptRequested',
]);

/** Updatable only while the message is a draft. */
const DRAFT_UPDATABLE = new Set(['bccRecipients', 'body', 'ccRecipients', 'from', 'internetMessageId', 'replyTo', 'sender', 'subject', 'toRecipients']);

/** The folder named in the path (the innermost one), when the route goes through mailFolders. */
function pathFolder({ params, services, user }: GraphContext): StoredFolder | undefined {
	if (params.folder === undefined) return undefined;
	const folder = services.store.folder(user.id, params.folder);
	return params.child === undefined ? folder : services.store.folder(user.id, params.child);
}

function collectionPath(context: GraphContext): string {
	const { params } = context;
	const folders = params.folder === undefined ? '' : `/mailFolders('${params.folder}')${params.child === undefined ? '' : `/childFolders('${params.child}')`}`;
	return `${usersSegment(params.user)}${folders}/messages`;
}

function shapeFor(context: GraphContext, select?: string[], expand?: string[]): MessageShape {
	const prefer = context.request.headers.prefer ?? '';
	return {
		select,
		expandAttachments: expand?.includes('attachments'),
		textBody: /outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer),
	};
}

function preferenceHeaders(shape: MessageShape): Record<string, string> {
	return shape.textBody ? { 'Preference-Applied': 'outlook.body-content-type="text"' } : {};
}

function checkExpand(expand: string[] | undefined): void {
	for (const name of expand ?? []) {
		if (name !== 'attachments') {
			throw badRequest('BadRequest', `Parsing OData Select and Expand failed: Property '${name}' on type 'microsoft.graph.message' is not a navigation property or complex property. Only navigation properties can be expanded.`);
		}
	}
}

function read(message: StoredMessage, path: readonly string[]): unknown {
	let value: unknown = message;
	for (const segment of path) value = value === null || typeof value !== 'object' ? null : (value as Record<string, unknown>)[segment];
	return value ?? null;
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null) return -1;
	if (b === null) return 1;
	if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
	return Number(a) - Number(b);
}

function sortMessages(messages: StoredMessage[], orderBy: readonly OrderBy[] | undefined): StoredMessage[] {
	const clauses = orderBy ?? [{ path: ['receivedDateTime'], descending: true }];
	return messages.sort((left, right) => {
		for (const clause of clauses) {
			const order = compare(read(left, clause.path), read(right, clause.path));
			if (order !== 0) return clause.descending ? -order : order;
		}
		return 0;
	});
}

export function listMessages(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'message', {
		allowed: ['select', 'top', 'skip', 'filter', 'orderby', 'search', 'count', 'expand'],
		messageRules: true,
	});
	checkExpand(options.expand);
	const folder = pathFolder(context);
	let messages = services.store.messages(user.id, folder?.id);
	const { filter, search } = options;
	if (filter) messages = messages.filter((message) => matchesFilter(filter, message));
	if (search) messages = messages.filter((message) => matchesSearch(search, message));
	messages = sortMessages(messages, options.orderBy);
	const shape = shapeFor(context, options.select, options.expand);
	const resources = messages.map((message) => messageResource(message, shape));
	const { value, nextLink } = page(resources, request, services.baseUrl, options.skip, options.top ?? DEFAULT_PAGE_SIZE);
	return {
		status: 200,
		headers: preferenceHeaders(shape),
		body: {
			'@odata.context': odataContext(services.baseUrl, collectionPath(context), options.select),
			...(options.count ? { '@odata.count': resources.length } : {}),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

/** The message in the path; when the path names a folder, the folder must exist too. */
function pathMessage(context: GraphContext): StoredMessage {
	pathFolder(context);
	return context.services.store.message(context.user.id, context.params.message);
}

export function getMessage(context: GraphContext): HandlerResult {
	const { request, services } = context;
	const options = parseQueryOptions(request.query, 'message', { allowed: ['select', 'expand'] });
	checkExpand(options.expand);
	const message = pathMessage(context);
	const shape = shapeFor(context, options.select, options.expand);
	return {
		status: 200,
		headers: preferenceHeaders(shape),
		body: {
			'@odata.context': odataContext(services.baseUrl, collectionPath(context), options.select, true),
			...messageResource(message, shape),
		},
	};
}

/** Canonical spelling of an enum value, as Graph stores it whatever case the client wrote. */
function canonicalEnum(type: string, value: unknown): unknown {
	const members = enumMembers(type);
	if (!members || typeof value !== 'string') return value;
	return members.find((member) => member.toLowerCase() === value.toLowerCase()) ?? value;
}

export function updateMessage(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	validateBody('message', request.body);
	const message = pathMessage(context);
	const changes: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(request.body as Record<string, unknown>)) {
		if (key.includes('@')) continue;
		const property = findProperty('message', key);
		if (!property) continue; // validateBody has refused unknown names already
		if (!ALWAYS_UPDATABLE.has(property.name) && !(DRAFT_UPDATABLE.has(property.name) && message.isDraft)) {
			if (DRAFT_UPDATABLE.has(property.name)) {
				throw new GraphError(400, 'ErrorInvalidPropertyUpdateSentMessage', `Update operation failed for property '${property.name}'. This property can only be updated on draft messages.`);
			}
			throw badRequest('ErrorInvalidProperty', `The property '${property.name}' is read-only and cannot be set.`);
		}
		changes[property.name] = canonicalEnum(property.type, value);
	}
	const updated = services.store.updateMessage(user.id, message.id, changes as Partial<MessageData>);
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, collectionPath(context), undefined, true),
			...messageResource(updated),
		},
	};
}

export function deleteMessage(context: GraphContext): HandlerResult {
	const message = pathMessage(context);
	context.services.store.deleteMessage(context.user.id, message.id);
	return { status: 204 };
}
