import type { GraphContext, HandlerResult } from '../context';
import { matchesFilter } from '../filter';
import type { StoredFolder } from '../model';
import { parseQueryOptions } from '../odata';
import { folderResource, odataContext, page, usersSegment } from '../resources';

/** GET on /users/{user}/mailFolders, /mailFolders/{folder}, and their childFolders. */

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
	const parent = context.services.store.folder(context.user.id, context.params.folder);
	return listFolders(context, parent, `${usersSegment(context.params.user)}/mailFolders('${context.params.folder}')/childFolders`);
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
