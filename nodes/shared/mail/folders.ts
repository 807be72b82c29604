/**
 * Folders: one by ID, the folders under one, the whole tree with full paths, a folder's path, creating one. Every
 * walk of the tree is bounded, whatever Graph answers.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';
import { odataString, withoutAnnotations } from './odata';
import { childFoldersPath, mailFolderPath, mailFoldersPath } from './paths';
import { FOLDER_FIELDS, FOLDER_PARENT_FIELDS, ID_ONLY } from './select';
import type { FolderWithPath, MailFolder } from './types';

/** The well-known name of the top of the mailbox, the parent of Inbox, Sent Items and the other top-level folders. */
export const TOP_OF_MAILBOX = 'msgfolderroot';

/**
 * Walks of the folder tree are bounded, whatever Graph answers: a folder is visited once (by ID, so a listing
 * that names an ancestor again cannot loop), at most this many levels below where the walk starts (down a
 * recursive listing, or up from a folder to find its path), and at most MAX_FOLDERS folders in all. Outlook's own
 * limits are far above what a workflow can use (about 300 levels); these are ours, and the error says which one
 * was hit.
 */
export const MAX_FOLDER_DEPTH = 64;
/** The most folders one listing collects; a mailbox with more needs a Limit or a Parent Folder further down. */
export const MAX_FOLDERS = 10_000;

/** A walk of the folder tree went past one of its bounds, or Graph's folders form a cycle. */
export class FolderWalkError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FolderWalkError';
	}
}

/** The folder without OData annotations (`@odata.etag`, `@odata.context`), with its path when known. */
export function folderOutput(folder: IDataObject, path?: string): IDataObject {
	const output = withoutAnnotations(folder);
	return path === undefined ? output : { ...output, path };
}

/**
 * The path of folders from `parent` downwards, each name trimmed, empty levels dropped: `Clients/ACME/2026`.
 * A `.` or `..` level is refused: a path only goes down, and Outlook would make a folder of that name.
 */
export function splitFolderPath(path: string, field: string): string[] {
	const levels = path
		.split('/')
		.map((level) => level.trim())
		.filter(Boolean);
	if (levels.some((level) => level === '.' || level === '..')) {
		throw new GraphInputError(field, INPUT_TEXTS.folderPathDots(field));
	}
	return levels;
}

/**
 * Folders under `parentId` (the top of the mailbox when absent), each with its full path; with
 * `recursive`, the whole tree below, breadth first, one paged listing per folder that has children.
 * Stops once `limit` folders are collected. The walk is bounded (see MAX_FOLDER_DEPTH and MAX_FOLDERS): a
 * folder already visited (a listing naming an ancestor again) is skipped, as is one without an ID, and going
 * past a bound fails with an error naming it.
 */
export async function listFolders(
	client: GraphClient,
	mailbox: string,
	options: {
		parentId?: string;
		parentPath?: string;
		recursive?: boolean;
		includeHidden?: boolean;
		limit?: number;
		itemIndex?: number;
	},
): Promise<FolderWithPath[]> {
	const result: FolderWithPath[] = [];
	const visited = new Set<string>();
	if (options.parentId !== undefined) visited.add(folderKey(options.parentId));
	const wanted = Math.min(options.limit ?? Infinity, MAX_FOLDERS + 1);
	const queue: Array<{ id?: string; path: string; depth: number }> = [
		{ id: options.parentId, path: options.parentPath ?? '', depth: 0 },
	];
	while (queue.length) {
		const remaining = wanted - result.length;
		if (remaining <= 0) break;
		const parent = queue.shift()!;
		if (parent.depth >= MAX_FOLDER_DEPTH) {
			throw new FolderWalkError(INPUT_TEXTS.folderTreeTooDeep(options.parentPath || 'the top of the mailbox', MAX_FOLDER_DEPTH));
		}
		const children = await client.paginate<IDataObject>(
			{
				method: 'GET',
				path: childFoldersPath(mailbox, parent.id),
				query: { $select: FOLDER_FIELDS, includeHiddenFolders: options.includeHidden ? 'true' : undefined },
				itemIndex: options.itemIndex,
			},
			{ limit: remaining },
		);
		for (const child of children) {
			if (typeof child?.id !== 'string' || child.id === '' || visited.has(folderKey(child.id))) continue;
			visited.add(folderKey(child.id));
			const folder = folderOutput(
				child,
				parent.path ? `${parent.path}/${String(child.displayName)}` : String(child.displayName),
			) as FolderWithPath;
			result.push(folder);
			if (options.recursive && Number(child.childFolderCount) > 0) {
				queue.push({ id: folder.id, path: folder.path, depth: parent.depth + 1 });
			}
		}
	}
	if (result.length > MAX_FOLDERS) {
		throw new FolderWalkError(INPUT_TEXTS.tooManyFolders(MAX_FOLDERS));
	}
	return result;
}

/** Folder IDs compared as Outlook does: IDs and well-known names are not case-sensitive. */
function folderKey(id: string): string {
	return id.toLowerCase();
}

/** One folder by ID or well-known name. */
export async function getFolder(
	client: GraphClient,
	mailbox: string,
	folderId: string,
	itemIndex?: number,
	field = 'Folder',
): Promise<MailFolder> {
	return await client.request<MailFolder>({
		method: 'GET',
		path: mailFolderPath(mailbox, folderId, field),
		query: { $select: FOLDER_FIELDS },
		itemIndex,
	});
}

/**
 * The full path of a folder from the top of the mailbox (`Inbox/Clients/ACME`; empty for the top itself),
 * found by walking up its parents: one request for the top's ID, then one per level above the folder. The
 * walk is bounded: a parent seen before (a cycle) or more than MAX_FOLDER_DEPTH levels fail with an error.
 */
export async function folderFullPath(
	client: GraphClient,
	mailbox: string,
	folder: MailFolder,
	itemIndex?: number,
): Promise<string> {
	const top = await client.request<{ id: string }>({
		method: 'GET',
		path: mailFoldersPath(mailbox).child(TOP_OF_MAILBOX),
		query: { $select: ID_ONLY },
		itemIndex,
	});
	const names: string[] = [];
	const visited = new Set<string>();
	let current: MailFolder = folder;
	while (current.id !== top.id) {
		if (visited.has(folderKey(String(current.id)))) {
			throw new FolderWalkError(INPUT_TEXTS.folderCycle(String(current.displayName)));
		}
		if (names.length >= MAX_FOLDER_DEPTH) {
			throw new FolderWalkError(INPUT_TEXTS.folderTooDeep(MAX_FOLDER_DEPTH));
		}
		visited.add(folderKey(String(current.id)));
		names.unshift(String(current.displayName));
		if (!current.parentFolderId || current.parentFolderId === top.id) break;
		current = await client.request<MailFolder>({
			method: 'GET',
			path: mailFolderPath(mailbox, current.parentFolderId),
			query: { $select: FOLDER_PARENT_FIELDS },
			itemIndex,
		});
	}
	return names.join('/');
}

/**
 * The child of `parentId` (the top of the mailbox when absent) named `displayName`, hidden ones included
 * (Outlook refuses a second folder of that name either way), or undefined when there is none.
 */
export async function findChildFolder(
	client: GraphClient,
	mailbox: string,
	parentId: string | undefined,
	displayName: string,
	itemIndex?: number,
): Promise<MailFolder | undefined> {
	const [found] = await client.paginate<MailFolder>(
		{
			method: 'GET',
			path: childFoldersPath(mailbox, parentId),
			query: {
				$filter: `displayName eq ${odataString(displayName)}`,
				$select: FOLDER_FIELDS,
				includeHiddenFolders: 'true',
			},
			itemIndex,
		},
		{ limit: 1 },
	);
	return found;
}

/** Creates a folder named `displayName` under `parentId` (the top of the mailbox when absent). */
export async function createFolder(
	client: GraphClient,
	mailbox: string,
	parentId: string | undefined,
	displayName: string,
	options: { isHidden?: boolean; itemIndex?: number } = {},
): Promise<MailFolder> {
	return await client.request<MailFolder>({
		method: 'POST',
		path: childFoldersPath(mailbox, parentId),
		body: { displayName, ...(options.isHidden ? { isHidden: true } : {}) },
		itemIndex: options.itemIndex,
	});
}

/**
 * The folder at `path` from the top of the mailbox (`Inbox/Clients/ACME`), found level by level by display name
 * (`findChildFolder`: one request per level). A level that does not exist fails naming `field` and the level.
 */
export async function folderByPath(
	client: GraphClient,
	mailbox: string,
	path: string,
	field: string,
	itemIndex?: number,
): Promise<MailFolder> {
	const levels = splitFolderPath(path, field);
	if (levels.length === 0) throw new GraphInputError(field, INPUT_TEXTS.empty(field));
	if (levels.length > MAX_FOLDER_DEPTH) throw new FolderWalkError(INPUT_TEXTS.folderTooDeep(MAX_FOLDER_DEPTH));
	let folder: MailFolder | undefined;
	for (const level of levels) {
		folder = await findChildFolder(client, mailbox, folder?.id, level, itemIndex);
		if (!folder) throw new GraphInputError(field, INPUT_TEXTS.folderPathNotFound(field, levels.join('/'), level));
	}
	return folder!;
}

/**
 * A folder parameter as the folder's Graph ID, for a request that takes IDs only (an Inbox rule's move or copy):
 * an ID picked from the list as it is; a typed ID or well-known name (`inbox`, `archive`) read once, which also
 * checks it is a folder of this mailbox; a path walked with `folderByPath`.
 */
export async function folderIdOf(
	client: GraphClient,
	mailbox: string,
	locator: { mode: string; value: string },
	field: string,
	itemIndex?: number,
): Promise<string> {
	if (locator.mode === 'list') return locator.value;
	if (locator.mode === 'path') return (await folderByPath(client, mailbox, locator.value, field, itemIndex)).id;
	const folder = await client.request<{ id: string }>({
		method: 'GET',
		path: mailFolderPath(mailbox, locator.value, field),
		query: { $select: ID_ONLY },
		itemIndex,
	});
	return folder.id;
}
