import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, type Answer, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const eventual = { ConsistencyLevel: 'eventual' };
const { allStaff, marketing, emeaMarketing, rooms } = SAMPLE.groups;
const members = (group: { id: string }) => `/v1.0/groups/${group.id}/transitiveMembers`;
const ids = (answer: Answer) => as<GraphCollection>(answer).value.map((item) => item.id);

describe('groups', () => {
	it('gets a group by id, with $select', async () => {
		const answer = await graph(emulator, `/v1.0/groups/${marketing.id}?$select=displayName,mail`, { token });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#groups(displayName,mail)/$entity`,
			displayName: 'Marketing',
			mail: 'Marketing@contoso.com',
		});
	});

	it('answers 404 Request_ResourceNotFound for a group the tenant does not have', async () => {
		const answer = await graph(emulator, '/v1.0/groups/00000000-0000-4000-8000-00000000dead/transitiveMembers', { token });
		expect(answer.status).toBe(404);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'Request_ResourceNotFound',
			message: "Resource '00000000-0000-4000-8000-00000000dead' does not exist or one of its queried reference-property objects are not present.",
		});
	});

	it('lists groups with startsWith on displayName, and counts against no mailbox', async () => {
		const answer = await graph(emulator, `/v1.0/groups?$filter=${encodeURIComponent("startsWith(displayName,'m')")}&$select=id,displayName`, { token });
		expect(as<GraphCollection>(answer).value).toEqual([
			{ id: marketing.id, displayName: 'Marketing' },
			{ id: rooms.id, displayName: 'Meeting Rooms' },
		]);
		expect(emulator.requests.filter((request) => request.kind === 'graph').every((request) => request.mailbox === undefined)).toBe(true);
	});

	it('needs a group permission: an app holding only mail permissions gets the directory\'s 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, members(allStaff), { token: readOnly });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error.code).toBe('Authorization_RequestDenied');
	});
});

describe('transitive members', () => {
	it('lists members at any depth once each, nested groups included, typed with @odata.type', async () => {
		const answer = await graph(emulator, `${members(allStaff)}?$select=id,userPrincipalName,displayName`, { token });
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#directoryObjects(id,userPrincipalName,displayName)`);
		const { adele, alex, noMailbox } = SAMPLE.users;
		const { mailOnly, sales, lukas } = SAMPLE.mailboxes;
		expect(body.value.map((item) => [item['@odata.type'], item.id])).toEqual([
			['#microsoft.graph.user', adele.id],
			['#microsoft.graph.user', noMailbox.id],
			['#microsoft.graph.user', mailOnly.id],
			['#microsoft.graph.group', marketing.id],
			['#microsoft.graph.user', alex.id],
			['#microsoft.graph.user', sales.id],
			['#microsoft.graph.group', emeaMarketing.id],
			['#microsoft.graph.user', lukas.id],
		]);
		expect(body.value[3]).toEqual({ '@odata.type': '#microsoft.graph.group', id: marketing.id, displayName: 'Marketing' });
		expect(body.value[0]).toEqual({ '@odata.type': '#microsoft.graph.user', id: adele.id, userPrincipalName: adele.userPrincipalName, displayName: adele.displayName });
	});

	it('keeps users only with the microsoft.graph.user cast and the advanced parameters, counting them', async () => {
		const answer = await graph(emulator, `${members(allStaff)}/microsoft.graph.user?$count=true&$select=id,mail`, { token, headers: eventual });
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#users(id,mail)`);
		expect(body['@odata.count']).toBe(6);
		expect(body.value).toHaveLength(6);
		expect(body.value.every((item) => !('@odata.type' in item))).toBe(true);
	});

	it('ignores the cast and $count without ConsistencyLevel, as Graph does: groups come back too', async () => {
		const answer = await graph(emulator, `${members(allStaff)}/microsoft.graph.user?$count=true&$select=id`, { token });
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.count']).toBeUndefined();
		expect(body.value.filter((item) => item['@odata.type'] === '#microsoft.graph.group')).toHaveLength(2);
	});

	it('refuses $filter without the advanced parameters, and filters with them', async () => {
		const filter = encodeURIComponent("startsWith(displayName,'a')");
		const refused = await graph(emulator, `${members(allStaff)}/microsoft.graph.user?$filter=${filter}`, { token });
		expect(refused.status).toBe(400);
		expect(as<GraphErrorBody>(refused).error).toMatchObject({
			code: 'Request_UnsupportedQuery',
			message: 'The specified filter to the reference property query is currently not supported.',
		});
		const answered = await graph(emulator, `${members(allStaff)}/microsoft.graph.user?$filter=${filter}&$count=true&$select=id`, { token, headers: eventual });
		expect(ids(answered)).toEqual([SAMPLE.users.adele.id, SAMPLE.users.alex.id]);
		const enabled = await graph(emulator, `${members(marketing)}/microsoft.graph.user?$filter=${encodeURIComponent('accountEnabled eq true')}&$count=true&$select=id`, {
			token,
			headers: eventual,
		});
		expect(ids(enabled)).toEqual([SAMPLE.users.alex.id, SAMPLE.mailboxes.lukas.id]);
	});

	it('pages with $top up to 999 and @odata.nextLink, refusing $top=1000', async () => {
		const first = await graph(emulator, `${members(allStaff)}?$top=3&$select=id`, { token });
		const body = as<GraphCollection>(first);
		expect(body.value).toHaveLength(3);
		const next = await graph(emulator, body['@odata.nextLink']!.slice(emulator.baseUrl.length), { token });
		expect(as<GraphCollection>(next).value).toHaveLength(3);
		const refused = await graph(emulator, `${members(allStaff)}?$top=1000`, { token });
		expect(as<GraphErrorBody>(refused).error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
	});

	it('follows membership changes and leaves deleted users out', async () => {
		const [newcomer] = emulator.store.addUsers(SAMPLE.tenantId, 1, { group: emeaMarketing.id });
		emulator.store.removeGroupMembers(SAMPLE.tenantId, marketing.id, [SAMPLE.mailboxes.sales.id]);
		emulator.store.deleteUser(SAMPLE.tenantId, SAMPLE.mailboxes.lukas.id);
		const answer = await graph(emulator, `${members(marketing)}?$select=id`, { token });
		expect(ids(answer)).toEqual([SAMPLE.users.alex.id, emeaMarketing.id, newcomer.id]);
	});

	it('answers users with only type and id to an app that may read memberships but not users', async () => {
		const membersOnly = await accessToken(emulator, SAMPLE.apps.membersOnly);
		const answer = await graph(emulator, `${members(rooms)}?$select=id,userPrincipalName,mail`, { token: membersOnly });
		expect(as<GraphCollection>(answer).value).toEqual([
			{ '@odata.type': '#microsoft.graph.user', id: SAMPLE.mailboxes.boardroom.id, userPrincipalName: null, mail: null },
			{ '@odata.type': '#microsoft.graph.user', id: SAMPLE.mailboxes.projector.id, userPrincipalName: null, mail: null },
		]);
		const reader = await accessToken(emulator, SAMPLE.apps.mailboxReader);
		const full = await graph(emulator, `${members(rooms)}?$select=id,userPrincipalName,accountEnabled`, { token: reader });
		expect(as<GraphCollection>(full).value[0]).toEqual({
			'@odata.type': '#microsoft.graph.user',
			id: SAMPLE.mailboxes.boardroom.id,
			userPrincipalName: SAMPLE.mailboxes.boardroom.userPrincipalName,
			accountEnabled: null,
		});
	});

	it('serves 2,000 members of one group in pages of 999', async () => {
		const group = emulator.store.addGroup(SAMPLE.tenantId, {
			id: '2c3d4e5f-0000-4a1b-8c2d-000000000099',
			displayName: 'Everyone',
			mail: null,
			mailEnabled: false,
			mailNickname: 'everyone',
			securityEnabled: true,
			members: [],
		});
		emulator.store.addUsers(SAMPLE.tenantId, 2_000, { group: group.id });
		let path: string | undefined = `${members(group)}/microsoft.graph.user?$top=999&$select=id&$count=true`;
		const sizes: number[] = [];
		while (path) {
			const body: GraphCollection = as<GraphCollection>(await graph(emulator, path, { token, headers: eventual }));
			sizes.push(body.value.length);
			path = body['@odata.nextLink']?.slice(emulator.baseUrl.length);
		}
		expect(sizes).toEqual([999, 999, 2]);
	});
});
