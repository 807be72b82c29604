/**
 * One folder's changes since the last poll, through Graph's delta query for messages.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GraphClient } from '../shared/graph/client';
import { settle } from '../shared/graph/errors';
import { segment, userPath } from '../shared/graph/paths';

/** Messages per delta page (Graph's `odata.maxpagesize` preference). */
export const DELTA_PAGE_SIZE = 200;

export interface FolderChanges {
	/** Messages added or changed, as delta returns them (IDs may repeat across rounds). */
	messages: IDataObject[];
	/** Where to continue next poll: the new delta link, or a next-page link when time ran out. */
	link: string;
	/** Graph had forgotten the delta token: the round started over from `resyncFrom`. */
	resynced: boolean;
	/** The round reached its delta link (rather than stopping at a next-page link). */
	complete: boolean;
}

interface DeltaPage {
	value?: IDataObject[];
	'@odata.nextLink'?: string;
	'@odata.deltaLink'?: string;
}

/** Graph answers 410 Gone, or a syncState error code, when a delta token has expired or is unknown. */
export function isSyncStateLost(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const code = String(error.context?.graphCode ?? '');
	return error.httpCode === '410' || /syncState|resyncRequired/i.test(code);
}

export function firstDeltaLink(
	client: GraphClient,
	mailbox: string,
	folder: string,
	select: string | undefined,
	receivedFrom: string | undefined,
): string {
	return client.url(userPath(mailbox, 'mailFolders', segment(folder, 'Folder'), 'messages', 'delta'), {
		$select: select,
		$filter: receivedFrom ? `receivedDateTime ge ${receivedFrom}` : undefined,
	});
}

/**
 * Follows `link` page by page until Graph gives a delta link (the round is complete), or until
 * `stopBy` (epoch ms) passes, leaving the next-page link for the next poll.
 */
export async function readFolderChanges(
	client: GraphClient,
	options: {
		mailbox: string;
		folder: string;
		link: string;
		/** Start of a fresh round, should Graph have forgotten the token. */
		restart: () => string;
		stopBy: number;
		now: () => number;
	},
): Promise<FolderChanges> {
	const messages: IDataObject[] = [];
	const path = userPath(options.mailbox, 'mailFolders', segment(options.folder, 'Folder'), 'messages', 'delta');
	let link = options.link;
	let resynced = false;
	for (;;) {
		const page = await settle(
			client.send<DeltaPage>({
				method: 'GET',
				path,
				url: client.checkNextLink(link, { path }),
				headers: { Prefer: `odata.maxpagesize=${DELTA_PAGE_SIZE}` },
				mailbox: options.mailbox,
			}),
		);
		if (page instanceof Error) {
			if (!isSyncStateLost(page) || resynced) throw page;
			// The token expired: start a fresh round; the seen IDs keep it from emitting anything twice.
			resynced = true;
			messages.length = 0;
			link = options.restart();
			continue;
		}
		messages.push(...(page.body?.value ?? []).filter((message) => !message['@removed']));
		const deltaLink = page.body?.['@odata.deltaLink'];
		if (deltaLink) return { messages, link: deltaLink, resynced, complete: true };
		const nextLink = page.body?.['@odata.nextLink'];
		if (!nextLink) return { messages, link, resynced, complete: true };
		link = nextLink;
		if (options.now() >= options.stopBy) return { messages, link, resynced, complete: false };
	}
}
