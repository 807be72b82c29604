import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const SELECT = '$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden';
const top = () => emulator.store.folder(ADELE, 'msgfolderroot');
const childNamed = (parentId: string, name: string) =>
	emulator.store.childFolders(ADELE, parentId).find((folder) => folder.displayName === name);
const childrenUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}/childFolders`;
/** The lookup by name, as sent: the quote doubled inside the OData literal, and percent-encoded on the wire. */
const lookup = (collection: string, name: string) =>
	`GET ${collection}?$filter=${encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`).replace(/'/g, '%27')}&${SELECT}&includeHiddenFolders=true&$top=1`;
const graphBodies = () => emulator.requests.filter((request) => request.kind === 'graph' && request.method !== 'GET').map((request) => request.body);

describe('folder > create', () => {
	it('creates a folder at the top of the mailbox in one request, with its path', async () => {
		const run = await runOutlook(emulator, { resource: 'folder', operation: 'create', name: 'Invoices' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/mailFolders`]);
		expect(graphBodies()).toEqual([{ displayName: 'Invoices' }]);
		const created = childNamed(top().id, 'Invoices');
		expect(created).toBeDefined();
		expect(run.items[0].json).toMatchObject({ id: created!.id, displayName: 'Invoices', parentFolderId: top().id, path: 'Invoices' });
		expect(run.items[0].json).not.toHaveProperty('@odata.context');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('creates under the parent folder, hidden when asked', async () => {
		const inbox = emulator.store.folder(ADELE, 'inbox');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'create',
			name: 'Receipts',
			parentFolderId: { mode: 'id', value: 'inbox' },
			options: { isHidden: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/mailFolders/inbox/childFolders`]);
		expect(graphBodies()).toEqual([{ displayName: 'Receipts', isHidden: true }]);
		expect(childNamed(inbox.id, 'Receipts')?.isHidden).toBe(true);
		expect(run.items[0].json).toMatchObject({ displayName: 'Receipts', parentFolderId: inbox.id });
		expect(run.items[0].json).not.toHaveProperty('path');
	});

	it('creates exactly the missing levels of a path and reuses the existing ones', async () => {
		const clients = emulator.store.addFolder(ADELE, 'msgfolderroot', 'Clients');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'create',
			name: ' Clients / ACME/2026 ',
			options: { createPath: true },
		});
		expect(run.error).toBeUndefined();
		const acme = childNamed(clients.id, 'ACME');
		const year = acme && childNamed(acme.id, '2026');
		expect(year).toBeDefined();
		expect(run.graphCalls).toEqual([
			lookup(`${mailboxUrl()}/mailFolders`, 'Clients'),
			lookup(childrenUrl(clients.id), 'ACME'),
			`POST ${childrenUrl(clients.id)}`,
			`POST ${childrenUrl(acme!.id)}`,
		]);
		expect(graphBodies()).toEqual([{ displayName: 'ACME' }, { displayName: '2026' }]);
		expect(run.items[0].json).toMatchObject({ id: year!.id, displayName: '2026', path: 'Clients/ACME/2026' });
	});

	it('reuses an existing level whatever the case of its name, and gives the path as Outlook spells it', async () => {
		const clients = emulator.store.addFolder(ADELE, 'msgfolderroot', 'Clients');
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'create',
			name: 'clients/ACME',
			parentFolderId: { mode: 'id', value: 'msgfolderroot' },
			options: { createPath: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			lookup(childrenUrl('msgfolderroot'), 'clients'),
			`POST ${childrenUrl(clients.id)}`,
		]);
		expect(run.items[0].json).toMatchObject({ displayName: 'ACME', parentFolderId: clients.id, path: 'Clients/ACME' });
	});

	it('returns the existing folder without creating anything when Return Existing Folder is on', async () => {
		const inbox = emulator.store.folder(ADELE, 'inbox');
		const existing = emulator.store.addFolder(ADELE, inbox.id, "Conor's notes");
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'create',
			name: "Conor's notes",
			parentFolderId: { mode: 'list', value: inbox.id, cachedResultName: 'Inbox' },
			options: { returnExisting: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([lookup(childrenUrl(inbox.id), "Conor's notes")]);
		expect(run.graphCalls[0]).toContain('displayName%20eq%20%27Conor%27%27s%20notes%27');
		expect(run.items[0].json).toMatchObject({ id: existing.id, displayName: "Conor's notes" });
		expect(emulator.store.childFolders(ADELE, inbox.id).filter((folder) => folder.displayName === "Conor's notes")).toHaveLength(1);
	});

	it('creates the folder when Return Existing Folder is on and none of that name exists', async () => {
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'create',
			name: 'Invoices',
			options: { returnExisting: true, createPath: true },
		});
		expect(run.graphCalls).toEqual([lookup(`${mailboxUrl()}/mailFolders`, 'Invoices'), `POST ${mailboxUrl()}/mailFolders`]);
		expect(run.items[0].json).toMatchObject({ displayName: 'Invoices', path: 'Invoices' });
	});

	it('fails only the item whose folder already exists with ErrorFolderExists, under continue-on-fail', async () => {
		emulator.store.addFolder(ADELE, 'msgfolderroot', 'Clients');
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'create', name: '={{ $json.name }}' },
			[{ name: 'Suppliers' }, { name: 'Clients' }, { name: 'Partners' }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.displayName).toBe('Suppliers');
		expect(String(run.items[1].json.error)).toMatch(/^ErrorFolderExists/);
		expect(run.items[2].json.displayName).toBe('Partners');
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.store.childFolders(ADELE, top().id).filter((folder) => folder.displayName === 'Clients')).toHaveLength(1);
	});

	it('names Mail.ReadWrite when the app may only read mail', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'create', name: 'Invoices' },
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
		expect(childNamed(top().id, 'Invoices')).toBeUndefined();
	});

	it('refuses an empty name or a path with no levels, naming the field, before any request', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'create', name: '={{ $json.name }}', options: { createPath: true } },
			[{ name: '  ' }, { name: ' / / ' }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.error)).toEqual(['Name is empty', 'Name is empty']);
		expect(run.graphCalls).toEqual([]);
	});
});
