import { randomBytes } from 'node:crypto';

import { SAMPLE, type Emulator, type StoredFileAttachment } from '../../emulator';
import { useBinaryDataMode } from '../../helpers/n8n';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, messageAttachmentsUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const MB = 1024 * 1024;

function emptyDraft() {
	const draft = emulator.store.addMessage(ADELE, 'drafts', { subject: 'Files for you', isDraft: true });
	for (const attachment of [...draft.attachments]) emulator.store.removeAttachment(ADELE, draft.id, attachment.id);
	return draft;
}

const binaryFile = (content: Buffer, fileName: string, mimeType: string) => ({ base64: content.toString('base64'), fileName, mimeType });

function storedFile(messageId: string, name: string): StoredFileAttachment {
	const found = emulator.store.message(ADELE, messageId).attachments.find((attachment) => attachment.name === name);
	if (found?.kind !== 'file') throw new Error(`no file attachment ${name}`);
	return found;
}

describe.each(['default', 'filesystem'] as const)('attachment > add, binary data mode %s', (mode) => {
	beforeAll(async () => await useBinaryDataMode(mode));

	it('attaches a small file in one POST and outputs its metadata without the content', async () => {
		const draft = emptyDraft();
		const content = randomBytes(5000);
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id } },
			[{ __binary: { data: binaryFile(content, 'invoice.pdf', 'application/pdf') } }],
		);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageAttachmentsUrl(mailboxUrl(), draft.id)}`]);
		expect(emulator.requests.find((request) => request.kind === 'graph' && request.method === 'POST')?.body).toEqual({
			'@odata.type': '#microsoft.graph.fileAttachment',
			name: 'invoice.pdf',
			contentType: 'application/pdf',
			contentBytes: content.toString('base64'),
		});
		const stored = storedFile(draft.id, 'invoice.pdf');
		expect(stored.content.equals(content)).toBe(true);
		expect(run.items).toEqual([
			{
				json: expect.objectContaining({ id: stored.id, name: 'invoice.pdf', contentType: 'application/pdf', size: 5000, type: 'file' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(run.items[0].json).not.toHaveProperty('contentBytes');
	});

	it('attaches every listed binary field, one output item each, under the given file name when there is one field', async () => {
		const draft = emptyDraft();
		const invoice = randomBytes(1000);
		const photo = randomBytes(2000);
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id }, binaryPropertyNames: 'invoice, photo' },
			[{ __binary: { invoice: binaryFile(invoice, 'a.pdf', 'application/pdf'), photo: binaryFile(photo, 'b.jpg', 'image/jpeg') } }],
		);
		expect(run.graphCalls).toHaveLength(2);
		expect(run.items.map((output) => output.json.name)).toEqual(['a.pdf', 'b.jpg']);
		expect(storedFile(draft.id, 'b.jpg').content.equals(photo)).toBe(true);

		const renamed = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id }, options: { fileName: 'Invoice 2026-001.pdf' } },
			[{ __binary: { data: binaryFile(invoice, 'a.pdf', 'application/pdf') } }],
		);
		expect(renamed.items[0].json.name).toBe('Invoice 2026-001.pdf');
		expect(storedFile(draft.id, 'Invoice 2026-001.pdf').content.equals(invoice)).toBe(true);
	});

	it('uploads a 30 MB file through an upload session in 4 MB chunks, byte for byte', async () => {
		const draft = emptyDraft();
		const content = randomBytes(30 * MB);
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id } },
			[{ __binary: { data: binaryFile(content, 'site-video.mp4', 'video/mp4') } }],
		);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageAttachmentsUrl(mailboxUrl(), draft.id)}/createUploadSession`]);
		expect(emulator.requests.find((request) => request.kind === 'graph')?.body).toEqual({
			AttachmentItem: { attachmentType: 'file', name: 'site-video.mp4', size: 30 * MB, contentType: 'video/mp4' },
		});
		const chunk = 12 * 320 * 1024;
		const uploads = emulator.requests.filter((request) => request.kind === 'upload');
		expect(uploads.map((request) => `${request.method} ${request.headers['content-range']}`)).toEqual(
			Array.from({ length: 8 }, (_, index) => `PUT bytes ${index * chunk}-${(index + 1) * chunk - 1}/${30 * MB}`),
		);
		expect(uploads.every((request) => request.headers.authorization === undefined)).toBe(true);
		const stored = storedFile(draft.id, 'site-video.mp4');
		expect(stored.content.length).toBe(30 * MB);
		expect(stored.content.equals(content)).toBe(true);
		expect(run.items[0].json).toMatchObject({ id: stored.id, name: 'site-video.mp4', size: 30 * MB, type: 'file' });
	});

	it('fails only the item without the binary field, naming it, under continue-on-fail', async () => {
		const draft = emptyDraft();
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id } },
			[
				{ __binary: { data: binaryFile(Buffer.from('one'), 'one.txt', 'text/plain') } },
				{ note: 'no file' },
				{ __binary: { data: binaryFile(Buffer.from('three'), 'three.txt', 'text/plain') } },
			],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.name).toBe('one.txt');
		expect(String(run.items[1].json.error)).toMatch(/data/);
		expect(run.items[2].json.name).toBe('three.txt');
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.graphCalls).toHaveLength(2);
	});

	it('names Mail.ReadWrite and attaches nothing when the app may only read mail', async () => {
		const draft = emptyDraft();
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draft.id } },
			[{ __binary: { data: binaryFile(Buffer.from('hello'), 'hello.txt', 'text/plain') } }],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*Mail\.ReadWrite/);
		expect(emulator.store.message(ADELE, draft.id).attachments).toEqual([]);
	});

	it('refuses a file name for more than one binary field, naming the option, before any request', async () => {
		const draft = emptyDraft();
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'add',
				messageId: { mode: 'id', value: draft.id },
				binaryPropertyNames: 'a,b',
				options: { fileName: 'x.pdf' },
			},
			[{ __binary: { a: binaryFile(Buffer.from('a'), 'a.txt', 'text/plain'), b: binaryFile(Buffer.from('b'), 'b.txt', 'text/plain') } }],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('File Name can be set only when one binary field is attached');
		expect(run.graphCalls).toEqual([]);
	});
});
