import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const SELECT = '$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden';
const folderUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}`;

describe('folder > get', () => {
	it('returns the folder named by a well-known name, without annotations, paired with its item', async () => {
		const inbox = emulator.store.folder(ADELE, 'inbox');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'get',
			folderId: { mode: 'id', value: 'inbox' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailFolders/inbox?${SELECT}`]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual({
			id: inbox.id,
			displayName: 'Inbox',
			parentFolderId: inbox.parentFolderId,
			childFolderCount: 1,
			unreadItemCount: expect.any(Number),
			totalItemCount: expect.any(Number),
			isHidden: false,
		});
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('adds the full path by walking up the parents when Include Full Path is on', async () => {
		const projects = emulator.store.childFolders(ADELE, emulator.store.folder(ADELE, 'inbox').id)[0];
		const acme = emulator.store.addFolder(ADELE, projects.id, 'ACME');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'get',
			folderId: { mode: 'list', value: acme.id, cachedResultName: 'Inbox/Projects/ACME' },
			options: { includePath: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ id: acme.id, displayName: 'ACME', path: 'Inbox/Projects/ACME' });
		expect(run.graphCalls).toEqual([
			`GET ${folderUrl(acme.id)}?${SELECT}`,
			`GET ${mailboxUrl()}/mailFolders/msgfolderroot?$select=id`,
			`GET ${folderUrl(projects.id)}?$select=id%2CdisplayName%2CparentFolderId`,
			`GET ${folderUrl(emulator.store.folder(ADELE, 'inbox').id)}?$select=id%2CdisplayName%2CparentFolderId`,
		]);
	});

	it('fails only the item whose folder is not in the mailbox, under continue-on-fail', async () => {
		const alexInbox = emulator.store.folder(SAMPLE.users.alex.id, 'inbox');
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'get', folderId: { mode: 'id', value: '={{ $json.folder }}' } },
			[{ folder: 'sentitems' }, { folder: alexInbox.id }, { folder: 'drafts' }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.displayName).toBe('Sent Items');
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: .*not found in this mailbox/);
		expect(run.items[2].json.displayName).toBe('Drafts');
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses a folder ID that would climb out of the path, naming the field, before any request', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'get', folderId: { mode: 'id', value: '..' } },
			[{}],
			{ continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe('Folder cannot be "." or ".."');
		expect(run.graphCalls).toEqual([]);
	});
});
