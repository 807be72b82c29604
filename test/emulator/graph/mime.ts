import { createHash } from 'node:crypto';
import type { MessageData, Recipient, StoredAttachment } from '../state/model';

/**
 * A message as RFC 5322 / MIME (what GET .../messages/{id}/$value answers), written deterministically from the
 * stored message: the same message gives the same bytes. The body is quoted-printable UTF-8; with file or item
 * attachments the message is multipart/mixed, files in base64 parts, messages as message/rfc822 parts.
 * Reference attachments are links, not content, and are left out.
 */

const CRLF = '\r\n';

type MimeSource = MessageData & { attachments: readonly StoredAttachment[] };

/** An RFC 2047 encoded word when the text is not plain ASCII. */
function headerText(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function mailbox({ emailAddress }: Recipient): string {
	const name = emailAddress.name && emailAddress.name !== emailAddress.address ? emailAddress.name : '';
	if (!name) return `<${emailAddress.address}>`;
	const display = /^[\x20-\x7e]*$/.test(name) ? (/[()<>@,;:\\".[\]]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name) : headerText(name);
	return `${display} <${emailAddress.address}>`;
}

/** "Fri, 28 Jun 2024 09:30:00 +0000" */
export function rfc5322Date(value: string): string {
	return new Date(value).toUTCString().replace(/GMT$/, '+0000');
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines broken at 76 characters, line ends as CRLF. */
export function quotedPrintable(text: string): string {
	const lines = text.replace(/\r\n|\r|\n/g, '\n').split('\n');
	return lines
		.map((line) => {
			const bytes = Buffer.from(line, 'utf8');
			let encoded = '';
			for (let index = 0; index < bytes.length; index++) {
				const byte = bytes[index];
				const last = index === bytes.length - 1;
				const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
				encoded += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
			}
			const out: string[] = [];
			while (encoded.length > 76) {
				let cut = 75;
				// never split an =XX escape
				if (encoded[cut - 1] === '=') cut -= 1;
				else if (encoded[cut - 2] === '=') cut -= 2;
				out.push(`${encoded.slice(0, cut)}=`);
				encoded = encoded.slice(cut);
			}
			out.push(encoded);
			return out.join(CRLF);
		})
		.join(CRLF);
}

/** Base64 in lines of 76 characters. */
function base64Lines(content: Buffer): string {
	return content.toString('base64').replace(/.{76}/g, `$&${CRLF}`).replace(/\r\n$/, '');
}

function boundaryFor(message: MimeSource): string {
	const digest = createHash('sha1').update(`${message.internetMessageId}|${message.subject}|${message.sentDateTime}`).digest('hex');
	return `_004_${digest}_`;
}

function attachmentPart(attachment: StoredAttachment): Buffer | undefined {
	const created = rfc5322Date(attachment.lastModifiedDateTime).replace('+0000', 'GMT');
	const disposition = `${attachment.isInline ? 'inline' : 'attachment'}; filename="${attachment.name.replace(/"/g, '')}"; size=${attachment.size};${CRLF}\tcreation-date="${created}";${CRLF}\tmodification-date="${created}"`;
	if (attachment.kind === 'file') {
		const headers = [
			`Content-Type: ${attachment.contentType ?? 'application/octet-stream'}; name="${attachment.name.replace(/"/g, '')}"`,
			`Content-Description: ${headerText(attachment.name)}`,
			`Content-Disposition: ${disposition}`,
			...(attachment.contentId ? [`Content-ID: <${attachment.contentId}>`] : []),
			'Content-Transfer-Encoding: base64',
		];
		return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'utf8'), Buffer.from(base64Lines(attachment.content), 'ascii')]);
	}
	if (attachment.kind === 'item') {
		const headers = ['Content-Type: message/rfc822', `Content-Disposition: ${disposition}`];
		return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'utf8'), messageMime(attachment.item)]);
	}
	return undefined;
}

export function messageMime(message: MimeSource): Buffer {
	const headers: string[] = [];
	if (message.from) headers.push(`From: ${mailbox(message.from)}`);
	if (message.sender && message.from && message.sender.emailAddress.address.toLowerCase() !== message.from.emailAddress.address.toLowerCase()) {
		headers.push(`Sender: ${mailbox(message.sender)}`);
	}
	if (message.toRecipients.length > 0) headers.push(`To: ${message.toRecipients.map(mailbox).join(`,${CRLF}\t`)}`);
	if (message.ccRecipients.length > 0) headers.push(`Cc: ${message.ccRecipients.map(mailbox).join(`,${CRLF}\t`)}`);
	if (message.isDraft && message.bccRecipients.length > 0) headers.push(`Bcc: ${message.bccRecipients.map(mailbox).join(`,${CRLF}\t`)}`);
	if (message.replyTo.length > 0) headers.push(`Reply-To: ${message.replyTo.map(mailbox).join(`,${CRLF}\t`)}`);
	headers.push(`Subject: ${headerText(message.subject)}`);
	headers.push(`Date: ${rfc5322Date(message.sentDateTime || message.receivedDateTime)}`);
	if (message.internetMessageId) headers.push(`Message-ID: ${message.internetMessageId}`);
	if (message.importance !== 'normal') headers.push(`Importance: ${message.importance}`);
	for (const header of message.internetMessageHeaders) {
		if (/^x-/i.test(header.name)) headers.push(`${header.name}: ${headerText(header.value)}`);
	}
	headers.push('MIME-Version: 1.0');

	const bodyPart = [
		`Content-Type: ${message.body.contentType === 'html' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
		'Content-Transfer-Encoding: quoted-printable',
		'',
		quotedPrintable(message.body.content),
	].join(CRLF);
	const parts = message.attachments.map(attachmentPart).filter((part): part is Buffer => part !== undefined);
	if (parts.length === 0) return Buffer.from(headers.join(CRLF) + CRLF + bodyPart + CRLF, 'utf8');

	const boundary = boundaryFor(message);
	headers.push(`Content-Type: multipart/mixed;${CRLF}\tboundary="${boundary}"`);
	const chunks: Buffer[] = [Buffer.from(`${headers.join(CRLF)}${CRLF}${CRLF}--${boundary}${CRLF}${bodyPart}${CRLF}`, 'utf8')];
	for (const part of parts) {
		chunks.push(Buffer.from(`${CRLF}--${boundary}${CRLF}`, 'ascii'), part, Buffer.from(CRLF, 'ascii'));
	}
	chunks.push(Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'ascii'));
	return Buffer.concat(chunks);
}
