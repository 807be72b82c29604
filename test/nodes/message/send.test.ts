import { useBinaryDataMode } from '../../helpers/n8n';
import { emulatorCredential, mailboxUrl, runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, itemWithFiles, patternBytes, SAMPLE, sha256, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'send' };

function inFolder(userId: string, folder: string, subject: string) {
	const store = emulator().store;
	return store.messages(userId, store.folder(userId, folder).id).filter((message) => message.subject === subject);
}

function fileContents(message: { attachments: Array<{ name: string } & Partial<{ content: Buffer }>> }) {
	return message.attachments.map((attachment) => ({ name: attachment.name, sha256: attachment.content ? sha256(attachment.content) : undefined }));
}

describe('message > send', () => {
	it('sends with one sendMail request; the mail lands in Sent Items and in the recipient’s Inbox', async () => {
		const run = await runOutlook(emulator(), {
			...base,
			toRecipients: `Alex Wilber <${ALEX.mail}>`,
			subject: 'Quarterly numbers',
			bodyContent: '<p>See the <b>numbers</b>.</p>',
			additionalFields: {
				ccRecipients: 'MeganB@contoso.onmicrosoft.com',
				bccRecipients: '={{ ["NestorW@contoso.onmicrosoft.com"] }}',
				replyTo: 'finance@contoso.com',
				importance: 'high',
				isReadReceiptRequested: true,
				isDeliveryReceiptRequested: true,
				categories: 'Finance, Q3',
				internetMessageHeaders: { headers: [{ name: 'x-crm-ticket', value: 'T-1234' }] },
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/sendMail`]);
		expect(graphRequests(emulator())[0].body).toEqual({
			message: {
				toRecipients: [{ emailAddress: { address: ALEX.mail, name: 'Alex Wilber' } }],
				ccRecipients: [{ emailAddress: { address: 'MeganB@contoso.onmicrosoft.com' } }],
				bccRecipients: [{ emailAddress: { address: 'NestorW@contoso.onmicrosoft.com' } }],
				replyTo: [{ emailAddress: { address: 'finance@contoso.com' } }],
				subject: 'Quarterly numbers',
				body: { contentType: 'html', content: '<p>See the <b>numbers</b>.</p>' },
				importance: 'high',
				isReadReceiptRequested: true,
				isDeliveryReceiptRequested: true,
				categories: ['Finance', 'Q3'],
				internetMessageHeaders: [{ name: 'x-crm-ticket', value: 'T-1234' }],
			},
			saveToSentItems: true,
		});
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(inFolder(ADELE.id, 'sentitems', 'Quarterly numbers')).toHaveLength(1);
		const [delivered] = inFolder(ALEX.id, 'inbox', 'Quarterly numbers');
		expect(delivered).toMatchObject({ isRead: false, importance: 'high', bccRecipients: [] });
		expect(delivered.from?.emailAddress.address).toBe(ADELE.mail);
	});

	it('keeps no copy in Sent Items when Save to Sent Items is off', async () => {
		const run = await runOutlook(emulator(), {
			...base,
			toRecipients: ALEX.mail,
			subject: 'Not kept',
			bodyContent: 'Plain words',
			additionalFields: { saveToSentItems: false, bodyFormat: 'text' },
		});
		expect(run.error).toBeUndefined();
		expect(graphRequests(emulator())[0].body).toMatchObject({ message: { body: { contentType: 'text', content: 'Plain words' } }, saveToSentItems: false });
		expect(inFolder(ADELE.id, 'sentitems', 'Not kept')).toHaveLength(0);
		expect(inFolder(ALEX.id, 'inbox', 'Not kept')).toHaveLength(1);
	});

	describe.each(['default', 'filesystem'] as const)('with binary data in %s mode', (mode) => {
		beforeAll(async () => await useBinaryDataMode(mode));
		afterAll(async () => await useBinaryDataMode('default'));

		it('attaches files from several binary properties inline, in the one sendMail request', async () => {
			// Small enough for the emulator's request log (64 KiB) to keep the body.
			const invoice = patternBytes(20_000, 1);
			const notes = Buffer.from('Line one\nLine two\n');
			const run = await runOutlook(
				emulator(),
				{ ...base, toRecipients: ALEX.mail, subject: `Files in ${mode} mode`, additionalFields: { attachments: 'invoice, notes' } },
				[
					itemWithFiles({
						invoice: { content: invoice, fileName: 'invoice.pdf', mimeType: 'application/pdf' },
						notes: { content: notes, fileName: 'notes.txt', mimeType: 'text/plain' },
					}),
				],
			);
			expect(run.error).toBeUndefined();
			expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/sendMail`]);
			const sent = graphRequests(emulator())[0].body as { message: { attachments: unknown[] } };
			expect(sent.message.attachments).toEqual([
				{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'invoice.pdf', contentType: 'application/pdf', contentBytes: invoice.toString('base64') },
				{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'notes.txt', contentType: 'text/plain', contentBytes: notes.toString('base64') },
			]);
			const [delivered] = inFolder(ALEX.id, 'inbox', `Files in ${mode} mode`);
			expect(fileContents(delivered)).toEqual([
				{ name: 'invoice.pdf', sha256: sha256(invoice) },
				{ name: 'notes.txt', sha256: sha256(notes) },
			]);
		});

		it('sends a 30 MB attachment through a draft and an upload session in 4 MB chunks', async () => {
			const size = 30 * 1024 * 1024;
			const video = patternBytes(size, 3);
			const run = await runOutlook(
				emulator(),
				{ ...base, toRecipients: ALEX.mail, subject: `Big file in ${mode} mode`, additionalFields: { attachments: 'video' } },
				[itemWithFiles({ video: { content: video, fileName: 'site-walkthrough.mp4', mimeType: 'video/mp4' } })],
			);
			expect(run.error).toBeUndefined();
			const draftId = String(run.items[0].json.messageId);
			const draftUrl = `${mailboxUrl()}/messages/${encodeURIComponent(draftId)}`;
			expect(run.graphCalls).toEqual([
				`POST ${mailboxUrl()}/messages`,
				`POST ${draftUrl}/attachments/createUploadSession`,
				`POST ${draftUrl}/send`,
			]);
			expect(graphRequests(emulator())[1].body).toEqual({
				AttachmentItem: { attachmentType: 'file', name: 'site-walkthrough.mp4', size, contentType: 'video/mp4' },
			});
			const uploads = emulator().requests.filter((request) => request.kind === 'upload');
			const chunk = 12 * 320 * 1024;
			expect(uploads.map((request) => `${request.method} ${request.headers['content-range']}`)).toEqual(
				Array.from({ length: 8 }, (_, index) => `PUT bytes ${index * chunk}-${Math.min((index + 1) * chunk, size) - 1}/${size}`),
			);
			expect(uploads.every((request) => request.headers.authorization === undefined)).toBe(true);
			expect(run.items[0].json).toMatchObject({ success: true, messageId: draftId, attachments: [{ name: 'site-walkthrough.mp4', size }] });
			const [kept] = inFolder(ADELE.id, 'sentitems', `Big file in ${mode} mode`);
			const [delivered] = inFolder(ALEX.id, 'inbox', `Big file in ${mode} mode`);
			expect(fileContents(kept)).toEqual([{ name: 'site-walkthrough.mp4', sha256: sha256(video) }]);
			expect(fileContents(delivered)).toEqual([{ name: 'site-walkthrough.mp4', sha256: sha256(video) }]);
			expect(inFolder(ADELE.id, 'drafts', `Big file in ${mode} mode`)).toHaveLength(0);
		});
	});

	it('marks a large-attachment draft not to be kept when Save to Sent Items is off', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, toRecipients: ALEX.mail, subject: 'Large, not kept', additionalFields: { attachments: 'data', saveToSentItems: false } },
			[itemWithFiles({ data: { content: patternBytes(3 * 1024 * 1024), fileName: 'data.bin', mimeType: 'application/octet-stream' } })],
		);
		expect(run.error).toBeUndefined();
		expect(graphRequests(emulator())[0].body).toMatchObject({ singleValueExtendedProperties: [{ id: 'Boolean 0x0E01', value: 'true' }] });
	});

	it('fails only the item with a bad address, naming the field, and sends the others', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, toRecipients: ALEX.mail, subject: '={{ $json.subject }}', additionalFields: { ccRecipients: '={{ $json.cc }}' } },
			[
				{ subject: 'First', cc: 'MeganB@contoso.onmicrosoft.com' },
				{ subject: 'Second', cc: 'megan at contoso' },
				{ subject: 'Third', cc: '' },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json)).toEqual([
			{ success: true },
			{ error: 'CC Recipients: "megan at contoso" is not an email address' },
			{ success: true },
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/sendMail`, `POST ${mailboxUrl()}/sendMail`]);
	});

	it('refuses a custom header Graph would refuse, before sending', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, toRecipients: ALEX.mail, additionalFields: { internetMessageHeaders: { headers: [{ name: 'Priority', value: 'urgent' }] } } },
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe(
			'Custom header "Priority" cannot be sent: Graph takes only header names that start with "x-" and hold no spaces or colons',
		);
		expect(run.graphCalls).toEqual([]);
	});

	it('names Mail.ReadWrite when an app that may only send needs a draft for a large attachment', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, toRecipients: ALEX.mail, subject: 'Too big for Mail.Send alone', additionalFields: { attachments: 'data' } },
			[itemWithFiles({ data: { content: patternBytes(4 * 1024 * 1024), fileName: 'data.bin', mimeType: 'application/octet-stream' } })],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator(), { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*Mail\.ReadWrite/);
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/messages`]);
	});

	it('names Mail.Send when the app may only read mail', async () => {
		const run = await runOutlook(emulator(), { ...base, toRecipients: ALEX.mail, subject: 'Denied' }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator(), { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(String(run.items[0].json.error)).toMatch(/Mail\.Send/);
		expect(inFolder(ALEX.id, 'inbox', 'Denied')).toHaveLength(0);
	});
});
