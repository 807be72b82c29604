import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { segment, userPath } from '../../shared/graph/paths';

export interface FolderWithPath extends IDataObject {
	id: string;
	displayName: string;
	/** Full path from the top of the mailbox, such as `Inbox/Clients/ACME`. */
	path: string;
}

const FOLDER_FIELDS = 'id,displayName,parentFolderId,childFolderCount,unreadItemCount,totalItemCount,isHidden';

/**
 * Folders under `parentId` (the top of the mailbox when absent), each with its full path; with
 * `recursive`, the whole tree below, breadth first, one paged listing per folder that has children.
 */
export async function listFolders(
	client: GraphClient,
	mailbox: string,
	options: { parentId?: string; parentPath?: string; recursive?: boolean; includeHidden?: boolean; itemIndex?: number },
): Promise<FolderWithPath[]> {
	const result: FolderWithPath[] = [];
	const queue: Array<{ id?: string; path: string }> = [{ id: options.parentId, path: options.parentPath ?? '' }];
	while (queue.length) {
		const parent = queue.shift()!;
		const path = parent.id
			? userPath(mailbox, 'mailFolders', segment(parent.id, 'Folder'), 'childFolders')
			: userPath(mailbox, 'mailFolders');
		const children = await client.paginate<IDataObject>({
			method: 'GET',
			path,
			query: { $select: FOLDER_FIELDS, includeHiddenFolders: options.includeHidden ? 'true' : undefined },
			mailbox,
			itemIndex: options.itemIndex,
		});
		for (const child of children) {
			const folder = {
				...child,
				path: parent.path ? `${parent.path}/${String(child.displayName)}` : String(child.displayName),
			} as FolderWithPath;
			delete folder['@odata.etag'];
			result.push(folder);
			if (options.recursive && Number(child.childFolderCount) > 0) queue.push({ id: folder.id, path: folder.path });
		}
	}
	return result;
}
