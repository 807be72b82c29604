import { emulatorCredential, runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, itemWithFiles, messageUrl, SAMPLE, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'reply' };
const MEGAN = 'MeganB@contoso.onmicrosoft.com';

/** A message in Adele's Inbox from Alex, so replies reach a mailbox of the emulator. */
function fromAlex(subject = 'Lunch on Friday?') {
	const alex = { emailAddress: { name: 'Alex Wilber', address: ALEX.mail } };
	return emulator().store.addMessage(ADELE.id, 'inbox', {
		subject,
		from: alex,
		sender: alex,
		replyTo: [],
		toRecipients: [{ emailAddress: { name: 'Adele Vance', address: ADELE.mail } }],
		ccRecipients: [],
	});
}

function subjects(userId: string, folder: string): string[] {
	const store = emulator().store;
	return store.messages(userId, store.folder(userId, folder).id).map((message) => message.subject);
}

describe('message > reply', () => {
	it('replies at once with one POST reply carrying the comment; the sender receives it', async () => {
		const message = fromAlex();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, comment: 'Yes, see you there.' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'reply')}`]);
		expect(graphRequests(emulator())[0].body).toEqual({ comment: 'Yes, see you there.' });
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(subjects(ALEX.id, 'inbox')).toContain('RE: Lunch on Friday?');
		expect(subjects(ADELE.id, 'sentitems')).toContain('RE: Lunch on Friday?');
	});

	it('sends a full body instead of a comment, and blind copies in the same request', async () => {
		const message = fromAlex();
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			contentMode: 'body',
			bodyContent: 'Only this text.',
			bodyFormat: 'text',
			additionalFields: { bccRecipients: MEGAN },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'reply')}`]);
		expect(graphRequests(emulator())[0].body).toEqual({
			message: { body: { contentType: 'text', content: 'Only this text.' }, bccRecipients: [{ emailAddress: { address: MEGAN } }] },
		});
	});

	it('keeps the reply as a draft with createReply and outputs the draft', async () => {
		const message = fromAlex();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, comment: 'Draft it', delivery: 'draft' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'createReply')}`]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ isDraft: true, subject: 'RE: Lunch on Friday?' });
		expect(run.items[0].json.toRecipients).toEqual([{ emailAddress: { name: 'Alex Wilber', address: ALEX.mail } }]);
		expect(subjects(ADELE.id, 'drafts')).toContain('RE: Lunch on Friday?');
		expect(subjects(ALEX.id, 'inbox')).not.toContain('RE: Lunch on Friday?');
	});

	it('merges extra To recipients into those Outlook fills in, through a draft, then sends', async () => {
		const message = fromAlex();
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			comment: 'Adding Megan',
			additionalFields: { toRecipients: `${MEGAN}, ${ALEX.mail.toLowerCase()}` },
		});
		expect(run.error).toBeUndefined();
		const draftId = String(run.items[0].json.messageId);
		expect(run.graphCalls).toEqual([
			`POST ${messageUrl(message.id, 'createReply')}`,
			`PATCH ${messageUrl(draftId)}`,
			`POST ${messageUrl(draftId, 'send')}`,
		]);
		expect(graphRequests(emulator())[0].body).toEqual({ comment: 'Adding Megan' });
		expect(graphRequests(emulator())[1].body).toEqual({
			toRecipients: [{ emailAddress: { name: 'Alex Wilber', address: ALEX.mail } }, { emailAddress: { address: MEGAN } }],
		});
		expect(run.items.map((item) => item.json)).toEqual([{ success: true, messageId: draftId }]);
		expect(subjects(ALEX.id, 'inbox')).toContain('RE: Lunch on Friday?');
	});

	it('adds attachments to a reply draft, then sends it', async () => {
		const message = fromAlex();
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: message.id }, comment: 'Menu attached', additionalFields: { attachments: 'menu' } },
			[itemWithFiles({ menu: { content: Buffer.from('Soup, salad'), fileName: 'menu.txt', mimeType: 'text/plain' } })],
		);
		expect(run.error).toBeUndefined();
		const draftId = String(run.items[0].json.messageId);
		expect(run.graphCalls).toEqual([
			`POST ${messageUrl(message.id, 'createReply')}`,
			`POST ${messageUrl(draftId, 'attachments')}`,
			`POST ${messageUrl(draftId, 'send')}`,
		]);
		const store = emulator().store;
		const delivered = store.messages(ALEX.id, store.folder(ALEX.id, 'inbox').id).find((m) => m.subject === 'RE: Lunch on Friday?');
		expect(delivered?.attachments.map((attachment) => attachment.name)).toEqual(['menu.txt']);
	});

	it('fails only the item whose message is gone, under continue-on-fail', async () => {
		const kept = fromAlex('Kept');
		const gone = fromAlex('Gone');
		emulator().store.deleteMessage(ADELE.id, gone.id);
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: '={{ $json.id }}' }, comment: 'Hi' }, [{ id: kept.id }, { id: gone.id }], {
			continueOnFail: true,
		});
		expect(run.items.map((item) => item.json.success ?? item.json.error)).toEqual([true, expect.stringMatching(/^ErrorItemNotFound: /)]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('names Mail.Send when the app may only read mail', async () => {
		const message = fromAlex();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, comment: 'Hi' }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator(), { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(String(run.items[0].json.error)).toMatch(/Mail\.Send/);
	});
});
