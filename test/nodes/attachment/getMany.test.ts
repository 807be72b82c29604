import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { ATTACHMENT_SELECT, draftWithAttachments, messageAttachmentsUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

describe('attachment > getMany', () => {
	it('lists the metadata of every attachment with its type, never its content', async () => {
		const { draft, pdf, logo, item, reference } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'getMany',
			messageId: { mode: 'id', value: draft.id },
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${messageAttachmentsUrl(mailboxUrl(), draft.id)}?${ATTACHMENT_SELECT}&$top=1000`]);
		expect(run.items.map((output) => output.json)).toEqual([
			{ id: pdf.id, name: 'report.pdf', contentType: 'application/pdf', size: 2048, isInline: false, lastModifiedDateTime: pdf.lastModifiedDateTime, type: 'file' },
			{ id: logo.id, name: 'logo.png', contentType: 'image/png', size: 700, isInline: true, lastModifiedDateTime: logo.lastModifiedDateTime, type: 'file' },
			expect.objectContaining({ id: item.id, name: item.name, isInline: false, type: 'item' }),
			expect.objectContaining({ id: reference.id, name: 'Budget 2026.xlsx', type: 'reference' }),
		]);
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 0 }]);
		expect(run.items.some((output) => 'contentBytes' in output.json || '@odata.type' in output.json)).toBe(false);
	});

	it('asks Graph for no more than the limit', async () => {
		const { draft, pdf, logo } = draftWithAttachments(emulator);
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'getMany',
			messageId: { mode: 'id', value: draft.id },
			returnAll: false,
			limit: 2,
		});
		expect(run.graphCalls).toEqual([`GET ${messageAttachmentsUrl(mailboxUrl(), draft.id)}?${ATTACHMENT_SELECT}&$top=2`]);
		expect(run.items.map((output) => output.json.id)).toEqual([pdf.id, logo.id]);
	});

	it('fails only the item whose message is in another mailbox, under continue-on-fail', async () => {
		const { draft } = draftWithAttachments(emulator);
		const alexMessage = emulator.store.messages(SAMPLE.users.alex.id)[0];
		const run = await runOutlook(
			emulator,
			{
				resource: 'attachment',
				operation: 'getMany',
				messageId: { mode: 'id', value: '={{ $json.id }}' },
				returnAll: false,
				limit: 1,
			},
			[{ id: draft.id }, { id: alexMessage.id }, { id: draft.id }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.name).toBe('report.pdf');
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[2].json.name).toBe('report.pdf');
		expect(run.items.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('names Mail.Read when the app may only send mail', async () => {
		const { draft } = draftWithAttachments(emulator);
		const run = await runOutlook(
			emulator,
			{ resource: 'attachment', operation: 'getMany', messageId: { mode: 'id', value: draft.id } },
			[{}],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*application permission Mail\.Read\b/);
	});
});
