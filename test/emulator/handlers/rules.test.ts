import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;
const rules = `${userPath()}/mailFolders/inbox/messageRules`;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const create = (body: unknown) => graph(emulator, rules, { token, method: 'POST', body });
const projects = () => emulator.store.folder(adele, 'inbox') && emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];

const fromPartner = {
	displayName: 'From partner',
	sequence: 2,
	isEnabled: true,
	conditions: { senderContains: ['adele'] },
	actions: { forwardTo: [{ emailAddress: { name: 'Alex Wilbur', address: 'AlexW@contoso.onmicrosoft.com' } }], stopProcessingRules: true },
};

describe('Inbox rules', () => {
	it("creates a rule with 201 and answers it as Graph's example does (senderContains upper-cased, hasError, isReadOnly)", async () => {
		const answer = await create(fromPartner);
		expect(answer.status).toBe(201);
		const body = answer.body as Record<string, unknown>;
		expect(body['@odata.context']).toBe(
			`${emulator.baseUrl}/v1.0/$metadata#users('${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}')/mailFolders('inbox')/messageRules/$entity`,
		);
		expect(body).toMatchObject({
			displayName: 'From partner',
			sequence: 2,
			isEnabled: true,
			hasError: false,
			isReadOnly: false,
			conditions: { senderContains: ['ADELE'] },
			actions: { forwardTo: [{ emailAddress: { name: 'Alex Wilbur', address: 'AlexW@contoso.onmicrosoft.com' } }], stopProcessingRules: true },
		});
		expect(body.id).toMatch(/^[A-Za-z0-9+/]{11}=$/);
		expect(body).not.toHaveProperty('exceptions');
	});

	it('lists the rules in sequence order and gets one by id', async () => {
		const second = (await create({ ...fromPartner, displayName: 'Second', sequence: 5 })).body as { id: string };
		await create({ displayName: 'First', sequence: 1, actions: { markAsRead: true } });
		const listed = as<GraphCollection>(await graph(emulator, rules, { token }));
		expect(listed.value.map((rule) => rule.displayName)).toEqual(['First', 'Second']);
		expect(listed['@odata.context']).toMatch(/\/mailFolders\('inbox'\)\/messageRules$/);
		expect((await graph(emulator, `${rules}/${encodeURIComponent(second.id)}`, { token })).body).toMatchObject({ id: second.id, displayName: 'Second' });
	});

	it('leaves out what sets nothing (false, null, empty lists) and creates a rule disabled unless isEnabled says so', async () => {
		const body = (await create({ displayName: 'Quiet', sequence: 1, conditions: { hasAttachments: false, subjectContains: [] }, actions: { markAsRead: true, delete: false } }))
			.body as Record<string, unknown>;
		expect(body).toMatchObject({ isEnabled: false, actions: { markAsRead: true } });
		expect(body).not.toHaveProperty('conditions');
		expect(body.actions).toEqual({ markAsRead: true });
	});

	it('updates a rule with 200, replacing actions whole as Graph does, and keeping what the body leaves out', async () => {
		const { id } = (await create(fromPartner)).body as { id: string };
		const answer = await graph(emulator, `${rules}/${encodeURIComponent(id)}`, { token, method: 'PATCH', body: { displayName: 'Important from partner', actions: { markImportance: 'High' } } });
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ displayName: 'Important from partner', sequence: 2, conditions: { senderContains: ['ADELE'] }, actions: { markImportance: 'high' } });
		expect((answer.body as { actions: object }).actions).toEqual({ markImportance: 'high' });
	});

	it('enables and disables a rule with isEnabled alone', async () => {
		const { id } = (await create(fromPartner)).body as { id: string };
		expect((await graph(emulator, `${rules}/${encodeURIComponent(id)}`, { token, method: 'PATCH', body: { isEnabled: false } })).body).toMatchObject({ isEnabled: false, displayName: 'From partner' });
	});

	it('deletes a rule with 204; then it is 404, and a malformed id is 400', async () => {
		const { id } = (await create(fromPartner)).body as { id: string };
		expect((await graph(emulator, `${rules}/${encodeURIComponent(id)}`, { token, method: 'DELETE' })).status).toBe(204);
		expect(errorOf(await graph(emulator, `${rules}/${encodeURIComponent(id)}`, { token })).code).toBe('ErrorItemNotFound');
		expect(errorOf(await graph(emulator, `${rules}/nope`, { token })).code).toBe('ErrorInvalidIdMalformed');
	});

	it.each([
		['no displayName', { sequence: 1, actions: { markAsRead: true } }, 'EmptyValueFound (displayName)'],
		['no sequence', { displayName: 'x', actions: { markAsRead: true } }, 'MissingParameter (sequence)'],
		['a sequence of 0', { displayName: 'x', sequence: 0, actions: { markAsRead: true } }, 'InvalidValue (sequence)'],
		['no action', { displayName: 'x', sequence: 1, conditions: { subjectContains: ['a'] } }, 'MissingAction (actions)'],
		['only actions that do nothing', { displayName: 'x', sequence: 1, actions: { markAsRead: false } }, 'MissingAction (actions)'],
		['a folder id that is no id', { displayName: 'x', sequence: 1, actions: { moveToFolder: 'Inbox/Clients' } }, 'InvalidFolderId (actions/moveToFolder)'],
		['a forward to no address', { displayName: 'x', sequence: 1, actions: { forwardTo: [{ emailAddress: { address: 'alex' } }] } }, 'InvalidAddress (actions/forwardTo)'],
		['a size range upside down', { displayName: 'x', sequence: 1, conditions: { withinSizeRange: { minimumSize: 50, maximumSize: 10 } }, actions: { delete: true } }, 'InvalidSizeRange (conditions/withinSizeRange)'],
	])("refuses a rule with %s with Exchange's rule validation error", async (_case, body, detail) => {
		const answer = await create(body);
		expect(answer.status).toBe(500);
		expect(errorOf(answer).code).toBe('ErrorInboxRulesValidationError');
		expect(errorOf(answer).message).toMatch(/^A validation error occurred while executing the rule operation\. /);
		expect(errorOf(answer).message).toContain(detail);
		expect(emulator.store.rules.list(adele)).toEqual([]);
	});

	it('refuses a folder of another mailbox, and accepts a folder id of this one', async () => {
		const alexInbox = emulator.store.folder(SAMPLE.users.alex.id, 'inbox').id;
		expect(errorOf(await create({ displayName: 'x', sequence: 1, actions: { moveToFolder: alexInbox } })).message).toContain('FolderDoesNotExist (actions/moveToFolder)');
		const answer = await create({ displayName: 'To Projects', sequence: 1, actions: { moveToFolder: projects().id } });
		expect(answer.body).toMatchObject({ actions: { moveToFolder: projects().id }, hasError: false });
	});

	it('answers hasError once the folder a rule moves to is gone', async () => {
		const folder = emulator.store.createFolder(adele, 'inbox', 'Short-lived');
		const { id } = (await create({ displayName: 'x', sequence: 1, actions: { moveToFolder: folder.id } })).body as { id: string };
		emulator.store.permanentlyDeleteFolder(adele, folder.id);
		expect((await graph(emulator, `${rules}/${encodeURIComponent(id)}`, { token })).body).toMatchObject({ hasError: true });
	});

	it("refuses the metadata's strangers: an unknown predicate, a wrong type, an importance that does not exist, a computed property", async () => {
		expect(errorOf(await create({ ...fromPartner, conditions: { fromContains: ['x'] } })).code).toBe('RequestBodyRead');
		expect(errorOf(await create({ ...fromPartner, sequence: 'first' })).code).toBe('RequestBodyRead');
		expect(errorOf(await create({ ...fromPartner, actions: { markImportance: 'urgent' } })).message).toBe("Requested value 'urgent' was not found.");
		expect(errorOf(await create({ ...fromPartner, hasError: false })).code).toBe('ErrorInvalidProperty');
	});

	it('refuses to change or delete a read-only rule (one Outlook made) with ErrorNotSupportedMessageRule', async () => {
		const rule = emulator.store.rules.add(adele, { displayName: 'Made in Outlook', sequence: 1, isEnabled: true, isReadOnly: true });
		const path = `${rules}/${encodeURIComponent(rule.id)}`;
		const patched = await graph(emulator, path, { token, method: 'PATCH', body: { isEnabled: false } });
		expect(patched.status).toBe(400);
		expect(errorOf(patched).code).toBe('ErrorNotSupportedMessageRule');
		expect(errorOf(await graph(emulator, path, { token, method: 'DELETE' })).code).toBe('ErrorNotSupportedMessageRule');
		expect((await graph(emulator, path, { token })).body).toMatchObject({ isReadOnly: true, displayName: 'Made in Outlook' });
	});

	it('reads with MailboxSettings.Read and writes with MailboxSettings.ReadWrite: a Mail.Read app gets 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await graph(emulator, rules, { token: readOnly })).status).toBe(403);
		expect((await graph(emulator, rules, { token: readOnly, method: 'POST', body: fromPartner })).status).toBe(403);
	});

	it('serves rules under the well-known name inbox only, in any case', async () => {
		expect((await graph(emulator, `${userPath()}/mailFolders/INBOX/messageRules`, { token })).status).toBe(200);
		const inboxId = emulator.store.folder(adele, 'inbox').id;
		expect((await graph(emulator, `${userPath()}/mailFolders/${inboxId}/messageRules`, { token })).status).toBe(400);
	});
});
