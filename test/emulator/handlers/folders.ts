import type { GraphContext, HandlerResult } from '../http/context';
import { badRequest } from '../http/errors';
import { matchesFilter } from '../graph/filter';
import { findProperty, validateAction, validateBody } from '../graph/metadata';
import type { StoredFolder } from '../state/model';
import { parseQueryOptions } from '../graph/odata';
import { folderResource, odataContext, page, usersSegment } from '../graph/resources';
import { destinationOf } from './messages';

/**
 * /users/{user}/mailFolders, /mailFolders/{folder} and their childFolders: list and get, create, rename, move,
 * copy, delete (to Deleted Items) and permanentDelete.
 */

const DEFAULT_PAGE_SIZE = 10;

function listFolders(context: GraphContext, parent: StoredFolder, contextPath: string): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'mailFolder', { allowed: ['select', 'top', 'skip', 'filter', 'count'] });
	const includeHidden = Object.entries(request.query).some(
		([key, value]) => key.toLowerCase() === 'includehiddenfolders' && value.toLowerCase() === 'true',
	);
	let resources = services.store
		.childFolders(user.id, parent.id)
		.filter((folder) => includeHidden || !folder.isHidden)
		.map((folder) => folderResource(folder, services.store.folderCounts(user.id, folder.id)));
	const { filter } = options;
	if (filter) resources = resources.filter((resource) => matchesFilter(filter, resource));
	const selected = options.select ? resources.map((resource) => pick(resource, options.select as string[])) : resources;
	const { value, nextLink } = page(selected, request, services.baseUrl, options.skip, options.top ?? DEFAULT_PAGE_SIZE);
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath, options.select),
			...(options.count ? { '@odata.count': selected.length } : {}),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

function pick(resource: Record<string, unknown>, select: readonly string[]): Record<string, unknown> {
	return Object.fromEntries(['id', ...select.filter((name) => name !== 'id')].map((name) => [name, resource[name]]));
}

/** Top-level folders: the children of msgfolderroot. */
export function listTopFolders(context: GraphContext): HandlerResult {
	const root = context.services.store.folder(context.user.id, 'msgfolderroot');
	return listFolders(context, root, `${usersSegment(context.params.user)}/mailFolders`);
}

export function listChildFolders(context: GraphContext): HandlerResult {
	const parent = pathFolder(context);
	const id = context.params.child ?? context.params.folder;
	return listFolders(context, parent, `${usersSegment(context.params.user)}/mailFolders('${id}')/childFolders`);
}

function folderAnswer(context: GraphContext, folder: StoredFolder, contextPath: string): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'mailFolder', { allowed: ['select'] });
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath, options.select, true),
			...folderResource(folder, services.store.folderCounts(user.id, folder.id), options.select),
		},
	};
}

export function getFolder(context: GraphContext): HandlerResult {
	const folder = context.services.store.folder(context.user.id, context.params.folder);
	return folderAnswer(context, folder, `${usersSegment(context.params.user)}/mailFolders`);
}

export function getChildFolder(context: GraphContext): HandlerResult {
	const { services, user, params } = context;
	services.store.folder(user.id, params.folder);
	const child = services.store.folder(user.id, params.child);
	return folderAnswer(context, child, `${usersSegment(params.user)}/mailFolders('${params.folder}')/childFolders`);
}

// ---------- changes ----------

/** The folder the path names: the child folder when there is one. */
function pathFolder({ params, services, user }: GraphContext): StoredFolder {
	const folder = services.store.folder(user.id, params.folder);
	return params.child === undefined ? folder : services.store.folder(user.id, params.child);
}

function folderPath(context: GraphContext): string {
	const { params } = context;
	return params.child === undefined
		? `${usersSegment(params.user)}/mailFolders`
		: `${usersSegment(params.user)}/mailFolders('${params.folder}')/childFolders`;
}

function changedFolder(context: GraphContext, folder: StoredFolder, status: number, contextPath: string): HandlerResult {
	const { services, user } = context;
	return {
		status,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath, undefined, true),
			...folderResource(folder, services.store.folderCounts(user.id, folder.id)),
		},
	};
}

/** displayName of a folder to create or rename: a non-empty string. */
function displayNameOf(body: Record<string, unknown>): string {
	const key = Object.keys(body).find((name) => name.toLowerCase() === 'displayname');
	const value = key === undefined ? undefined : body[key];
	if (typeof value !== 'string' || value.trim() === '') {
		throw badRequest('ErrorInvalidParameter', "The value of the parameter 'DisplayName' is empty.");
	}
	return value;
}

function createFolder(context: GraphContext, parentId: string, contextPath: string): HandlerResult {
	const { request, services, user } = context;
	validateBody('mailFolder', request.body);
	const body = request.body as Record<string, unknown>;
	const hiddenKey = Object.keys(body).find((name) => name.toLowerCase() === 'ishidden');
	const folder = services.store.createFolder(user.id, parentId, displayNameOf(body), hiddenKey !== undefined && body[hiddenKey] === true);
	return changedFolder(context, folder, 201, contextPath);
}

/** POST /mailFolders: a folder at the top of the mailbox (under msgfolderroot). */
export function createTopFolder(context: GraphContext): HandlerResult {
	return createFolder(context, 'msgfolderroot', `${usersSegment(context.params.user)}/mailFolders`);
}

/** POST /mailFolders/{id}/childFolders (and under a child folder). */
export function createChildFolder(context: GraphContext): HandlerResult {
	const parent = pathFolder(context);
	const id = context.params.child ?? context.params.folder;
	return createFolder(context, parent.id, `${usersSegment(context.params.user)}/mailFolders('${id}')/childFolders`);
}

/** PATCH: only displayName is writable (isHidden can be set only when the folder is created). */
export function updateFolder(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	validateBody('mailFolder', request.body);
	const body = request.body as Record<string, unknown>;
	for (const key of Object.keys(body)) {
		if (key.includes('@')) continue;
		const name = findProperty('mailFolder', key)?.name ?? key;
		if (name !== 'displayName') throw badRequest('ErrorInvalidProperty', `The property '${name}' is read-only and cannot be set.`);
	}
	const folder = pathFolder(context);
	const renamed = Object.keys(body).some((key) => key.toLowerCase() === 'displayname')
		? services.store.renameFolder(user.id, folder.id, displayNameOf(body))
		: folder;
	return changedFolder(context, renamed, 200, folderPath(context));
}

/** POST .../move: 201 with the folder under its new parent (a folder keeps its id when it moves). */
export function moveFolder(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const destination = destinationOf(validateAction('mailFolder', 'move', request.body));
	const folder = pathFolder(context);
	const moved = services.store.moveFolder(user.id, folder.id, destination);
	return changedFolder(context, moved, 201, `${usersSegment(params.user)}/mailFolders`);
}

/** POST .../copy: 201 with the copy, its messages and subfolders copied under new ids. */
export function copyFolder(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const destination = destinationOf(validateAction('mailFolder', 'copy', request.body));
	const folder = pathFolder(context);
	const copy = services.store.copyFolder(user.id, folder.id, destination);
	return changedFolder(context, copy, 201, `${usersSegment(params.user)}/mailFolders`);
}

/** DELETE: the folder and its content go to Deleted Items, or are removed when already there. */
export function deleteFolder(context: GraphContext): HandlerResult {
	const folder = pathFolder(context);
	context.services.store.deleteFolder(context.user.id, folder.id);
	return { status: 204 };
}

export function permanentlyDeleteFolder(context: GraphContext): HandlerResult {
	validateAction('mailFolder', 'permanentDelete', context.request.body);
	const folder = pathFolder(context);
	context.services.store.permanentlyDeleteFolder(context.user.id, folder.id);
	return { status: 204 };
}
