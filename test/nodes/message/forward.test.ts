import { runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, itemWithFiles, messageUrl, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'forward' };

function inboxMessage(subject = 'Customer feedback') {
	return emulator().store.addMessage(ADELE.id, 'inbox', { subject });
}

function subjects(userId: string, folder: string): string[] {
	const store = emulator().store;
	return store.messages(userId, store.folder(userId, folder).id).map((message) => message.subject);
}

describe('message > forward', () => {
	it('forwards at once with one POST forward naming the recipients', async () => {
		const message = inboxMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, toRecipients: ALEX.mail, comment: 'FYI' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'forward')}`]);
		expect(graphRequests(emulator())[0].body).toEqual({ comment: 'FYI', toRecipients: [{ emailAddress: { address: ALEX.mail } }] });
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(subjects(ALEX.id, 'inbox')).toContain('FW: Customer feedback');
	});

	it('keeps a forward with an attachment as a draft: createForward, then the attachment', async () => {
		const message = inboxMessage();
		const run = await runOutlook(
			emulator(),
			{
				...base,
				messageId: { mode: 'id', value: message.id },
				toRecipients: ALEX.mail,
				comment: 'With my notes',
				delivery: 'draft',
				additionalFields: { attachments: 'notes', ccRecipients: 'MeganB@contoso.onmicrosoft.com' },
			},
			[itemWithFiles({ notes: { content: Buffer.from('notes'), fileName: 'notes.txt', mimeType: 'text/plain' } })],
		);
		expect(run.error).toBeUndefined();
		const draftId = String(run.items[0].json.id);
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'createForward')}`, `POST ${messageUrl(draftId, 'attachments')}`]);
		expect(graphRequests(emulator())[0].body).toEqual({
			comment: 'With my notes',
			toRecipients: [{ emailAddress: { address: ALEX.mail } }],
			message: { ccRecipients: [{ emailAddress: { address: 'MeganB@contoso.onmicrosoft.com' } }] },
		});
		expect(run.items[0].json).toMatchObject({ isDraft: true, subject: 'FW: Customer feedback', hasAttachments: true, attachments: [{ name: 'notes.txt' }] });
		expect(subjects(ADELE.id, 'drafts')).toContain('FW: Customer feedback');
		expect(subjects(ALEX.id, 'inbox')).not.toContain('FW: Customer feedback');
	});

	it('refuses a forward without recipients, naming To, before sending anything', async () => {
		const message = inboxMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, toRecipients: ' ' }, [{}], { continueOnFail: true });
		expect(run.items[0].json).toEqual({ error: 'To: a forward needs at least one recipient' });
		expect(run.graphCalls).toEqual([]);
	});

	it('fails only the item whose message is gone, under continue-on-fail', async () => {
		const kept = inboxMessage('Kept');
		const gone = inboxMessage('Gone');
		emulator().store.deleteMessage(ADELE.id, gone.id);
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: '={{ $json.id }}' }, toRecipients: ALEX.mail },
			[{ id: kept.id }, { id: gone.id }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.success ?? item.json.error)).toEqual([true, expect.stringMatching(/^ErrorItemNotFound: /)]);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});
});
