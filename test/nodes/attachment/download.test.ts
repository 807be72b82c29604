import { randomBytes } from 'node:crypto';

import { type Emulator } from '../../emulator';
import { useBinaryDataMode } from '../../helpers/n8n';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, ATTACHMENT_SELECT, binaryBytes, draftWithAttachments, file, messageAttachmentsUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const attachmentUrl = (messageId: string, attachmentId: string) =>
	`${messageAttachmentsUrl(mailboxUrl(), messageId)}/${encodeURIComponent(attachmentId)}`;

describe.each(['default', 'filesystem'] as const)('attachment > download, binary data mode %s', (mode) => {
	beforeAll(async () => await useBinaryDataMode(mode));

	it('outputs a file attachment as binary data with its name, MIME type and exact bytes', async () => {
		const { draft, pdf, pdfContent } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: pdf.id },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${attachmentUrl(draft.id, pdf.id)}?${ATTACHMENT_SELECT}`,
			`GET ${attachmentUrl(draft.id, pdf.id)}/$value`,
		]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: pdf.id, name: 'report.pdf', type: 'file' });
		const binary = run.items[0].binary?.data;
		expect(binary).toMatchObject({ fileName: 'report.pdf', mimeType: 'application/pdf' });
		if (mode === 'filesystem') expect(binary?.id).toMatch(/^filesystem/);
		expect((await binaryBytes(binary)).equals(pdfContent)).toBe(true);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('downloads a 12 MB attachment byte for byte', async () => {
		const { draft } = draftWithAttachments(emulator);
		const content = randomBytes(12 * 1024 * 1024);
		const big = emulator.store.addAttachment(ADELE, draft.id, file('scan.tiff', 'image/tiff', content));
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: big.id },
			binaryPropertyName: 'scan',
		});
		expect(run.error).toBeUndefined();
		const binary = run.items[0].binary?.scan;
		expect(binary).toMatchObject({ fileName: 'scan.tiff', mimeType: 'image/tiff' });
		const bytes = await binaryBytes(binary);
		expect(bytes.length).toBe(12 * 1024 * 1024);
		expect(bytes.equals(content)).toBe(true);
	});

	it('outputs an attached message as an .eml file of type message/rfc822', async () => {
		const { draft, item, original } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: item.id },
		});
		expect(run.error).toBeUndefined();
		const binary = run.items[0].binary?.data;
		expect(binary).toMatchObject({ fileName: `${original.subject}.eml`, mimeType: 'message/rfc822' });
		expect((await binaryBytes(binary)).toString('utf8')).toMatch(/^Subject: .*$/m);
		expect(run.items[0].json).toMatchObject({ id: item.id, type: 'item' });
	});

	it('outputs a reference attachment as metadata without binary data or a content request', async () => {
		const { draft, reference } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: reference.id },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${attachmentUrl(draft.id, reference.id)}?${ATTACHMENT_SELECT}`]);
		expect(run.items[0].json).toMatchObject({ id: reference.id, name: 'Budget 2026.xlsx', type: 'reference' });
		expect(run.items[0].binary).toBeUndefined();
	});

	it('outputs every attachment of the message as its own item, in the same binary field', async () => {
		const { draft, pdf, pdfContent, logo, logoContent, item, reference } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			scope: 'all',
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${messageAttachmentsUrl(mailboxUrl(), draft.id)}?${ATTACHMENT_SELECT}&$top=1000`,
			`GET ${attachmentUrl(draft.id, pdf.id)}/$value`,
			`GET ${attachmentUrl(draft.id, logo.id)}/$value`,
			`GET ${attachmentUrl(draft.id, item.id)}/$value`,
		]);
		expect(run.items.map((output) => output.json.id)).toEqual([pdf.id, logo.id, item.id, reference.id]);
		expect(run.items.map((output) => output.binary?.data?.fileName)).toEqual(['report.pdf', 'logo.png', `${item.name}.eml`, undefined]);
		expect((await binaryBytes(run.items[0].binary?.data)).equals(pdfContent)).toBe(true);
		expect((await binaryBytes(run.items[1].binary?.data)).equals(logoContent)).toBe(true);
		expect(run.items.every((output) => (output.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('leaves out inline attachments when asked', async () => {
		const { draft, pdf, item, reference } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: draft.id },
			scope: 'all',
			options: { includeInline: false },
		});
		expect(run.items.map((output) => output.json.id)).toEqual([pdf.id, item.id, reference.id]);
		expect(run.graphCalls.filter((call) => call.endsWith('/$value'))).toHaveLength(2);
	});

	it('fails only the item whose attachment is gone, under continue-on-fail', async () => {
		const { draft, pdf, logo } = draftWithAttachments(emulator);
		emulator.store.removeAttachment(ADELE, draft.id, logo.id);
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'download',
				messageId: { mode: 'id', value: draft.id },
				attachmentId: { mode: 'id', value: '={{ $json.id }}' },
			},
			[{ id: logo.id }, { id: pdf.id }],
			{ continueOnFail: true },
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[0].binary).toBeUndefined();
		expect(run.items[1].binary?.data?.fileName).toBe('report.pdf');
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
