import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type Answer, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const names = (answer: Answer) => as<GraphCollection>(answer).value.map((folder) => folder.displayName);

describe('mail folders', () => {
	it('lists the children of msgfolderroot, without hidden folders, with the v1.0 properties only', async () => {
		const answer = await graph(emulator, `${userPath()}/mailFolders?$top=50`, { token });
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/mailFolders`);
		expect(names(answer)).toEqual(['Archive', 'Conversation History', 'Deleted Items', 'Drafts', 'Inbox', 'Junk Email', 'Outbox', 'Sent Items']);
		expect(Object.keys(body.value[0]).sort()).toEqual(
			['childFolderCount', 'displayName', 'id', 'isHidden', 'parentFolderId', 'totalItemCount', 'unreadItemCount'].sort(),
		);
	});

	it('includes hidden folders when includeHiddenFolders=true', async () => {
		const answer = await graph(emulator, `${userPath()}/mailFolders?includeHiddenFolders=true&$top=50`, { token });
		expect(names(answer)).toContain('Conversation Action Settings');
	});

	it('pages folders with $top and an absolute nextLink', async () => {
		const first = as<GraphCollection>(await graph(emulator, `${userPath()}/mailFolders?$top=5`, { token }));
		expect(first.value).toHaveLength(5);
		expect(first['@odata.nextLink']).toBe(`${emulator.baseUrl}${userPath()}/mailFolders?%24top=5&%24skip=5`);
		const second = as<GraphCollection>(await graph(emulator, first['@odata.nextLink'] as string, { token }));
		expect(second.value).toHaveLength(3);
		expect(second['@odata.nextLink']).toBeUndefined();
	});

	it('gets a folder by well-known name, in any case, with counts matching the store', async () => {
		const answer = await graph(emulator, `${userPath()}/mailFolders/Inbox`, { token });
		const inbox = emulator.store.folder(SAMPLE.users.adele.id, 'inbox');
		const counts = emulator.store.folderCounts(SAMPLE.users.adele.id, inbox.id);
		expect(answer.body).toMatchObject({ id: inbox.id, displayName: 'Inbox', totalItemCount: counts.totalItemCount, unreadItemCount: counts.unreadItemCount, childFolderCount: 1 });
		expect(counts.totalItemCount).toBeGreaterThan(0);
	});

	it('gets a folder by id and lists child folders', async () => {
		const inbox = emulator.store.folder(SAMPLE.users.adele.id, 'inbox');
		expect((await graph(emulator, `${userPath()}/mailFolders/${inbox.id}?$select=displayName`, { token })).body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/mailFolders(displayName)/$entity`,
			id: inbox.id,
			displayName: 'Inbox',
		});
		const children = await graph(emulator, `${userPath()}/mailFolders/inbox/childFolders`, { token });
		expect(names(children)).toEqual(['Projects']);
		const projectsId = as<GraphCollection>(children).value[0].id as string;
		expect((await graph(emulator, `${userPath()}/mailFolders/inbox/childFolders/${projectsId}`, { token })).body).toMatchObject({ displayName: 'Projects', parentFolderId: inbox.id });
	});

	it("filters folders by displayName, with '' escaping a quote", async () => {
		emulator.store.addFolder(SAMPLE.users.adele.id, 'msgfolderroot', "Conor's mail");
		const answer = await graph(emulator, `${userPath()}/mailFolders?$filter=${encodeURIComponent("displayName eq 'Conor''s mail'")}`, { token });
		expect(names(answer)).toEqual(["Conor's mail"]);
	});

	it('answers 400 ErrorInvalidIdMalformed for an id that cannot be one, 404 ErrorItemNotFound for an absent one', async () => {
		const malformed = await graph(emulator, `${userPath()}/mailFolders/not-a-folder`, { token });
		expect(malformed.status).toBe(400);
		expect(as<GraphErrorBody>(malformed).error).toMatchObject({ code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' });
		const alexInbox = emulator.store.folder(SAMPLE.users.alex.id, 'inbox');
		const absent = await graph(emulator, `${userPath()}/mailFolders/${alexInbox.id}`, { token });
		expect(absent.status).toBe(404);
		expect(as<GraphErrorBody>(absent).error).toMatchObject({ code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' });
	});

	it('answers 400 RequestBroker--ParseUri when $select names a property mailFolder does not have', async () => {
		const answer = await graph(emulator, `${userPath()}/mailFolders?$select=wellKnownName`, { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'RequestBroker--ParseUri',
			message: "Could not find a property named 'wellKnownName' on type 'microsoft.graph.mailFolder'.",
		});
	});
});
