import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

type Folder = { id: string; displayName: string; parentFolderId: string; childFolderCount: number; totalItemCount: number; unreadItemCount: number; isHidden: boolean };

const request = (method: string, path: string, body?: unknown) => graph(emulator, `${userPath()}${path}`, { token, method, body });
const folderOf = (answer: Awaited<ReturnType<typeof graph>>) => answer.body as Folder;
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;

describe('mail folder changes', () => {
	it('creates a top-level folder: 201 with the folder under msgfolderroot', async () => {
		const answer = await request('POST', '/mailFolders', { displayName: 'Clients' });
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/mailFolders/$entity`,
			displayName: 'Clients',
			parentFolderId: emulator.store.folder(adele, 'msgfolderroot').id,
			childFolderCount: 0,
			totalItemCount: 0,
			unreadItemCount: 0,
			isHidden: false,
		});
	});

	it('creates child folders, also under a child folder, and a hidden one', async () => {
		const acme = folderOf(await request('POST', '/mailFolders/inbox/childFolders', { displayName: 'ACME' }));
		const answer = await request('POST', `/mailFolders/inbox/childFolders/${acme.id}/childFolders`, { displayName: 'Invoices', isHidden: true });
		expect(answer.status).toBe(201);
		expect(folderOf(answer)).toMatchObject({ parentFolderId: acme.id, isHidden: true });
		expect(folderOf(await request('GET', `/mailFolders/${acme.id}`))).toMatchObject({ childFolderCount: 1 });
		const listed = await request('GET', `/mailFolders/inbox/childFolders/${acme.id}/childFolders?includeHiddenFolders=true`);
		expect(as<GraphCollection>(listed).value.map((folder) => folder.displayName)).toEqual(['Invoices']);
	});

	it('answers 409 ErrorFolderExists for a sibling of the same name, in any case', async () => {
		const answer = await request('POST', '/mailFolders/inbox/childFolders', { displayName: 'projects' });
		expect(answer.status).toBe(409);
		expect(errorOf(answer)).toMatchObject({ code: 'ErrorFolderExists', message: 'A folder with the specified name already exists.' });
	});

	it('answers 400 for a folder without a name, or with a property mailFolder does not have', async () => {
		expect(errorOf(await request('POST', '/mailFolders', {})).code).toBe('ErrorInvalidParameter');
		expect(errorOf(await request('POST', '/mailFolders', { displayName: 'X', color: 'red' })).code).toBe('RequestBodyRead');
	});

	it('finds a folder with $filter on displayName, quotes escaped', async () => {
		await request('POST', '/mailFolders/inbox/childFolders', { displayName: "Conor's" });
		const answer = await request('GET', `/mailFolders/inbox/childFolders?$filter=${encodeURIComponent("displayName eq 'Conor''s'")}`);
		expect(answer.status).toBe(200);
		expect(as<GraphCollection>(answer).value.map((folder) => folder.displayName)).toEqual(["Conor's"]);
		const top = await request('GET', `/mailFolders?$filter=${encodeURIComponent("displayName eq 'Inbox'")}`);
		expect(as<GraphCollection>(top).value).toHaveLength(1);
	});

	it('renames a folder with PATCH; a well-known folder or a taken name is refused', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		const renamed = await request('PATCH', `/mailFolders/${projects.id}`, { displayName: 'Projects 2025' });
		expect(renamed.status).toBe(200);
		expect(folderOf(renamed).displayName).toBe('Projects 2025');
		const wellKnown = await request('PATCH', '/mailFolders/inbox', { displayName: 'Incoming' });
		expect(wellKnown.status).toBe(400);
		await request('POST', '/mailFolders/inbox/childFolders', { displayName: 'Other' });
		expect((await request('PATCH', `/mailFolders/inbox/childFolders/${projects.id}`, { displayName: 'OTHER' })).status).toBe(409);
		expect(errorOf(await request('PATCH', `/mailFolders/${projects.id}`, { totalItemCount: 3 })).code).toBe('ErrorInvalidProperty');
	});

	it('DELETE moves a folder with its messages to Deleted Items; a DELETE there removes it', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		emulator.store.addMessages(adele, projects.id, 3, 5);
		const count = emulator.store.folderCounts(adele, projects.id).totalItemCount;
		const deletedItems = emulator.store.folder(adele, 'deleteditems');
		expect((await request('DELETE', `/mailFolders/${projects.id}`)).status).toBe(204);
		expect(emulator.store.folder(adele, projects.id).parentFolderId).toBe(deletedItems.id);
		expect(folderOf(await request('GET', `/mailFolders/${projects.id}`)).totalItemCount).toBe(count);
		expect(folderOf(await request('GET', '/mailFolders/deleteditems')).childFolderCount).toBe(1);
		expect((await request('DELETE', `/mailFolders/deleteditems/childFolders/${projects.id}`)).status).toBe(204);
		expect((await request('GET', `/mailFolders/${projects.id}`)).status).toBe(404);
	});

	it('refuses to delete a well-known folder: 400 ErrorDeleteDistinguishedFolder', async () => {
		const answer = await request('DELETE', '/mailFolders/inbox');
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({ code: 'ErrorDeleteDistinguishedFolder', message: 'Distinguished folders cannot be deleted.' });
		expect(errorOf(await request('POST', '/mailFolders/sentitems/permanentDelete')).code).toBe('ErrorDeleteDistinguishedFolder');
	});

	it('moves a folder (same id) and copies one (new ids, messages copied), counts following', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		emulator.store.addMessages(adele, projects.id, 4, 9);
		const count = emulator.store.folderCounts(adele, projects.id).totalItemCount;
		const moved = await request('POST', `/mailFolders/${projects.id}/move`, { destinationId: 'archive' });
		expect(moved.status).toBe(201);
		expect(folderOf(moved)).toMatchObject({ id: projects.id, parentFolderId: emulator.store.folder(adele, 'archive').id, totalItemCount: count });
		expect(folderOf(await request('GET', '/mailFolders/inbox')).childFolderCount).toBe(0);
		const copied = await request('POST', `/mailFolders/${projects.id}/copy`, { destinationId: 'inbox' });
		expect(copied.status).toBe(201);
		expect(folderOf(copied).id).not.toBe(projects.id);
		expect(folderOf(copied)).toMatchObject({ displayName: 'Projects', totalItemCount: count });
		expect(folderOf(await request('GET', '/mailFolders/inbox')).childFolderCount).toBe(1);
	});

	it('refuses to move a well-known folder, or a folder into its own subfolder', async () => {
		const wellKnown = await request('POST', '/mailFolders/inbox/move', { destinationId: 'archive' });
		expect(errorOf(wellKnown)).toMatchObject({ code: 'ErrorMoveDistinguishedFolder' });
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		const child = folderOf(await request('POST', `/mailFolders/${projects.id}/childFolders`, { displayName: 'Inner' }));
		const cycle = await request('POST', `/mailFolders/${projects.id}/move`, { destinationId: child.id });
		expect(cycle.status).toBe(400);
		expect(errorOf(cycle).code).toBe('ErrorMoveCopyFailed');
	});

	it('permanentDelete removes a folder with its content: 204', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		const [message] = emulator.store.addMessages(adele, projects.id, 1, 3);
		expect((await request('POST', `/mailFolders/inbox/childFolders/${projects.id}/permanentDelete`)).status).toBe(204);
		expect((await request('GET', `/messages/${message.id}`)).status).toBe(404);
		expect(folderOf(await request('GET', '/mailFolders/deleteditems')).childFolderCount).toBe(0);
	});
});
