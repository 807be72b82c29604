import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, draftWithAttachments, messageAttachmentsUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const attachmentIds = (messageId: string) => emulator.store.message(ADELE, messageId).attachments.map((attachment) => attachment.id);

describe('attachment > delete', () => {
	it('removes the one attachment with DELETE and leaves the others', async () => {
		const { draft, pdf, logo, item, reference } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'delete',
			messageId: { mode: 'id', value: draft.id },
			attachmentId: { mode: 'id', value: pdf.id },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`DELETE ${messageAttachmentsUrl(mailboxUrl(), draft.id)}/${encodeURIComponent(pdf.id)}`]);
		expect(run.items).toEqual([{ json: { success: true, id: pdf.id }, pairedItem: { item: 0 } }]);
		expect(attachmentIds(draft.id)).toEqual([logo.id, item.id, reference.id]);
	});

	it('fails only the item whose attachment is already gone, under continue-on-fail', async () => {
		const { draft, pdf, logo } = draftWithAttachments(emulator);
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'delete',
				messageId: { mode: 'id', value: draft.id },
				attachmentId: { mode: 'id', value: '={{ $json.id }}' },
			},
			[{ id: pdf.id }, { id: pdf.id }, { id: logo.id }],
			{ continueOnFail: true },
		);
		expect(run.items[0].json).toEqual({ success: true, id: pdf.id });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[2].json).toEqual({ success: true, id: logo.id });
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('names Mail.ReadWrite and keeps the attachment when the app may only read mail', async () => {
		const { draft, pdf } = draftWithAttachments(emulator);
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'delete',
				messageId: { mode: 'id', value: draft.id },
				attachmentId: { mode: 'id', value: pdf.id },
			},
			[{}],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*Mail\.ReadWrite/);
		expect(attachmentIds(draft.id)).toContain(pdf.id);
	});
});
