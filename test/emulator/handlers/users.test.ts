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

describe('users', () => {
	it("returns the user's default properties by userPrincipalName and logs the resolved id", async () => {
		const answer = await graph(emulator, userPath(), { token });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users/$entity`,
			businessPhones: ['+1 425 555 0109'],
			displayName: 'Adele Vance',
			givenName: 'Adele',
			jobTitle: 'Retail Manager',
			mail: SAMPLE.users.adele.mail,
			mobilePhone: null,
			officeLocation: '18/2111',
			preferredLanguage: 'en-US',
			surname: 'Vance',
			userPrincipalName: SAMPLE.users.adele.userPrincipalName,
			id: SAMPLE.users.adele.id,
		});
		expect(emulator.requests.at(-1)?.mailbox).toBe(SAMPLE.users.adele.id);
	});

	it('finds the user by object id and returns only the $select fields', async () => {
		const answer = await graph(emulator, `/v1.0/users/${SAMPLE.users.alex.id}?$select=displayName,mail`, { token });
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users(displayName,mail)/$entity`,
			displayName: 'Alex Wilber',
			mail: SAMPLE.users.alex.mail,
		});
	});

	it('answers 404 Request_ResourceNotFound when the user does not exist', async () => {
		const answer = await graph(emulator, '/v1.0/users/nobody%40contoso.onmicrosoft.com', { token });
		expect(answer.status).toBe(404);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'Request_ResourceNotFound',
			message: "Resource 'nobody@contoso.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.",
		});
	});

	it('answers 404 ErrorInvalidUser when a mail route names an unknown user', async () => {
		const answer = await graph(emulator, '/v1.0/users/nobody%40contoso.onmicrosoft.com/messages', { token });
		expect(answer.status).toBe(404);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'ErrorInvalidUser', message: "The requested user 'nobody@contoso.onmicrosoft.com' is invalid." });
	});

	it('returns a user without a mailbox, but answers MailboxNotEnabledForRESTAPI on its mail', async () => {
		expect((await graph(emulator, userPath(SAMPLE.users.noMailbox), { token })).status).toBe(200);
		const answer = await graph(emulator, `${userPath(SAMPLE.users.noMailbox)}/mailFolders`, { token });
		expect(answer.status).toBe(404);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'MailboxNotEnabledForRESTAPI',
			message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
		});
	});
});

describe('users of the tenant (a route outside any one user)', () => {
	it('lists the tenant\'s users with $select and $top, paging with @odata.nextLink, and counts against no mailbox', async () => {
		const first = await graph(emulator, '/v1.0/users?$select=id,userPrincipalName&$top=2', { token });
		expect(first.status).toBe(200);
		const body = first.body as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
		expect(body.value.map((user) => user.id)).toEqual([SAMPLE.users.adele.id, SAMPLE.users.alex.id]);
		expect(Object.keys(body.value[0]).sort()).toEqual(['id', 'userPrincipalName']);
		const next = await graph(emulator, body['@odata.nextLink']!.slice(emulator.baseUrl.length), { token });
		expect((next.body as { value: Array<{ id: string }> }).value.map((user) => user.id)).toContain(SAMPLE.users.noMailbox.id);
		expect(emulator.requests.filter((request) => request.kind === 'graph').map((request) => request.mailbox)).toEqual([undefined, undefined]);
	});

	it('refuses an app without a directory permission with the directory\'s 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, '/v1.0/users', { token: readOnly });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error.code).toBe('Authorization_RequestDenied');
	});
});
