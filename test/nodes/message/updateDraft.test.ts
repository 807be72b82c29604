import { runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, itemWithFiles, messageUrl, sha256, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'updateDraft' };

function aDraft() {
	return emulator().store.addMessage(ADELE.id, 'drafts', {
		subject: 'Old subject',
		isDraft: true,
		toRecipients: [{ emailAddress: { name: 'Alex Wilber', address: ALEX.mail } }],
		ccRecipients: [],
	});
}

describe('message > updateDraft', () => {
	it('patches only the fields given and leaves the others as they were', async () => {
		const draft = aDraft();
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: draft.id },
			updateFields: { subject: 'New subject', ccRecipients: 'MeganB@contoso.onmicrosoft.com', bodyContent: 'Now with <i>text</i>' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${messageUrl(draft.id)}`]);
		expect(graphRequests(emulator())[0].body).toEqual({
			ccRecipients: [{ emailAddress: { address: 'MeganB@contoso.onmicrosoft.com' } }],
			subject: 'New subject',
			body: { contentType: 'html', content: 'Now with <i>text</i>' },
		});
		const stored = emulator().store.message(ADELE.id, draft.id);
		expect(stored.subject).toBe('New subject');
		expect(stored.toRecipients.map((recipient) => recipient.emailAddress.address)).toEqual([ALEX.mail]);
		expect(run.items[0].json).toMatchObject({ id: draft.id, subject: 'New subject' });
	});

	it('adds attachments without patching when no other field is given', async () => {
		const draft = aDraft();
		const file = Buffer.from('%PDF-1.4 tiny');
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: draft.id }, updateFields: { attachments: 'data' } },
			[itemWithFiles({ data: { content: file, fileName: 'tiny.pdf', mimeType: 'application/pdf' } })],
		);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(draft.id, 'attachments')}`]);
		expect(run.items[0].json).toMatchObject({ id: draft.id, hasAttachments: true, attachments: [{ name: 'tiny.pdf', contentType: 'application/pdf' }] });
		expect(run.items[0].json.attachments).toEqual([expect.not.objectContaining({ contentBytes: expect.anything() })]);
		const stored = emulator().store.message(ADELE.id, draft.id);
		expect(stored.attachments.filter((attachment) => attachment.name === 'tiny.pdf').map((attachment) => ('content' in attachment ? sha256(attachment.content) : ''))).toEqual([
			sha256(file),
		]);
	});

	it('fails only the item whose message was already sent, with Graph’s reason', async () => {
		const draft = aDraft();
		const sent = emulator().store.addMessage(ADELE.id, 'sentitems', { subject: 'Already sent', isDraft: false });
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: '={{ $json.id }}' }, updateFields: { subject: 'Changed' } },
			[{ id: draft.id }, { id: sent.id }],
			{ continueOnFail: true },
		);
		expect(run.items[0].json).toMatchObject({ id: draft.id, subject: 'Changed' });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorInvalidPropertyUpdateSentMessage: /);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('refuses an update with nothing to change, naming Update Fields', async () => {
		const draft = aDraft();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: draft.id } }, [{}], { continueOnFail: true });
		expect(run.items[0].json).toEqual({ error: 'Add at least one field to change, or attachments to add' });
		expect(run.graphCalls).toEqual([]);
	});
});
