/**
 * One round of a folder's delta: its changes since the last poll, through Graph's delta query for messages,
 * read with the client's one pager; a delta token Graph has forgotten starts the round over.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { GraphClient, Page } from '../../graph/client';
import { CLIENT_TEXTS } from '../../graph/errorTexts';
import { INPUT_TEXTS } from '../../graph/inputTexts';
import { operationError, settle } from '../../graph/errors';
import { isGraphError } from '../../graph/graphError';
import { folderDeltaPath } from '../paths';
import { deltaLinkProblem } from './links';
import { isIsoDateTime } from './state';

/** Messages per delta page (Graph's `odata.maxpagesize` preference). */
export const DELTA_PAGE_SIZE = 200;

export interface FolderChanges {
	/** Messages added or changed, as delta returns them (IDs may repeat across rounds). */
	messages: IDataObject[];
	/** IDs delta reported removed from the folder (deleted, or moved away). */
	removed: string[];
	/** Where to continue next poll: the new delta link, or a next-page link when time ran out. */
	link: string;
	/** Graph had forgotten the delta token: the round started over from `resyncFrom`. */
	resynced: boolean;
	/** The round reached its delta link (rather than stopping at a next-page link). */
	complete: boolean;
}

/** Graph answers 410 Gone, or a syncState error code, when a delta token has expired or is unknown. */
export function isSyncStateLost(error: unknown): boolean {
	return isGraphError(error, { status: 410 }) || isGraphError(error, { code: /syncState|resyncRequired/i });
}

/**
 * The first link of a folder's delta. `receivedFrom`, when given, goes into `$filter`, so it must be an ISO date
 * and nothing else: a stored value that is not one never reaches the query.
 */
export function firstDeltaLink(
	client: GraphClient,
	mailbox: string,
	folder: string,
	select: string | undefined,
	receivedFrom: string | undefined,
	/** `created`: the round reports created messages only (Moved Into Folder). */
	changeType?: 'created',
): string {
	if (receivedFrom !== undefined && !isIsoDateTime(receivedFrom)) {
		throw new Error(INPUT_TEXTS.startNotIsoDate);
	}
	return client.url(folderDeltaPath(mailbox, folder), {
		$select: select,
		$filter: receivedFrom ? `receivedDateTime ge ${receivedFrom}` : undefined,
		changeType,
	});
}

/**
 * Follows `link` page by page (the one pager: checked links, no link twice) until Graph gives a delta link (the
 * round is complete), or until `stopBy` (epoch ms) passes, leaving the next-page link for the next poll.
 */
export async function readFolderChanges(
	client: GraphClient,
	options: {
		/** The trigger node, for errors. */
		node: INode;
		mailbox: string;
		folder: string;
		link: string;
		/** Start of a fresh round, should Graph have forgotten the token. */
		restart: () => string;
		stopBy: number;
		/** Stop after the page that brings the messages read to this many (leaving the next page for later). */
		maxMessages?: number;
	},
): Promise<FolderChanges> {
	const path = folderDeltaPath(options.mailbox, options.folder);
	const expected = { graphOrigin: new URL(client.settings.graphBaseUrl).origin, mailbox: options.mailbox, folder: options.folder };
	// Links Graph gives are kept in the static data: each must be one a later read of the state accepts.
	const acceptLink = (link: unknown, kind: string): string => {
		const problem = deltaLinkProblem(link, expected);
		if (problem) throw operationError(options.node, CLIENT_TEXTS.storedLinkRefused(kind, problem));
		return link as string;
	};
	const request = { method: 'GET' as const, path, headers: { Prefer: `odata.maxpagesize=${DELTA_PAGE_SIZE}` } };
	let link = options.link;
	let resynced = false;
	for (;;) {
		const messages: IDataObject[] = [];
		const removed: string[] = [];
		const round = await settle(
			(async (): Promise<FolderChanges> => {
				let last: Page<IDataObject> | undefined;
				for await (const page of client.pages<IDataObject>(request, { from: link, acceptLink, stopBy: options.stopBy })) {
					last = page;
					// One at a time: a page is never spread onto the stack, however long Graph makes it.
					for (const message of page.items) {
						if (!message || typeof message !== 'object') continue;
						if (!message['@removed']) messages.push(message);
						else if (typeof message.id === 'string') removed.push(message.id);
					}
					if (page.deltaLink) return { messages, removed, link: page.deltaLink, resynced, complete: true };
					if (!page.nextLink) return { messages, removed, link: page.url, resynced, complete: true };
					if (messages.length >= (options.maxMessages ?? Infinity)) return { messages, removed, link: page.nextLink, resynced, complete: false };
				}
				// The poll's time ran out: the rest of the round is for the next poll.
				return { messages, removed, link: last?.nextLink ?? link, resynced, complete: false };
			})(),
		);
		if (!(round instanceof Error)) return round;
		if (!isSyncStateLost(round) || resynced) throw round;
		// The token expired: start a fresh round; the seen IDs keep it from emitting anything twice.
		resynced = true;
		link = options.restart();
	}
}
