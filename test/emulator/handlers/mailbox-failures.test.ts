import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const alex = SAMPLE.users.alex;
const inboxDelta = (user: { userPrincipalName: string }) => `${userPath(user)}/mailFolders/inbox/messages/delta`;
const error = (answer: { body: unknown }) => as<GraphErrorBody>(answer as never).error;

describe('per-mailbox failures a test selects', () => {
	it('answers 403 with the access policy\'s text for a mailbox outside the application access policy, and lists the user still', async () => {
		emulator.store.setMailboxFailure(alex.id, 'outsideAccessPolicy');
		const answer = await graph(emulator, inboxDelta(alex), { token });
		expect(answer.status).toBe(403);
		expect(error(answer)).toMatchObject({
			code: 'ErrorAccessDenied',
			message: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
		});
		expect((await graph(emulator, `${userPath(alex)}/mailboxSettings`, { token })).status).toBe(403);
		expect((await graph(emulator, userPath(alex), { token })).status).toBe(200);
		expect((await graph(emulator, inboxDelta(SAMPLE.users.adele), { token })).status).toBe(200);
	});

	it('answers 403 ErrorAccessDenied for a mailbox outside the RBAC scope, only to the app it is scoped for', async () => {
		emulator.store.setMailboxFailure(alex.id, 'outsideRbacScope', SAMPLE.apps.full.clientId);
		const refused = await graph(emulator, `${userPath(alex)}/messages?$top=1`, { token });
		expect(refused.status).toBe(403);
		expect(error(refused)).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
		const other = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await graph(emulator, `${userPath(alex)}/messages?$top=1`, { token: other })).status).toBe(200);
	});

	it('answers MailboxNotEnabledForRESTAPI once the mailbox is taken away, and gives the content back with it', async () => {
		const before = emulator.store.messages(alex.id).length;
		emulator.store.setMailboxFailure(alex.id, 'noMailbox');
		const answer = await graph(emulator, inboxDelta(alex), { token });
		expect(answer.status).toBe(404);
		expect(error(answer).code).toBe('MailboxNotEnabledForRESTAPI');
		emulator.store.setMailboxFailure(alex.id, null);
		expect(emulator.store.messages(alex.id)).toHaveLength(before);
	});

	it('answers 404 for a deleted user on directory and mail routes alike, and drops it from /users', async () => {
		emulator.store.setMailboxFailure(alex.id, 'deleted');
		expect(error(await graph(emulator, userPath(alex), { token })).code).toBe('Request_ResourceNotFound');
		const mail = await graph(emulator, inboxDelta(alex), { token });
		expect(mail.status).toBe(404);
		expect(error(mail)).toMatchObject({ code: 'ErrorInvalidUser', message: `The requested user '${alex.userPrincipalName}' is invalid.` });
		const listed = await graph(emulator, '/v1.0/users?$select=id', { token });
		expect((listed.body as { value: { id: string }[] }).value.map((user) => user.id)).not.toContain(alex.id);
		emulator.store.setMailboxFailure(alex.id, null);
		expect((await graph(emulator, inboxDelta(alex), { token })).status).toBe(200);
	});

	it('fails only the failing mailbox\'s sub-requests of a $batch', async () => {
		emulator.store.setMailboxFailure(alex.id, 'outsideAccessPolicy');
		const answer = await graph(emulator, '/v1.0/$batch', {
			token,
			method: 'POST',
			body: {
				requests: [
					{ id: 'a', method: 'GET', url: `/users/${SAMPLE.users.adele.id}/mailFolders/inbox/messages/delta` },
					{ id: 'b', method: 'GET', url: `/users/${alex.id}/mailFolders/inbox/messages/delta` },
				],
			},
		});
		const statuses = Object.fromEntries((answer.body as { responses: { id: string; status: number }[] }).responses.map((response) => [response.id, response.status]));
		expect(statuses).toEqual({ a: 200, b: 403 });
	});

	it('does not take a mailbox slot for a refused request', async () => {
		emulator.store.setMailboxFailure(alex.id, 'outsideRbacScope');
		await Promise.all(Array.from({ length: 8 }, () => graph(emulator, inboxDelta(alex), { token })));
		expect(emulator.requests.filter((request) => request.status === 429)).toEqual([]);
		expect(emulator.maxInFlight(alex.id)).toBe(0);
	});
});
