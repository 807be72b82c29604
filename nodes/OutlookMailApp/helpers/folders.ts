import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { odataString, segment, userPath } from '../../shared/graph/paths';

export interface FolderWithPath extends IDataObject {
	id: string;
	displayName: string;
	/** Full path from the top of the mailbox, such as `Inbox/Clients/ACME`. */
	path: string;
}

/** A mailFolder as Graph returns it (the fields of FOLDER_FIELDS). */
export interface MailFolder extends IDataObject {
	id: string;
	displayName: string;
	parentFolderId?: string;
	childFolderCount?: number;
	unreadItemCount?: number;
	totalItemCount?: number;
	isHidden?: boolean;
}

export const FOLDER_FIELDS = 'id,displayName,parentFolderId,childFolderCount,unreadItemCount,totalItemCount,isHidden';

/** The well-known name of the top of the mailbox, the parent of Inbox, Sent Items and the other top-level folders. */
export const TOP_OF_MAILBOX = 'msgfolderroot';

/** Folders deeper than this are not walked up to find their path (Outlook allows about 300; paths that long are not useful). */
const MAX_PATH_DEPTH = 64;

/** The folder without OData annotations (`@odata.etag`, `@odata.context`), which mean nothing in a workflow. */
export function folderOutput(folder: IDataObject, path?: string): IDataObject {
	const output = Object.fromEntries(Object.entries(folder).filter(([key]) => !key.startsWith('@odata.')));
	return path === undefined ? output : { ...output, path };
}

/** The path of folders from `parent` downwards, each name trimmed, empty levels dropped: `Clients/ACME/2026`. */
export function splitFolderPath(path: string): string[] {
	return path
		.split('/')
		.map((level) => level.trim())
		.filter(Boolean);
}

/** The collection of folders under `parentId`, or the top of the mailbox when it is absent. */
function childFoldersPath(mailbox: string, parentId?: string): string {
	return parentId
		? userPath(mailbox, 'mailFolders', segment(parentId, 'Folder'), 'childFolders')
		: userPath(mailbox, 'mailFolders');
}

/**
 * Folders under `parentId` (the top of the mailbox when absent), each with its full path; with
 * `recursive`, the whole tree below, breadth first, one paged listing per folder that has children.
 * Stops once `limit` folders are collected.
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
	const queue: Array<{ id?: string; path: string }> = [{ id: options.parentId, path: options.parentPath ?? '' }];
	while (queue.length) {
		const remaining = options.limit === undefined ? undefined : options.limit - result.length;
		if (remaining !== undefined && remaining <= 0) break;
		const parent = queue.shift()!;
		const children = await client.paginate<IDataObject>(
			{
				method: 'GET',
				path: childFoldersPath(mailbox, parent.id),
				query: { $select: FOLDER_FIELDS, includeHiddenFolders: options.includeHidden ? 'true' : undefined },
				mailbox,
				itemIndex: options.itemIndex,
			},
			{ limit: remaining },
		);
		for (const child of children) {
			const folder = folderOutput(
				child,
				parent.path ? `${parent.path}/${String(child.displayName)}` : String(child.displayName),
			) as FolderWithPath;
			result.push(folder);
			if (options.recursive && Number(child.childFolderCount) > 0) queue.push({ id: folder.id, path: folder.path });
		}
	}
	return result;
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
		path: userPath(mailbox, 'mailFolders', segment(folderId, field)),
		query: { $select: FOLDER_FIELDS },
		mailbox,
		itemIndex,
	});
}

/**
 * The full path of a folder from the top of the mailbox (`Inbox/Clients/ACME`; empty for the top itself),
 * found by walking up its parents: one request for the top's ID, then one per level above the folder.
 */
export async function folderPath(
	client: GraphClient,
	mailbox: string,
	folder: MailFolder,
	itemIndex?: number,
): Promise<string> {
	const top = await client.request<{ id: string }>({
		method: 'GET',
		path: userPath(mailbox, 'mailFolders', TOP_OF_MAILBOX),
		query: { $select: 'id' },
		mailbox,
		itemIndex,
	});
	const names: string[] = [];
	let current: MailFolder = folder;
	for (let depth = 0; current.id !== top.id && depth < MAX_PATH_DEPTH; depth++) {
		names.unshift(String(current.displayName));
		if (!current.parentFolderId || current.parentFolderId === top.id) break;
		current = await client.request<MailFolder>({
			method: 'GET',
			path: userPath(mailbox, 'mailFolders', segment(current.parentFolderId, 'Folder')),
			query: { $select: 'id,displayName,parentFolderId' },
			mailbox,
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
			mailbox,
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
		mailbox,
		itemIndex: options.itemIndex,
	});
}
