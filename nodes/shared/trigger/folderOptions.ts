import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createGraphClient, type GraphClient } from '../graph/client';
import { isGraphError } from '../graph/graphError';
import { getFolder, listFolders } from '../mail/folders';

/** Well-known folders the trigger offers by name, so that a workflow keeps watching them in any mailbox. */
const WELL_KNOWN_FOLDERS = ['inbox', 'sentitems', 'archive', 'deleteditems', 'junkemail'];

async function wellKnownFolderIds(client: GraphClient, mailbox: string): Promise<Map<string, string>> {
	const found = await Promise.all(
		WELL_KNOWN_FOLDERS.map(async (wellKnownName) => {
			try {
				return [(await getFolder(client, mailbox, wellKnownName)).id, wellKnownName] as const;
			} catch (error) {
				// A mailbox may have no Archive folder yet.
				if (isGraphError(error, { status: 404 })) return undefined;
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the Graph client's own NodeApiError, passed on unchanged
				throw error;
			}
		}),
	);
	return new Map(found.filter((entry) => entry !== undefined));
}

/**
 * The trigger's folder list: every folder of the mailbox once, by full path (such as `Inbox/Clients`),
 * sorted. A well-known folder (Inbox, Sent Items, Archive, Deleted Items, Junk Email) is listed under its
 * display name and path like any other, but its value is its well-known name (`inbox`), which names the
 * same folder in every mailbox and is what the parameter's default holds.
 */
export async function triggerFolderOptions(client: GraphClient, mailbox: string): Promise<INodePropertyOptions[]> {
	const [folders, wellKnown] = await Promise.all([
		listFolders(client, mailbox, { recursive: true }),
		wellKnownFolderIds(client, mailbox),
	]);
	return folders
		.sort((a, b) => a.path.localeCompare(b.path))
		.map((folder) => {
			const wellKnownName = wellKnown.get(folder.id);
			return wellKnownName
				? { name: folder.path, value: wellKnownName, description: `Well-known folder "${wellKnownName}"` }
				: { name: folder.path, value: folder.id };
		});
}

/** Both triggers' Folders list: the folders of the one mailbox watched, else of the default mailbox (with many, well-known folders fit all). */
export async function getTriggerFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await createGraphClient(this);
	const mode = this.getCurrentNodeParameter('mailboxMode');
	const mailbox = client.mailbox(mode === 'one' || mode === undefined ? this.getCurrentNodeParameter('mailbox') : '');
	return await triggerFolderOptions(client, mailbox);
}
