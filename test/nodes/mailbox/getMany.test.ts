import { isGraphHttpRequest, SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele, alex, noMailbox } = SAMPLE.users;
const { sales, boardroom, projector, former, lukas, mailOnly } = SAMPLE.mailboxes;
const SELECT = '$select=id%2CuserPrincipalName%2Cmail%2CdisplayName';
const user = (entry: { id: string; userPrincipalName: string; mail: string | null; displayName: string }) => ({
	id: entry.id,
	userPrincipalName: entry.userPrincipalName,
	mail: entry.mail,
	displayName: entry.displayName,
});
const graph = () => emulator.requests.filter((request) => request.kind === 'graph');
const httpRequests = () => emulator.requests.filter(isGraphHttpRequest);

describe('mailbox > getMany', () => {
	it("lists the tenant's users that have a mail address, in one request of $top 999, without advanced query parameters", async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET /v1.0/users?${SELECT}&$top=999`]);
		expect(graph()[0].headers.consistencylevel).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual([adele, alex, sales, boardroom, projector, former, lukas, mailOnly].map(user));
		expect(run.items.map((item) => item.pairedItem)).toEqual(run.items.map(() => ({ item: 0 })));
	});

	it('stops at the Limit', async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', limit: 2 });
		expect(run.items.map((item) => item.json.id)).toEqual([adele.id, alex.id]);
		expect(noMailbox.mail).toBeNull();
	});

	it('follows @odata.nextLink over 2,500 users: 3 pages of up to 999', async () => {
		emulator.store.addUsers(SAMPLE.tenantId, 2500, { seed: 2 });
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2508);
		expect(run.graphCalls).toHaveLength(3);
		expect(run.graphCalls[0]).toBe(`GET /v1.0/users?${SELECT}&$top=999`);
		expect(run.graphCalls.slice(1).every((call) => call.includes('$skiptoken='))).toBe(true);
	});

	it('filters by domain with endsWith on mail, sending ConsistencyLevel: eventual and $count=true as Graph requires', async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true, filters: { domain: '@Contoso.com' } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET /v1.0/users?${SELECT}&$filter=endsWith(mail%2C%27%40contoso.com%27)&$count=true&$top=999`]);
		expect(graph()[0].headers.consistencylevel).toBe('eventual');
		expect(run.items.map((item) => item.json.id)).toEqual([sales.id, boardroom.id, projector.id, mailOnly.id]);
	});

	it("lists a group's members at any depth through transitiveMembers cast to user", async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true, filters: { groupId: SAMPLE.groups.marketing.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET /v1.0/groups/${SAMPLE.groups.marketing.id}/transitiveMembers/microsoft.graph.user?${SELECT}&$count=true&$top=999`]);
		expect(run.items.map((item) => item.json.id).sort()).toEqual([alex.id, sales.id, lukas.id].sort());
	});

	it('combines Enabled Accounts Only and a free OData filter', async () => {
		const run = await runOutlook(emulator, {
			resource: 'mailbox',
			operation: 'getMany',
			returnAll: true,
			filters: { enabledOnly: true, filter: "startsWith(displayName,'A')" },
		});
		expect(run.error).toBeUndefined();
		expect(graph()[0].query.$filter).toBe("accountEnabled eq true and (startsWith(displayName,'A'))");
		expect(run.items.map((item) => item.json.id)).toEqual([adele.id, alex.id]);
	});

	it('checks each mailbox with mailbox settings in $batch requests of 20, leaving out users without one, and gives each purpose', async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true, options: { onlyWithMailbox: true } });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.id, item.json.purpose])).toEqual([
			[adele.id, 'user'],
			[alex.id, 'user'],
			[sales.id, 'shared'],
			[boardroom.id, 'room'],
			[projector.id, 'equipment'],
			[former.id, 'user'],
			[lukas.id, 'user'],
		]);
		expect(httpRequests().map((request) => request.kind)).toEqual(['graph', 'batch']);
		expect(graph().filter((request) => request.batchRequestId !== undefined).map((request) => request.path).sort()).toEqual(
			[adele, alex, sales, boardroom, projector, former, lukas, mailOnly].map((entry) => `/v1.0/users/${entry.id}/mailboxSettings`).sort(),
		);
	});

	it('checks 300 users in 15 $batch requests', async () => {
		emulator.store.addUsers(SAMPLE.tenantId, 292, { seed: 4, shares: { withoutMailbox: 0.1 } });
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', returnAll: true, options: { onlyWithMailbox: true } });
		expect(run.error).toBeUndefined();
		const checked = graph().filter((request) => request.path.endsWith('/mailboxSettings')).length;
		expect(httpRequests().filter((request) => request.kind === 'batch')).toHaveLength(Math.ceil(checked / 20));
		expect(run.items.length).toBeLessThan(checked);
	});

	it('fails the item naming the Domain field for a value that is no domain', async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', filters: { domain: "contoso.com' or 1 eq 1" } }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('Domain must be a domain name, such as contoso.com');
		expect(run.graphCalls).toEqual([]);
	});

	it("gives Graph's error, naming the permission, under continue-on-fail (accountEnabled with User.ReadBasic.All only)", async () => {
		const credential = emulatorCredential(emulator, { clientId: SAMPLE.apps.mailboxReader.clientId, clientSecret: SAMPLE.apps.mailboxReader.secret });
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'getMany', filters: { enabledOnly: true } }, [{}, {}], { continueOnFail: true, credential });
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json.error).toMatch(/^Authorization_RequestDenied: Insufficient privileges to complete the operation\./);
		expect(run.items[0].json.error).toMatch(/The app holds User\.ReadBasic\.All, which is not enough for this request: User\.Read\.All to filter on accountEnabled \(Enabled Accounts Only\)\./);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
