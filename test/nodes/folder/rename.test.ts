import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const folderUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}`;

describe('folder > rename', () => {
	it('renames the folder with one PATCH of displayName and outputs it', async () => {
		const folder = emulator.store.addFolder(ADELE, 'inbox', 'Clients');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'rename',
			folderId: { mode: 'id', value: folder.id },
			newName: ' Customers ',
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${folderUrl(folder.id)}`]);
		expect(emulator.requests.find((request) => request.method === 'PATCH')?.body).toEqual({ displayName: 'Customers' });
		expect(emulator.store.folder(ADELE, folder.id).displayName).toBe('Customers');
		expect(run.items[0].json).toMatchObject({ id: folder.id, displayName: 'Customers' });
		expect(run.items[0].json).not.toHaveProperty('@odata.context');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('fails only the item whose folder is not in the mailbox, under continue-on-fail', async () => {
		const first = emulator.store.addFolder(ADELE, 'inbox', 'One');
		const last = emulator.store.addFolder(ADELE, 'inbox', 'Three');
		const elsewhere = emulator.store.addFolder(SAMPLE.users.alex.id, 'inbox', 'Two');
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'rename', folderId: { mode: 'id', value: '={{ $json.id }}' }, newName: '={{ $json.name }}' },
			[
				{ id: first.id, name: 'One renamed' },
				{ id: elsewhere.id, name: 'Two renamed' },
				{ id: last.id, name: 'Three renamed' },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.displayName ?? item.json.error)).toEqual([
			'One renamed',
			expect.stringMatching(/^ErrorItemNotFound: /),
			'Three renamed',
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.store.folder(SAMPLE.users.alex.id, elsewhere.id).displayName).toBe('Two');
	});

	it('refuses an empty new name, naming the field, before any request', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'rename', folderId: { mode: 'id', value: 'inbox' }, newName: '   ' },
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('New Name is empty');
		expect(run.graphCalls).toEqual([]);
	});
});
