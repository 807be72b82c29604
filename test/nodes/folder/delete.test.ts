import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const folderUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}`;
const childNamed = (parentId: string, name: string) =>
	emulator.store.childFolders(ADELE, parentId).find((folder) => folder.displayName === name);

describe('folder > delete', () => {
	it('moves the folder to Deleted Items with DELETE', async () => {
		const folder = emulator.store.addFolder(ADELE, 'inbox', 'Old clients');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'delete',
			folderId: { mode: 'id', value: folder.id },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`DELETE ${folderUrl(folder.id)}`]);
		expect(run.items).toEqual([
			{ json: { success: true, id: folder.id, permanentlyDeleted: false }, pairedItem: { item: 0 } },
		]);
		expect(childNamed(emulator.store.folder(ADELE, 'inbox').id, 'Old clients')).toBeUndefined();
		expect(childNamed(emulator.store.folder(ADELE, 'deleteditems').id, 'Old clients')).toBeDefined();
	});

	it('removes the folder from the mailbox with permanentDelete when Delete Permanently is on', async () => {
		const folder = emulator.store.addFolder(ADELE, 'inbox', 'Old clients');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'delete',
			folderId: { mode: 'id', value: folder.id },
			options: { permanent: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${folderUrl(folder.id)}/permanentDelete`]);
		expect(run.items[0].json).toEqual({ success: true, id: folder.id, permanentlyDeleted: true });
		expect(() => emulator.store.folder(ADELE, folder.id)).toThrow();
		expect(childNamed(emulator.store.folder(ADELE, 'deleteditems').id, 'Old clients')).toBeUndefined();
	});

	it('fails only the item whose folder is already gone, under continue-on-fail', async () => {
		const one = emulator.store.addFolder(ADELE, 'inbox', 'One');
		const two = emulator.store.addFolder(ADELE, 'inbox', 'Two');
		const run = await runOutlook(
			emulator,
			// Batching off: with it, two items deleting the same folder may run in either order.
			{
				resource: 'folder',
				operation: 'delete',
				folderId: { mode: 'id', value: '={{ $json.id }}' },
				options: { permanent: true },
				requestOptions: { batching: false },
			},
			[{ id: one.id }, { id: one.id }, { id: two.id }],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.success).toBe(true);
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[2].json.success).toBe(true);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('names Mail.ReadWrite and leaves the folder when the app may only read mail', async () => {
		const folder = emulator.store.addFolder(ADELE, 'inbox', 'Keep');
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'delete', folderId: { mode: 'id', value: folder.id } },
			[{}],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator, {
					clientId: SAMPLE.apps.readOnly.clientId,
					clientSecret: SAMPLE.apps.readOnly.secret,
				}),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*Mail\.ReadWrite/);
		expect(emulator.store.folder(ADELE, folder.id).displayName).toBe('Keep');
	});
});
