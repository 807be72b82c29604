import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createGraphClient } from '../../shared/graph/client';
import { userPath } from '../../shared/graph/paths';
import { listFolders } from '../helpers/folders';

function currentMailbox(context: ILoadOptionsFunctions): unknown {
	try {
		return context.getCurrentNodeParameter('mailbox');
	} catch {
		return undefined;
	}
}

/** Every folder of the mailbox by full path (such as Inbox/Clients/ACME), filtered by the search text. */
export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createGraphClient(this);
	const mailbox = client.mailbox(currentMailbox(this));
	const folders = await listFolders(client, mailbox, { recursive: true });
	const needle = filter?.trim().toLowerCase();
	return {
		results: folders
			.filter((folder) => !needle || folder.path.toLowerCase().includes(needle))
			.sort((a, b) => a.path.localeCompare(b.path))
			.map((folder) => ({ name: folder.path, value: folder.id })),
	};
}

/** The newest 50 messages, or those matching the search text (Outlook's search). */
export async function searchMessages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createGraphClient(this);
	const mailbox = client.mailbox(currentMailbox(this));
	const text = filter?.trim();
	const messages = await client.paginate<IDataObject>(
		{
			method: 'GET',
			path: userPath(mailbox, 'messages'),
			query: {
				$select: 'id,subject,from,receivedDateTime,webLink',
				// $search and $orderby cannot be combined: search results come by relevance.
				...(text ? { $search: `"${text.replace(/"/g, '')}"` } : { $orderby: 'receivedDateTime desc' }),
			},
			mailbox,
		},
		{ limit: 50 },
	);
	return {
		results: messages.map((message) => {
			const from = (message.from as IDataObject | undefined)?.emailAddress as IDataObject | undefined;
			const sender = from?.name ?? from?.address ?? 'unknown sender';
			return {
				name: `${String(message.subject ?? '(no subject)')} — ${String(sender)} (${String(message.receivedDateTime ?? '').slice(0, 10)})`,
				value: String(message.id),
				url: typeof message.webLink === 'string' ? message.webLink : undefined,
			};
		}),
	};
}
