import { emulatorCredential, runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, messageUrl, SAMPLE, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'sendDraft' };

function aDraft(subject: string) {
	return emulator().store.addMessage(ADELE.id, 'drafts', {
		subject,
		isDraft: true,
		toRecipients: [{ emailAddress: { name: 'Alex Wilber', address: ALEX.mail } }],
		ccRecipients: [],
		bccRecipients: [],
	});
}

function subjects(userId: string, folder: string): string[] {
	const store = emulator().store;
	return store.messages(userId, store.folder(userId, folder).id).map((message) => message.subject);
}

describe('message > sendDraft', () => {
	it('sends the draft with POST send: out of Drafts, into Sent Items and the recipient’s Inbox', async () => {
		const draft = aDraft('Ready to go');
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: draft.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(draft.id, 'send')}`]);
		expect(run.items.map((item) => item.json)).toEqual([{ success: true, messageId: draft.id }]);
		expect(subjects(ADELE.id, 'drafts')).not.toContain('Ready to go');
		expect(subjects(ADELE.id, 'sentitems')).toContain('Ready to go');
		expect(subjects(ALEX.id, 'inbox')).toContain('Ready to go');
	});

	it('fails only the item the app may not send, naming Mail.Send', async () => {
		const draft = aDraft('Not allowed');
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: draft.id } }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator(), { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(String(run.items[0].json.error)).toMatch(/Mail\.Send/);
		expect(subjects(ADELE.id, 'drafts')).toContain('Not allowed');
	});

	it('fails the item naming Draft when the ID holds a line break, sending nothing', async () => {
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: '={{ "AAMk\\nX-Injected: 1" }}' } }, [{}], {
			continueOnFail: true,
		});
		expect(run.items[0].json).toEqual({ error: 'Draft contains control characters (such as a line break)' });
		expect(run.graphCalls).toEqual([]);
	});
});
