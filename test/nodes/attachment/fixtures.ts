import { randomBytes } from 'node:crypto';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { SAMPLE, fileAttachment, messageData, type Emulator, type StoredAttachment, type StoredMessage } from '../../emulator';

export const ADELE = SAMPLE.users.adele.id;
export const ATTACHMENT_SELECT = '$select=id%2Cname%2CcontentType%2Csize%2CisInline%2ClastModifiedDateTime';
const MODIFIED = '2024-06-20T08:00:00Z';

export function file(name: string, contentType: string, content: Buffer, isInline = false): StoredAttachment {
	return fileAttachment({
		id: 'replaced-by-the-store',
		name,
		contentType,
		size: content.length,
		isInline,
		lastModifiedDateTime: MODIFIED,
		content,
		contentId: isInline ? `${name}@contoso` : null,
		contentLocation: null,
	});
}

/**
 * A draft in Adele's Drafts with one attachment of each kind: a PDF, an inline logo, an attached message
 * and a link to a OneDrive file. Content is random, so only a byte-exact download matches it.
 */
export function draftWithAttachments(emulator: Emulator, pdfBytes = 2048) {
	const { store } = emulator;
	const draft = store.addMessage(ADELE, 'drafts', { subject: 'Quarterly report', isDraft: true });
	for (const attachment of [...draft.attachments]) store.removeAttachment(ADELE, draft.id, attachment.id);
	const pdfContent = randomBytes(pdfBytes);
	const logoContent = randomBytes(700);
	const pdf = store.addAttachment(ADELE, draft.id, file('report.pdf', 'application/pdf', pdfContent));
	const logo = store.addAttachment(ADELE, draft.id, file('logo.png', 'image/png', logoContent, true));
	const original = store.messages(ADELE, store.folder(ADELE, 'inbox').id)[0];
	const item = store.addAttachment(ADELE, draft.id, {
		kind: 'item',
		id: 'replaced-by-the-store',
		name: original.subject,
		contentType: null,
		size: 4096,
		isInline: false,
		lastModifiedDateTime: MODIFIED,
		item: { ...messageData(original), attachments: [] },
	});
	const reference = store.addAttachment(ADELE, draft.id, {
		kind: 'reference',
		id: 'replaced-by-the-store',
		name: 'Budget 2026.xlsx',
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		size: 382,
		isInline: false,
		lastModifiedDateTime: MODIFIED,
	});
	return { draft: store.message(ADELE, draft.id) as StoredMessage, pdf, pdfContent, logo, logoContent, item, original, reference };
}

/** The bytes of an output binary, from memory or from disk, as n8n reads them. */
export async function binaryBytes(binary: IBinaryData | undefined): Promise<Buffer> {
	if (!binary) throw new Error('no binary data');
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

export const messageAttachmentsUrl = (mailboxUrl: string, messageId: string) =>
	`${mailboxUrl}/messages/${encodeURIComponent(messageId)}/attachments`;
