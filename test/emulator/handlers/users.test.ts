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

describe('users of the tenant: kinds of user in the sample', () => {
	it('lists users with and without mailboxes, disabled accounts and other domains after the first three, in order', async () => {
		const answer = await graph(emulator, '/v1.0/users?$select=id,userPrincipalName,accountEnabled,mail', { token });
		const ids = as<GraphCollection>(answer).value.map((user) => user.id);
		const { adele, alex, noMailbox } = SAMPLE.users;
		const { sales, boardroom, projector, former, lukas, mailOnly } = SAMPLE.mailboxes;
		expect(ids).toEqual([adele.id, alex.id, noMailbox.id, sales.id, boardroom.id, projector.id, former.id, lukas.id, mailOnly.id]);
		const byId = new Map(as<GraphCollection>(answer).value.map((user) => [user.id, user]));
		expect(byId.get(sales.id)).toEqual({ id: sales.id, userPrincipalName: sales.userPrincipalName, accountEnabled: false, mail: sales.mail });
		expect(byId.get(adele.id)?.accountEnabled).toBe(true);
	});
});

describe('users of the tenant: $filter, $count and ConsistencyLevel', () => {
	const eventual = { ConsistencyLevel: 'eventual' };
	const ids = (answer: Answer) => as<GraphCollection>(answer).value.map((user) => user.id);

	it("filters by domain with endsWith(mail,'@contoso.com') and $count=true under ConsistencyLevel: eventual, counting the matches", async () => {
		const answer = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("endsWith(mail,'@contoso.com')")}&$count=true&$select=id`, {
			token,
			headers: eventual,
		});
		expect(answer.status).toBe(200);
		const { sales, boardroom, projector, mailOnly } = SAMPLE.mailboxes;
		expect(ids(answer)).toEqual([sales.id, boardroom.id, projector.id, mailOnly.id]);
		expect(as<GraphCollection>(answer)['@odata.count']).toBe(4);
	});

	it('refuses endsWith without the advanced query parameters, with Graph\'s text', async () => {
		for (const headers of [{}, eventual]) {
			const answer = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("endsWith(userPrincipalName,'@eu.contoso.com')")}`, { token, headers });
			expect(answer.status).toBe(400);
			expect(as<GraphErrorBody>(answer).error).toMatchObject({
				code: 'Request_UnsupportedQuery',
				message:
					"Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
			});
		}
		const noHeader = await graph(emulator, `/v1.0/users?$count=true&$filter=${encodeURIComponent("endsWith(userPrincipalName,'@eu.contoso.com')")}`, { token });
		expect(noHeader.status).toBe(400);
	});

	it('filters accountEnabled eq true and startsWith by default, without the advanced parameters', async () => {
		const enabled = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent('accountEnabled eq true')}&$select=id`, { token });
		const { adele, alex, noMailbox } = SAMPLE.users;
		expect(ids(enabled)).toEqual([adele.id, alex.id, noMailbox.id, SAMPLE.mailboxes.lukas.id, SAMPLE.mailboxes.mailOnly.id]);
		const started = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("startsWith(displayName,'a') and accountEnabled eq true")}&$select=id`, { token });
		expect(ids(started)).toEqual([adele.id, alex.id]);
		const upn = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent(`userPrincipalName eq '${SAMPLE.users.alex.userPrincipalName.toUpperCase()}'`)}`, { token });
		expect(ids(upn)).toEqual([alex.id]);
	});

	it('needs the advanced parameters for ne and not, and answers with them', async () => {
		const path = `/v1.0/users?$filter=${encodeURIComponent('accountEnabled ne true')}&$select=id`;
		const refused = await graph(emulator, path, { token });
		expect(as<GraphErrorBody>(refused).error.message).toMatch(/^Operator 'ne' is not supported because the required parameters might be missing\./);
		const answered = await graph(emulator, `${path}&$count=true`, { token, headers: eventual });
		const { sales, boardroom, projector, former } = SAMPLE.mailboxes;
		expect(ids(answered)).toEqual([sales.id, boardroom.id, projector.id, former.id]);
		const not = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("not startsWith(displayName,'a')")}`, { token });
		expect(as<GraphErrorBody>(not).error.message).toMatch(/^Operator 'not' is not supported/);
	});

	it("refuses a filter clause a property does not support, naming the property and resource", async () => {
		const answer = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("endsWith(displayName,'x')")}&$count=true`, { token, headers: eventual });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'Request_UnsupportedQuery',
			message: "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'User'.",
		});
		const contains = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent("contains(mail,'x')")}`, { token });
		expect(as<GraphErrorBody>(contains).error.message).toBe("Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'.");
	});

	it('ignores $count=true without ConsistencyLevel: no @odata.count, as Graph does', async () => {
		const answer = await graph(emulator, '/v1.0/users?$count=true&$select=id', { token });
		expect(answer.status).toBe(200);
		expect(as<GraphCollection>(answer)['@odata.count']).toBeUndefined();
		const counted = await graph(emulator, '/v1.0/users?$count=true&$select=id', { token, headers: eventual });
		expect(as<GraphCollection>(counted)['@odata.count']).toBe(9);
	});

	it('needs ConsistencyLevel for $search, and matches words by prefix', async () => {
		const refused = await graph(emulator, `/v1.0/users?$search=${encodeURIComponent('"displayName:maier"')}`, { token });
		expect(refused.status).toBe(400);
		expect(as<GraphErrorBody>(refused).error).toMatchObject({
			code: 'Request_UnsupportedQuery',
			message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
		});
		const found = await graph(emulator, `/v1.0/users?$search=${encodeURIComponent('"displayName:maie" OR "mail:adele"')}&$select=id`, { token, headers: eventual });
		expect(ids(found)).toEqual([SAMPLE.users.adele.id, SAMPLE.mailboxes.lukas.id]);
	});

	it('sorts by displayName, and refuses $orderby with $filter unless the query is advanced', async () => {
		const sorted = await graph(emulator, '/v1.0/users?$orderby=displayName desc&$select=displayName&$top=2', { token });
		expect(as<GraphCollection>(sorted).value.map((user) => user.displayName)).toEqual(['Projector 01', 'Nobody Mailboxless']);
		const refused = await graph(emulator, `/v1.0/users?$orderby=displayName&$filter=${encodeURIComponent('accountEnabled eq true')}`, { token });
		expect(as<GraphErrorBody>(refused).error).toMatchObject({ code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' });
	});
});

describe('users of the tenant: paging', () => {
	it('takes $top up to 999 and refuses 0 and 1000 with Graph\'s text', async () => {
		expect((await graph(emulator, '/v1.0/users?$top=999', { token })).status).toBe(200);
		for (const top of ['0', '1000']) {
			const answer = await graph(emulator, `/v1.0/users?$top=${top}`, { token });
			expect(answer.status).toBe(400);
			expect(as<GraphErrorBody>(answer).error).toMatchObject({
				code: 'Request_UnsupportedQuery',
				message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
			});
		}
	});

	it('refuses $skip: directory collections page by $skiptoken only', async () => {
		const answer = await graph(emulator, '/v1.0/users?$skip=2', { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'Request_BadRequest', message: "'$skip' is not supported by the service." });
	});

	it('pages 10,000 users at 999 a page over @odata.nextLink, keeping $select, $filter and $count in the link', async () => {
		emulator.store.addUsers(SAMPLE.tenantId, 10_000, { seed: 7, shares: { withoutMailbox: 0.1 } });
		let path: string | undefined = `/v1.0/users?$select=id,mail&$top=999&$count=true&$filter=${encodeURIComponent('accountEnabled eq true')}`;
		const seen: string[] = [];
		let pages = 0;
		let count: number | undefined;
		while (path) {
			const answer = await graph(emulator, path, { token, headers: { ConsistencyLevel: 'eventual' } });
			expect(answer.status).toBe(200);
			const body = as<GraphCollection>(answer);
			count ??= body['@odata.count'];
			seen.push(...body.value.map((user) => user.id as string));
			expect(Object.keys(body.value[0]).sort()).toEqual(['id', 'mail']);
			const next = body['@odata.nextLink'];
			if (next) {
				expect(next.startsWith(`${emulator.baseUrl}/v1.0/users?`)).toBe(true);
				expect(next).toContain('$select=id%2Cmail');
				expect(next).toContain('$skiptoken=');
			}
			path = next?.slice(emulator.baseUrl.length);
			pages++;
		}
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBe(count);
		expect(seen.length).toBeGreaterThan(10_000 - 1_500 + 5);
		expect(pages).toBe(Math.ceil(seen.length / 999));
	});

	it('refuses a $skiptoken it did not issue', async () => {
		const answer = await graph(emulator, '/v1.0/users?$skiptoken=forged', { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error.code).toBe('Request_BadRequest');
	});
});

describe('users of the tenant: what the permission lets the app read', () => {
	it('answers the basic profile only to User.ReadBasic.All, other properties null', async () => {
		const basic = await accessToken(emulator, SAMPLE.apps.mailboxReader);
		const answer = await graph(emulator, '/v1.0/users?$select=id,userPrincipalName,accountEnabled,jobTitle&$top=1', { token: basic });
		expect(as<GraphCollection>(answer).value).toEqual([
			{ id: SAMPLE.users.adele.id, userPrincipalName: SAMPLE.users.adele.userPrincipalName, accountEnabled: null, jobTitle: null },
		]);
	});

	it('refuses a $filter on accountEnabled to User.ReadBasic.All with the directory\'s 403', async () => {
		const basic = await accessToken(emulator, SAMPLE.apps.mailboxReader);
		const answer = await graph(emulator, `/v1.0/users?$filter=${encodeURIComponent('accountEnabled eq true')}`, { token: basic });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
		const domain = await graph(emulator, `/v1.0/users?$count=true&$filter=${encodeURIComponent("endsWith(mail,'@contoso.com')")}`, {
			token: basic,
			headers: { ConsistencyLevel: 'eventual' },
		});
		expect(domain.status).toBe(200);
	});
});
