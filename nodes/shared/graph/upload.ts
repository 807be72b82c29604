/**
 * Uploads to an upload session's URL (attachments of 3 MB and more): chunk by chunk, each with its Content-Range,
 * through the pre-authenticated transport, so the token is never sent with it.
 */
import type { INode } from 'n8n-workflow';

import { CLIENT_TEXTS } from './errorTexts';
import { operationError } from './errors';
import type { GraphResponse, RequestLoop } from './requestLoop';
import { isLoopbackHost } from './settings';

/** 12 x 320 KiB: the largest chunk under Graph's 4 MB limit that is a multiple of 320 KiB. */
export const UPLOAD_CHUNK_BYTES = 12 * 320 * 1024;

/** A file to upload, read chunk by chunk. */
export interface UploadSource {
	size: number;
	/** The file in consecutive chunks of `chunkSize` bytes, the last one shorter. */
	chunks(chunkSize: number): AsyncIterable<Buffer>;
}

interface SessionAnswer {
	nextExpectedRanges?: unknown;
	NextExpectedRanges?: unknown;
}

/** The next bytes the session expects; Outlook writes `nextExpectedRanges`, some clouds `NextExpectedRanges`. */
function expectedRanges(body: SessionAnswer | undefined): unknown {
	return body?.nextExpectedRanges ?? body?.NextExpectedRanges;
}

/** Upload URLs come from Graph; they must still be https (or loopback http in tests). */
function checkUploadUrl(node: INode, uploadUrl: unknown, itemIndex?: number): string {
	let url: URL | undefined;
	try {
		url = new URL(String(uploadUrl));
	} catch {
		url = undefined;
	}
	const loopback = url?.protocol === 'http:' && isLoopbackHost(url.hostname);
	if (!url || (url.protocol !== 'https:' && !loopback)) {
		throw operationError(node, CLIENT_TEXTS.uploadUrlNotHttps, undefined, itemIndex);
	}
	return url.toString();
}

/**
 * Uploads a file to an upload session's URL in chunks of 12 x 320 KiB (under Graph's 4 MB, a multiple of 320 KiB
 * as Graph asks). The chunks are read one at a time from `source`, so memory holds one chunk, whatever the file's
 * size. Graph holds the file once it answers the last chunk 201; an answer still naming bytes it expects did not.
 */
export async function uploadToSession(
	loop: RequestLoop,
	node: INode,
	uploadUrl: string,
	source: UploadSource,
	context: { mailbox?: string; itemIndex?: number } = {},
): Promise<GraphResponse> {
	const url = checkUploadUrl(node, uploadUrl, context.itemIndex);
	let start = 0;
	let last: GraphResponse<SessionAnswer | undefined> | undefined;
	for await (const chunk of source.chunks(UPLOAD_CHUNK_BYTES)) {
		const end = start + chunk.length - 1;
		last = await loop.send<SessionAnswer | undefined>({
			method: 'PUT',
			path: new URL(url).pathname,
			url,
			preAuthenticated: true,
			rawBody: chunk,
			headers: { 'Content-Range': `bytes ${start}-${end}/${source.size}` },
			mailbox: context.mailbox,
			itemIndex: context.itemIndex,
		});
		start = end + 1;
		// The session names the next byte it expects: it must be ours.
		const expected = expectedRanges(last.body);
		const next = expected === undefined || expected === null ? undefined : (expected as Record<number, unknown>)[0];
		if (next !== undefined && start < source.size && Number.parseInt(String(next), 10) !== start) {
			throw operationError(node, CLIENT_TEXTS.uploadExpects(String(next), start), undefined, context.itemIndex);
		}
	}
	if (!last || start !== source.size) {
		throw operationError(node, CLIENT_TEXTS.uploadShort(start, source.size), undefined, context.itemIndex);
	}
	const expected = expectedRanges(last.body);
	if (last.status !== 201 && Array.isArray(expected) && expected.length > 0) {
		throw operationError(node, CLIENT_TEXTS.uploadUnfinished(String(expected[0]), source.size), undefined, context.itemIndex);
	}
	return last;
}
