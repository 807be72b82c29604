import { runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, messageUrl, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'replyAll' };
const MEGAN = { emailAddress: { name: 'Megan Bowen', address: 'MeganB@contoso.onmicrosoft.com' } };
const NESTOR = 'NestorW@contoso.onmicrosoft.com';

function fromAlexToAdeleAndMegan() {
	const alex = { emailAddress: { name: 'Alex Wilber', address: ALEX.mail } };
	return emulator().store.addMessage(ADELE.id, 'inbox', {
		subject: 'Offsite agenda',
		from: alex,
		sender: alex,
		replyTo: [],
		toRecipients: [{ emailAddress: { name: 'Adele Vance', address: ADELE.mail } }],
		ccRecipients: [MEGAN],
	});
}

describe('message > replyAll', () => {
	it('replies to all at once with one POST replyAll', async () => {
		const message = fromAlexToAdeleAndMegan();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, comment: 'Works for me.' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'replyAll')}`]);
		expect(graphRequests(emulator())[0].body).toEqual({ comment: 'Works for me.' });
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		const store = emulator().store;
		const sent = store.messages(ADELE.id, store.folder(ADELE.id, 'sentitems').id).find((m) => m.subject === 'RE: Offsite agenda');
		expect(sent?.ccRecipients.map((recipient) => recipient.emailAddress.address)).toContain(MEGAN.emailAddress.address);
	});

	it('merges an extra CC into the copy recipients Outlook fills in, keeping them', async () => {
		const message = fromAlexToAdeleAndMegan();
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			comment: 'Looping in Nestor',
			additionalFields: { ccRecipients: NESTOR },
		});
		expect(run.error).toBeUndefined();
		const draftId = String(run.items[0].json.messageId);
		expect(run.graphCalls).toEqual([
			`POST ${messageUrl(message.id, 'createReplyAll')}`,
			`PATCH ${messageUrl(draftId)}`,
			`POST ${messageUrl(draftId, 'send')}`,
		]);
		const patch = graphRequests(emulator())[1].body as { ccRecipients: Array<{ emailAddress: { address: string } }> };
		expect(patch.ccRecipients.map((recipient) => recipient.emailAddress.address)).toEqual([MEGAN.emailAddress.address, NESTOR]);
	});

	it('fails the item on a malformed message ID with Graph’s code', async () => {
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: 'not-an-id' }, comment: 'x' }, [{}], { continueOnFail: true });
		expect(String(run.items[0].json.error)).toMatch(/^ErrorInvalidIdMalformed: /);
		expect(run.graphCalls).toEqual([`POST ${messageUrl('not-an-id', 'replyAll')}`]);
	});
});
