import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, folderMessages, graph, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const inboxMessage = () => folderMessages(emulator, adele, 'inbox')[0];
const post = (path: string, body?: unknown) => graph(emulator, `${userPath()}${path}`, { token, method: 'POST', body });
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;

describe('message move and copy', () => {
	it('move: 201 with the message in the destination under a new id; the old id is gone', async () => {
		const message = inboxMessage();
		const archive = emulator.store.folder(adele, 'archive');
		const answer = await post(`/messages/${message.id}/move`, { destinationId: 'archive' });
		expect(answer.status).toBe(201);
		const moved = answer.body as { id: string; parentFolderId: string; subject: string; internetMessageId: string };
		expect(moved).toMatchObject({ parentFolderId: archive.id, subject: message.subject, internetMessageId: message.internetMessageId });
		expect(moved.id).not.toBe(message.id);
		expect((answer.body as Record<string, string>)['@odata.context']).toBe(
			`${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/messages/$entity`,
		);
		expect((await graph(emulator, `${userPath()}/messages/${message.id}`, { token })).status).toBe(404);
		expect((await graph(emulator, `${userPath()}/messages/${moved.id}`, { token })).status).toBe(200);
	});

	it('move takes a folder id, the parameter name in any case, and the microsoft.graph.move spelling', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		const answer = await post(`/mailFolders/inbox/messages/${inboxMessage().id}/microsoft.graph.move`, { DestinationId: projects.id });
		expect(answer.status).toBe(201);
		expect((answer.body as { parentFolderId: string }).parentFolderId).toBe(projects.id);
	});

	it('copy: 201 with a copy under a new id; the original stays', async () => {
		const message = inboxMessage();
		const answer = await post(`/messages/${message.id}/copy`, { destinationId: 'drafts' });
		expect(answer.status).toBe(201);
		const copy = answer.body as { id: string; parentFolderId: string };
		expect(copy.id).not.toBe(message.id);
		expect(copy.parentFolderId).toBe(emulator.store.folder(adele, 'drafts').id);
		expect(emulator.store.message(adele, message.id).parentFolderId).toBe(emulator.store.folder(adele, 'inbox').id);
	});

	it('answers 404 ErrorItemNotFound for an unknown destination, 400 for a malformed one or none', async () => {
		const message = inboxMessage();
		const otherMailboxFolder = emulator.store.folder(SAMPLE.users.alex.id, 'inbox').id;
		const unknown = await post(`/messages/${message.id}/move`, { destinationId: otherMailboxFolder });
		expect(unknown.status).toBe(404);
		expect(errorOf(unknown).code).toBe('ErrorItemNotFound');
		const malformed = await post(`/messages/${message.id}/move`, { destinationId: 'no-such-folder' });
		expect(malformed.status).toBe(400);
		expect(errorOf(malformed)).toMatchObject({ code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' });
		const empty = await post(`/messages/${message.id}/copy`, { destinationId: '' });
		expect(errorOf(empty)).toMatchObject({ code: 'ErrorInvalidParameter', message: "The value of the parameter 'DestinationId' is empty." });
		const none = await post(`/messages/${message.id}/copy`, {});
		expect(errorOf(none).code).toBe('RequestBodyRead');
	});
});

describe('message delete', () => {
	it('DELETE moves the message to Deleted Items (new id); a DELETE there removes it', async () => {
		const message = inboxMessage();
		const deletedItems = emulator.store.folder(adele, 'deleteditems');
		const before = folderMessages(emulator, adele, 'deleteditems').length;
		expect((await graph(emulator, `${userPath()}/messages/${message.id}`, { token, method: 'DELETE' })).status).toBe(204);
		const inTrash = folderMessages(emulator, adele, 'deleteditems');
		expect(inTrash).toHaveLength(before + 1);
		const trashed = inTrash.find((candidate) => candidate.internetMessageId === message.internetMessageId);
		expect(trashed?.parentFolderId).toBe(deletedItems.id);
		expect((await graph(emulator, `${userPath()}/mailFolders/deleteditems/messages/${trashed?.id}`, { token, method: 'DELETE' })).status).toBe(204);
		expect(folderMessages(emulator, adele, 'deleteditems')).toHaveLength(before);
		expect(emulator.store.messages(adele).some((candidate) => candidate.internetMessageId === message.internetMessageId)).toBe(false);
	});

	it('permanentDelete removes the message at once: 204', async () => {
		const message = inboxMessage();
		const before = folderMessages(emulator, adele, 'deleteditems').length;
		expect((await post(`/messages/${message.id}/permanentDelete`)).status).toBe(204);
		expect(folderMessages(emulator, adele, 'deleteditems')).toHaveLength(before);
		expect((await graph(emulator, `${userPath()}/messages/${message.id}`, { token })).status).toBe(404);
	});
});
