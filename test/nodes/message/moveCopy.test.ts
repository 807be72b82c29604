import { runOutlook } from '../../helpers/outlook';
import { ADELE, graphRequests, messageUrl, useEmulator } from './fixtures';

const emulator = useEmulator();

function inboxMessage() {
	return emulator().store.addMessage(ADELE.id, 'inbox', { subject: 'To be filed' });
}

const VERBS = { move: ['moves', 'moving'], copy: ['copies', 'copying'] } as const;

describe.each(['move', 'copy'] as const)('message > %s', (operation) => {
	const [does, doing] = VERBS[operation];

	it(`${does} the message to a folder named by well-known name and outputs it at its new ID`, async () => {
		const message = inboxMessage();
		const archive = emulator().store.folder(ADELE.id, 'archive');
		const run = await runOutlook(emulator(), {
			resource: 'message',
			operation,
			messageId: { mode: 'id', value: message.id },
			folderId: { mode: 'id', value: 'archive' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${messageUrl(message.id, operation)}`]);
		expect(graphRequests(emulator())[0].body).toEqual({ destinationId: 'archive' });
		expect(run.items).toHaveLength(1);
		const output = run.items[0].json;
		expect(output).toMatchObject({ subject: 'To be filed', parentFolderId: archive.id });
		expect(output.id).not.toBe(message.id);
		expect(output).not.toHaveProperty('@odata.etag');
		expect(emulator().store.message(ADELE.id, String(output.id)).parentFolderId).toBe(archive.id);
		const inbox = emulator().store.messages(ADELE.id, emulator().store.folder(ADELE.id, 'inbox').id).map((m) => m.id);
		expect(inbox.includes(message.id)).toBe(operation === 'copy');
	});

	it(`fails only the item whose destination folder does not exist when ${doing}, under continue-on-fail`, async () => {
		const first = inboxMessage();
		const second = inboxMessage();
		const folder = emulator().store.addFolder(ADELE.id, 'inbox', 'Clients');
		const removed = emulator().store.addFolder(ADELE.id, 'inbox', 'Old clients');
		emulator().store.permanentlyDeleteFolder(ADELE.id, removed.id);
		const run = await runOutlook(
			emulator(),
			{
				resource: 'message',
				operation,
				messageId: { mode: 'id', value: '={{ $json.id }}' },
				folderId: { mode: 'id', value: '={{ $json.folder }}' },
			},
			[
				{ id: first.id, folder: folder.id },
				{ id: second.id, folder: removed.id },
			],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json).toMatchObject({ parentFolderId: folder.id });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});
});
