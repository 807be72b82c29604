import { randomBytes } from 'node:crypto';
import { quotedPrintable } from './mime';
import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, folderMessages, graph, userPath } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator({ now: () => Date.UTC(2025, 4, 6, 14, 30, 5) });
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

interface Part {
	headers: Record<string, string>;
	body: string;
}

/** Headers (unfolded, names lower-cased) and body of one MIME entity. */
function parsePart(text: string): Part {
	const split = text.indexOf('\r\n\r\n');
	const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const headers: Record<string, string> = {};
	for (const line of head.split('\r\n')) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body: text.slice(split + 4) };
}

function multipart(part: Part): Part[] {
	const boundary = /boundary="([^"]+)"/.exec(part.headers['content-type'])?.[1] as string;
	return part.body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((chunk) => parsePart(chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}

const decodeQuotedPrintable = (text: string): string =>
	Buffer.from(
		text
			.replace(/=\r\n/g, '')
			.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
		'latin1',
	).toString('utf8');

async function mimeOf(id: string): Promise<{ status: number; type: string | null; text: string }> {
	const response = await fetch(`${emulator.graphBaseUrl}${userPath()}/messages/${id}/$value`, { headers: { Authorization: `Bearer ${token}` } });
	return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('message $value (MIME)', () => {
	it('answers text/plain MIME with From, To, Cc, Subject, Date, Message-ID, MIME-Version and the body; the same bytes each time', async () => {
		const created = await graph(emulator, `${userPath()}/messages`, {
			token,
			method: 'POST',
			body: {
				subject: 'Réunion à 10h',
				body: { contentType: 'text', content: 'Bonjour,\nla réunion est déplacée = 10h.' },
				toRecipients: [{ emailAddress: { address: SAMPLE.users.alex.mail } }],
				ccRecipients: [{ emailAddress: { address: 'pat@fabrikam.com', name: 'Pat, Sales' } }],
			},
		});
		const id = (created.body as { id: string }).id;
		await graph(emulator, `${userPath()}/messages/${id}/send`, { token, method: 'POST' });
		const sent = folderMessages(emulator, adele, 'sentitems').find((message) => message.subject === 'Réunion à 10h')!;
		const first = await mimeOf(sent.id);
		expect(first.status).toBe(200);
		expect(first.type).toBe('text/plain');
		expect((await mimeOf(sent.id)).text).toBe(first.text);
		const { headers, body } = parsePart(first.text);
		expect(headers).toMatchObject({
			from: `Adele Vance <${SAMPLE.users.adele.mail}>`,
			to: `Alex Wilber <${SAMPLE.users.alex.mail}>`,
			cc: '"Pat, Sales" <pat@fabrikam.com>',
			subject: `=?utf-8?B?${Buffer.from('Réunion à 10h').toString('base64')}?=`,
			date: 'Tue, 06 May 2025 14:30:05 +0000',
			'message-id': sent.internetMessageId,
			'mime-version': '1.0',
			'content-type': 'text/plain; charset="utf-8"',
			'content-transfer-encoding': 'quoted-printable',
		});
		expect(decodeQuotedPrintable(body)).toBe('Bonjour,\r\nla réunion est déplacée = 10h.\r\n');
	});

	it('is multipart/mixed with a base64 part per file attachment, whose bytes round-trip', async () => {
		const content = randomBytes(5000);
		await graph(emulator, `${userPath()}/sendMail`, {
			token,
			method: 'POST',
			body: {
				message: {
					subject: 'Report attached',
					body: { contentType: 'html', content: '<p>See the report.</p>' },
					toRecipients: [{ emailAddress: { address: 'someone@fabrikam.com' } }],
					attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'report.pdf', contentType: 'application/pdf', contentBytes: content.toString('base64') }],
				},
			},
		});
		const sent = folderMessages(emulator, adele, 'sentitems').find((message) => message.subject === 'Report attached')!;
		const whole = parsePart((await mimeOf(sent.id)).text);
		expect(whole.headers['content-type']).toMatch(/^multipart\/mixed; boundary="_004_[0-9a-f]+_"$/);
		const [bodyPart, filePart] = multipart(whole);
		expect(bodyPart.headers['content-type']).toBe('text/html; charset="utf-8"');
		expect(decodeQuotedPrintable(bodyPart.body)).toContain('<p>See the report.</p>');
		expect(filePart.headers).toMatchObject({
			'content-type': 'application/pdf; name="report.pdf"',
			'content-transfer-encoding': 'base64',
		});
		expect(filePart.headers['content-disposition']).toMatch(/^attachment; filename="report\.pdf"; size=5000;/);
		expect(filePart.body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
		expect(Buffer.from(filePart.body.replace(/\r\n/g, ''), 'base64').equals(content)).toBe(true);
	});

	it('writes quoted-printable lines of at most 76 characters without splitting an escape', () => {
		const encoded = quotedPrintable(`${'é'.repeat(60)} ${'x'.repeat(100)}`);
		expect(encoded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
		expect(decodeQuotedPrintable(encoded)).toBe(`${'é'.repeat(60)} ${'x'.repeat(100)}`);
	});
});
