import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, ATTACHMENT_SELECT, draftWithAttachments, messageAttachmentsUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

describe('attachment > get', () => {
	it("returns one attachment's metadata without its content bytes", async () => {
		const { draft, pdf } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'get',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'list', value: pdf.id, cachedResultName: 'report.pdf (2 KB)' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${messageAttachmentsUrl(mailboxUrl(), draft.id)}/${encodeURIComponent(pdf.id)}?${ATTACHMENT_SELECT}`,
		]);
		expect(run.items).toEqual([
			{
				json: {
					id: pdf.id,
					name: 'report.pdf',
					contentType: 'application/pdf',
					size: 2048,
					isInline: false,
					lastModifiedDateTime: pdf.lastModifiedDateTime,
					type: 'file',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('tells an attached message apart as type item', async () => {
		const { draft, item } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'get',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: item.id },
		});
		expect(run.items[0].json).toMatchObject({ id: item.id, type: 'item' });
		expect(run.items[0].json).not.toHaveProperty('item');
	});

	it('fails only the item whose attachment was removed, under continue-on-fail', async () => {
		const { draft, pdf, logo } = draftWithAttachments(emulator);
		emulator.store.removeAttachment(ADELE, draft.id, logo.id);
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'get',
				messageId: { mode: 'id', value: draft.id },
				attachmentId: { mode: 'id', value: '={{ $json.id }}' },
			},
			[{ id: pdf.id }, { id: logo.id }],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.name).toBe('report.pdf');
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: .*not found in this mailbox/);
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('names the parameters and values of the IDs Graph could not find, each cut to 200 characters', async () => {
		const { draft } = draftWithAttachments(emulator);
		const missing = `AAMk${'A'.repeat(300)}`;
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'get', messageId: { mode: 'id', value: draft.id }, attachmentId: { mode: 'id', value: missing } },
			[{}],
			{ continueOnFail: true },
		);
		const error = String(run.items[0].json.error);
		expect(error).toMatch(/^ErrorInvalidIdMalformed: |^ErrorItemNotFound: /);
		expect(error).toContain(`The IDs given: Message "${draft.id}", Attachment "${missing.slice(0, 200)}…".`);
		expect(error).not.toContain(missing);
	});

	it('refuses a hostile attachment ID, naming the field, before any request', async () => {
		const message = emulator.store.messages(SAMPLE.users.adele.id)[0];
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'get',
				messageId: { mode: 'id', value: message.id },
				attachmentId: { mode: 'id', value: '..' },
			},
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('Attachment cannot be "." or ".."');
		expect(run.graphCalls).toEqual([]);
	});
});
