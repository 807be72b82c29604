import { runOutlook } from '../../helpers/outlook';
import { ADELE, messageUrl, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'delete' };

function inboxMessage(subject = 'Delete me') {
	return emulator().store.addMessage(ADELE.id, 'inbox', { subject });
}

function subjectsIn(folder: string): string[] {
	const store = emulator().store;
	return store.messages(ADELE.id, store.folder(ADELE.id, folder).id).map((message) => message.subject);
}

describe('message > delete', () => {
	it('moves the message to Deleted Items with DELETE', async () => {
		const message = inboxMessage('Delete me softly');
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`DELETE ${messageUrl(message.id)}`]);
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(subjectsIn('inbox')).not.toContain('Delete me softly');
		expect(subjectsIn('deleteditems')).toContain('Delete me softly');
	});

	it('deletes permanently with POST permanentDelete, out of Deleted Items too', async () => {
		const message = inboxMessage('Delete me for good');
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, permanent: true });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, 'permanentDelete')}`]);
		expect(run.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(emulator().store.messages(ADELE.id).map((m) => m.subject)).not.toContain('Delete me for good');
	});

	it('fails only the item whose message is already gone, under continue-on-fail', async () => {
		const first = inboxMessage('First');
		const second = inboxMessage('Second');
		emulator().store.deleteMessage(ADELE.id, second.id);
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: '={{ $json.id }}' } }, [{ id: first.id }, { id: second.id }], {
			continueOnFail: true,
		});
		expect(run.items.map((item) => item.json.success ?? item.json.error)).toEqual([true, expect.stringMatching(/^ErrorItemNotFound: /)]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a dot-segment ID without sending anything', async () => {
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: '..' } }, [{}], { continueOnFail: true });
		expect(run.items[0].json).toEqual({ error: 'Message cannot be "." or ".."' });
		expect(run.graphCalls).toEqual([]);
	});
});
