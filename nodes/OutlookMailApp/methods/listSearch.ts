import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodeParameterResourceLocator } from 'n8n-workflow';

import { createGraphClient } from '../../shared/graph/client';
import { textValue } from '../../shared/graph/text';
import { attachmentKind, listAttachments } from '../../shared/mail/attachments';
import { listFolders } from '../../shared/mail/folders';
import { searchValue } from '../../shared/mail/odata';
import { messagesPath } from '../../shared/mail/paths';
import { MESSAGE_PICKER_FIELDS } from '../../shared/mail/select';
import { restIdFromUrlPart } from '../helpers/locators';

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
	const text = textValue(filter, 'Search').trim();
	const messages = await client.paginate<IDataObject>(
		{
			method: 'GET',
			path: messagesPath(mailbox),
			query: {
				$select: MESSAGE_PICKER_FIELDS,
				// $search and $orderby cannot be combined: search results come by relevance.
				...(text ? { $search: searchValue(text, 'Search') } : { $orderby: 'receivedDateTime desc' }),
			},
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

/**
 * The message chosen in the node's "Message" parameter, as a Graph ID, or undefined when none is chosen
 * yet. A "By URL" value holds the ID as Outlook on the web shows it (URL-encoded, with `/` and `+`), which
 * becomes Graph's form (`-` and `_`), as locatorValue does for the operations.
 */
function currentMessageId(context: ILoadOptionsFunctions): string | undefined {
	let locator: unknown;
	let value: unknown;
	try {
		locator = context.getCurrentNodeParameter('messageId');
		value = context.getCurrentNodeParameter('messageId', { extractValue: true });
	} catch {
		return undefined;
	}
	const text = typeof value === 'string' ? value.trim() : '';
	// An expression cannot be resolved while the list is being searched.
	if (text === '' || text.startsWith('=')) return undefined;
	const byUrl = (locator as INodeParameterResourceLocator | undefined)?.mode === 'url';
	return byUrl ? restIdFromUrlPart(text) : text;
}

function describeSize(bytes: unknown): string {
	const size = Number(bytes);
	if (!Number.isFinite(size)) return '';
	return size >= 1048576 ? `${(size / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}

/** The attachments of the message chosen in "Message", filtered by name; empty until a message is chosen. */
export async function searchAttachments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const messageId = currentMessageId(this);
	if (!messageId) return { results: [] };
	const client = await createGraphClient(this);
	const mailbox = client.mailbox(currentMailbox(this));
	const attachments = await listAttachments(client, mailbox, messageId);
	const needle = filter?.trim().toLowerCase();
	return {
		results: attachments
			.filter((attachment) => !needle || String(attachment.name ?? '').toLowerCase().includes(needle))
			.map((attachment) => {
				const kind = attachmentKind(attachment);
				const details = [kind && kind !== 'file' ? kind : undefined, describeSize(attachment.size)].filter(Boolean);
				return {
					name: `${String(attachment.name ?? attachment.id)}${details.length ? ` (${details.join(', ')})` : ''}`,
					value: attachment.id,
				};
			}),
	};
}
