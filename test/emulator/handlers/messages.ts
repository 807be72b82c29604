import { ALWAYS_UPDATABLE, DRAFT_UPDATABLE, readMessage, setProperty } from '../graph/compose';
import type { GraphContext, HandlerResult } from '../http/context';
import { GraphError, badRequest } from '../http/errors';
import { matchesFilter } from '../graph/filter';
import { findProperty, validateAction, validateBody } from '../graph/metadata';
import { messageMime } from '../graph/mime';
import { messageData, type MessageData, type StoredFolder, type StoredMessage } from '../state/model';
import { parseQueryOptions, type OrderBy } from '../graph/odata';
import { messageResource, odataContext, page, usersSegment, type MessageShape } from '../graph/resources';
import { matchesSearch } from '../graph/search';

/**
 * Messages under /users/{user}/messages and /users/{user}/mailFolders/{folder}[/childFolders/{child}]/messages:
 * list, get, create a draft, update, move, copy, delete (to Deleted Items) and permanentDelete, MIME content.
 */

const DEFAULT_PAGE_SIZE = 10;

/** The folder named in the path (the innermost one), when the route goes through mailFolders. */
export function pathFolder({ params, services, user }: GraphContext): StoredFolder | undefined {
	if (params.folder === undefined) return undefined;
	const folder = services.store.folder(user.id, params.folder);
	return params.child === undefined ? folder : services.store.folder(user.id, params.child);
}

export function collectionPath(context: GraphContext): string {
	const { params } = context;
	const folders = params.folder === undefined ? '' : `/mailFolders('${params.folder}')${params.child === undefined ? '' : `/childFolders('${params.child}')`}`;
	return `${usersSegment(params.user)}${folders}/messages`;
}

export function shapeFor(context: GraphContext, select?: string[], expand?: string[]): MessageShape {
	const prefer = context.request.headers.prefer ?? '';
	return {
		select,
		expandAttachments: expand?.includes('attachments'),
		textBody: /outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer),
	};
}

export function preferenceHeaders(shape: MessageShape): Record<string, string> {
	return shape.textBody ? { 'Preference-Applied': 'outlook.body-content-type="text"' } : {};
}

export function checkExpand(expand: string[] | undefined): void {
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
export function pathMessage(context: GraphContext): StoredMessage {
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

/** A message answered as Graph answers a created or changed one: the default properties, entity context. */
export function messageAnswer(context: GraphContext, message: StoredMessage, status: number, path = collectionPath(context)): HandlerResult {
	return {
		status,
		body: { '@odata.context': odataContext(context.services.baseUrl, path, undefined, true), ...messageResource(message) },
	};
}

export function updateMessage(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	validateBody('message', request.body);
	const message = pathMessage(context);
	const next = messageData(message);
	const changed = new Set<string>();
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
		setProperty(next, property.name, value, services.store);
		changed.add(property.name);
		if (property.name === 'body') ['uniqueBody', 'bodyPreview'].forEach((name) => changed.add(name));
	}
	const changes = Object.fromEntries([...changed].map((name) => [name, (next as unknown as Record<string, unknown>)[name]]));
	const updated = services.store.updateMessage(user.id, message.id, changes as Partial<MessageData>);
	return messageAnswer(context, updated, 200);
}

/** POST /messages (a draft in Drafts) and POST /mailFolders/{id}/messages (a draft in that folder): 201. */
export function createDraft(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const folder = pathFolder(context);
	const { data, attachments } = readMessage(request.body, services.store, services.now());
	const draft = services.store.createMessage(user.id, folder?.id ?? 'drafts', data, attachments);
	return messageAnswer(context, draft, 201);
}

/** The destination folder of a move or copy: `destinationId`, a folder id or a well-known name. */
export function destinationOf(parameters: Record<string, unknown>): string {
	const destination = parameters.DestinationId;
	if (typeof destination !== 'string' || destination.trim() === '') {
		throw badRequest('ErrorInvalidParameter', "The value of the parameter 'DestinationId' is empty.");
	}
	return destination;
}

/** POST .../move: 201 with the message in its new folder, under the new id Exchange gives a moved item. */
export function moveMessage(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const destination = destinationOf(validateAction('message', 'move', request.body));
	const message = pathMessage(context);
	const moved = services.store.moveMessage(user.id, message.id, destination);
	return messageAnswer(context, moved, 201, `${usersSegment(params.user)}/messages`);
}

/** POST .../copy: 201 with the copy (a new id); the original stays where it was. */
export function copyMessage(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const destination = destinationOf(validateAction('message', 'copy', request.body));
	const message = pathMessage(context);
	const copy = services.store.copyMessage(user.id, message.id, destination);
	return messageAnswer(context, copy, 201, `${usersSegment(params.user)}/messages`);
}

/** DELETE: into Deleted Items, or removed when already there. */
export function deleteMessage(context: GraphContext): HandlerResult {
	const message = pathMessage(context);
	context.services.store.deleteMessageToDeletedItems(context.user.id, message.id);
	return { status: 204 };
}

export function permanentlyDeleteMessage(context: GraphContext): HandlerResult {
	validateAction('message', 'permanentDelete', context.request.body);
	const message = pathMessage(context);
	context.services.store.deleteMessage(context.user.id, message.id);
	return { status: 204 };
}

/** GET .../$value: the message as MIME. Graph labels it text/plain. */
export function getMessageMime(context: GraphContext): HandlerResult {
	const message = pathMessage(context);
	return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: messageMime(message) };
}
