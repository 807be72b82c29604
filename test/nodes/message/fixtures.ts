/**
 * What the message tests share: one emulator per test file, reset before each test, and small builders for
 * the URLs and files the tests expect.
 */
import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { SAMPLE, type Emulator, type RequestRecord } from '../../emulator';
import { mailboxUrl } from '../../helpers/outlook';

export { SAMPLE };
/** The one emulator helper (test/helpers/outlook.ts), for the message tests. */
export { useEmulator } from '../../helpers/outlook';

export const ADELE = SAMPLE.users.adele;
export const ALEX = SAMPLE.users.alex;

/** `?a=1&b=2` encoded as the Graph client encodes it: `$` kept, values percent-encoded. */
export function query(params: Record<string, string | number>): string {
	const pairs = Object.entries(params).map(([key, value]) =>
		key.startsWith('$') ? `$${encodeURIComponent(key.slice(1))}=${encodeURIComponent(String(value))}` : `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
	);
	return pairs.length ? `?${pairs.join('&')}` : '';
}

/** `/v1.0/users/<mailbox>/messages/<id>` and further constant segments. */
export function messageUrl(id: string, ...rest: string[]): string {
	return [`${mailboxUrl()}/messages/${encodeURIComponent(id)}`, ...rest].join('/');
}

/** Graph requests of the last run (not token or upload requests). */
export function graphRequests(emulator: Emulator): RequestRecord[] {
	return emulator.requests.filter((request) => request.kind === 'graph');
}

/** `size` deterministic bytes: a repeated pattern that is not all the same byte. */
export function patternBytes(size: number, seed = 7): Buffer {
	const pattern = Buffer.alloc(251);
	for (let index = 0; index < pattern.length; index++) pattern[index] = (index * 31 + seed) % 256;
	const content = Buffer.alloc(size);
	for (let offset = 0; offset < size; offset += pattern.length) pattern.copy(content, offset, 0, Math.min(pattern.length, size - offset));
	return content;
}

export function sha256(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

/** An input item carrying files as binary properties (see test/helpers/itemsNode.ts). */
export function itemWithFiles(files: Record<string, { content: Buffer; fileName: string; mimeType: string }>, json: Record<string, unknown> = {}) {
	return {
		...json,
		__binary: Object.fromEntries(
			Object.entries(files).map(([name, file]) => [name, { base64: file.content.toString('base64'), fileName: file.fileName, mimeType: file.mimeType }]),
		),
	};
}

/** The simplified output's $select, in the order the node sends it. */
export const SIMPLE_SELECT =
	'id,conversationId,subject,bodyPreview,from,toRecipients,ccRecipients,receivedDateTime,sentDateTime,isRead,isDraft,importance,hasAttachments,categories,flag,parentFolderId,webLink';

/** The bytes of an output binary property, wherever n8n keeps them (in the item or on disk). */
export async function binaryContent(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
