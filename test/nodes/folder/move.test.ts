import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const folderUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}`;
const childNamed = (parentId: string, name: string) =>
	emulator.store.childFolders(ADELE, parentId).find((folder) => folder.displayName === name);

describe('folder > move', () => {
	it('moves the folder with its subfolders and outputs it at its new place', async () => {
		const clients = emulator.store.addFolder(ADELE, 'inbox', 'Clients');
		emulator.store.addFolder(ADELE, clients.id, 'ACME');
		const archive = emulator.store.folder(ADELE, 'archive');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'move',
			folderId: { mode: 'id', value: clients.id },
			destinationFolderId: { mode: 'id', value: 'archive' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${folderUrl(clients.id)}/move`]);
		expect(emulator.requests.find((request) => request.kind === 'graph' && request.method === 'POST')?.body).toEqual({ destinationId: 'archive' });
		const moved = childNamed(archive.id, 'Clients');
		expect(moved).toBeDefined();
		expect(childNamed(moved!.id, 'ACME')).toBeDefined();
		expect(childNamed(emulator.store.folder(ADELE, 'inbox').id, 'Clients')).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ id: moved!.id, displayName: 'Clients', parentFolderId: archive.id });
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('fails only the item whose destination does not exist, under continue-on-fail', async () => {
		const one = emulator.store.addFolder(ADELE, 'inbox', 'One');
		const two = emulator.store.addFolder(ADELE, 'inbox', 'Two');
		const elsewhere = emulator.store.folder(SAMPLE.users.alex.id, 'archive');
		const run = await runOutlook(
			emulator,
			{
				resource: 'folder',
				operation: 'move',
				folderId: { mode: 'id', value: '={{ $json.id }}' },
				destinationFolderId: { mode: 'id', value: '={{ $json.to }}' },
			},
			[
				{ id: one.id, to: 'archive' },
				{ id: two.id, to: elsewhere.id },
			],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json).toMatchObject({ displayName: 'One', parentFolderId: emulator.store.folder(ADELE, 'archive').id });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(childNamed(emulator.store.folder(ADELE, 'inbox').id, 'Two')).toBeDefined();
	});

	it('refuses an empty destination, naming the field, before any request', async () => {
		const run = await runOutlook(
			emulator,
			{
				resource: 'folder',
				operation: 'move',
				folderId: { mode: 'id', value: 'inbox' },
				destinationFolderId: { mode: 'id', value: ' ' },
			},
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('Destination Folder is empty');
		expect(run.graphCalls).toEqual([]);
	});
});
