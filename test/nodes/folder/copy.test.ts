import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const folderUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}`;
const childNamed = (parentId: string, name: string) =>
	emulator.store.childFolders(ADELE, parentId).find((folder) => folder.displayName === name);

describe('folder > copy', () => {
	it('copies the folder into the destination and outputs the copy under its new ID', async () => {
		const clients = emulator.store.addFolder(ADELE, 'inbox', 'Clients');
		const archive = emulator.store.folder(ADELE, 'archive');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'copy',
			folderId: { mode: 'list', value: clients.id, cachedResultName: 'Inbox/Clients' },
			destinationFolderId: { mode: 'list', value: archive.id, cachedResultName: 'Archive' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${folderUrl(clients.id)}/copy`]);
		expect(emulator.requests.find((request) => request.kind === 'graph' && request.method === 'POST')?.body).toEqual({ destinationId: archive.id });
		const copy = childNamed(archive.id, 'Clients');
		expect(copy).toBeDefined();
		expect(copy!.id).not.toBe(clients.id);
		expect(emulator.store.folder(ADELE, clients.id).parentFolderId).toBe(emulator.store.folder(ADELE, 'inbox').id);
		expect(run.items[0].json).toMatchObject({ id: copy!.id, displayName: 'Clients', parentFolderId: archive.id });
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('fails only the item with a hostile folder ID, naming the field, while the others are copied', async () => {
		const one = emulator.store.addFolder(ADELE, 'inbox', 'One');
		const run = await runOutlook(
			emulator,
			{
				resource: 'folder',
				operation: 'copy',
				folderId: { mode: 'id', value: '={{ $json.id }}' },
				destinationFolderId: { mode: 'id', value: 'archive' },
			},
			[{ id: one.id }, { id: '..' }, { id: 'inbox\r\nX-Injected: 1' }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.displayName).toBe('One');
		expect(run.items[1].json.error).toBe('Folder cannot be "." or ".."');
		expect(run.items[2].json.error).toBe('Folder contains control characters (such as a line break)');
		expect(run.graphCalls).toEqual([`POST ${folderUrl(one.id)}/copy`]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
