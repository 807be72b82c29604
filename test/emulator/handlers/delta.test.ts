import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, folderMessages, graph, userPath, type DeltaPage, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const inboxDelta = `${userPath()}/mailFolders/inbox/messages/delta`;
const get = (url: string, pageSize?: number) =>
	graph(emulator, url, { token, headers: pageSize === undefined ? {} : { Prefer: `odata.maxpagesize=${pageSize}` } });

/** Follows a round to its delta link: every page's answer, the items in page order, the delta link. */
async function round(url: string, pageSize?: number) {
	const pages: DeltaPage[] = [];
	let next: string | undefined = url;
	while (next !== undefined) {
		const answer = await get(next, pageSize);
		expect(answer.status).toBe(200);
		const page = as<DeltaPage>(answer);
		pages.push(page);
		next = page['@odata.nextLink'];
		if (next === undefined) expect(page['@odata.deltaLink']).toBeDefined();
	}
	const deltaLink = pages[pages.length - 1]['@odata.deltaLink'] as string;
	return { pages, items: pages.flatMap((page) => page.value), deltaLink };
}

const inboxIds = () => folderMessages(emulator, adele, 'inbox').map((message) => message.id);
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('message delta: the first round', () => {
	it('pages every message of the folder once with nextLinks on the emulator origin, and ends with a deltaLink', async () => {
		emulator.store.addMessages(adele, 'inbox', 12, 7);
		const { pages, items, deltaLink } = await round(inboxDelta, 10);
		const expected = inboxIds();
		expect(expected.length).toBeGreaterThan(20);
		expect(pages).toHaveLength(Math.ceil(expected.length / 10));
		expect(pages.slice(0, -1).every((page) => page.value.length === 10 && page['@odata.deltaLink'] === undefined)).toBe(true);
		expect(items.map((item) => item.id).sort()).toEqual([...expected].sort());
		expect(pages[0]['@odata.nextLink']).toMatch(new RegExp(`^${emulator.graphBaseUrl}/v1\\.0/users/[^?]+/mailFolders/inbox/messages/delta\\?\\$skiptoken=[\\w-]+$`));
		expect(deltaLink).toMatch(new RegExp(`^${emulator.graphBaseUrl}/v1\\.0/users/[^?]+/mailFolders/inbox/messages/delta\\?\\$deltatoken=[\\w-]+$`));
		expect(pages[0]['@odata.context']).toBe(`${emulator.graphBaseUrl}/v1.0/$metadata#Collection(message)`);
		expect(items[0]).toMatchObject({ '@odata.type': '#microsoft.graph.message', '@odata.etag': expect.any(String), subject: expect.any(String) });
	});

	it('serves 10 messages a page without Prefer, and says which odata.maxpagesize it applied', async () => {
		const first = await get(inboxDelta);
		expect(as<DeltaPage>(first).value).toHaveLength(10);
		expect(first.headers.get('preference-applied')).toBeNull();
		const sized = await get(inboxDelta, 4);
		expect(as<DeltaPage>(sized).value).toHaveLength(4);
		expect(sized.headers.get('preference-applied')).toBe('odata.maxpagesize=4');
	});

	it('lists newest first only when $orderby=receivedDateTime desc asks for it', async () => {
		const { items } = await round(`${inboxDelta}?$orderby=receivedDateTime desc&$select=receivedDateTime`, 50);
		const times = items.map((item) => Date.parse(item.receivedDateTime as string));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('serves a child folder through the childFolders path', async () => {
		const projects = emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id)[0];
		const message = emulator.store.addMessage(adele, projects.id, { subject: 'In Projects' });
		const { items } = await round(`${userPath()}/mailFolders/inbox/childFolders/${projects.id}/messages/delta`);
		expect(items.map((item) => item.id)).toContain(message.id);
	});

	it('answers 403 to an app that may only send', async () => {
		const sendOnly = await accessToken(emulator, SAMPLE.apps.sendOnly);
		const answer = await graph(emulator, inboxDelta, { token: sendOnly });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error.code).toBe('ErrorAccessDenied');
	});
});

describe('message delta: query options', () => {
	it('carries $select and $filter inside the tokens: links hold only the token, and every page and round keeps them', async () => {
		const inbox = folderMessages(emulator, adele, 'inbox');
		const cutoff = [...inbox].map((message) => Date.parse(message.receivedDateTime)).sort((a, b) => b - a)[6];
		const first = await round(`${inboxDelta}?$select=subject,isRead&$filter=receivedDateTime ge ${isoSeconds(cutoff)}`, 3);
		expect(first.pages.length).toBeGreaterThan(1);
		expect(first.pages[0]['@odata.nextLink']).not.toMatch(/select|filter/i);
		expect(first.deltaLink).not.toMatch(/select|filter/i);
		expect(first.items).toHaveLength(7);
		for (const item of first.items) expect(Object.keys(item).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'subject']);

		const older = emulator.store.addMessage(adele, 'inbox', { subject: 'old', receivedDateTime: isoSeconds(cutoff - 60_000) });
		const newer = emulator.store.addMessage(adele, 'inbox', { subject: 'new', receivedDateTime: isoSeconds(cutoff + 60_000) });
		const next = await round(first.deltaLink);
		expect(next.items.map((item) => item.id)).toEqual([newer.id]);
		expect(next.items.map((item) => item.id)).not.toContain(older.id);
		expect(Object.keys(next.items[0]).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'subject']);
	});

	it('takes gt as strictly after', async () => {
		const message = folderMessages(emulator, adele, 'inbox')[0];
		const { items } = await round(`${inboxDelta}?$filter=receivedDateTime gt ${message.receivedDateTime}&$select=id`, 100);
		expect(items.map((item) => item.id)).not.toContain(message.id);
		const inclusive = await round(`${inboxDelta}?$filter=receivedDateTime ge ${message.receivedDateTime}&$select=id`, 100);
		expect(inclusive.items.map((item) => item.id)).toContain(message.id);
	});

	it.each([
		['isRead eq false'],
		['receivedDateTime lt 2024-01-01T00:00:00Z'],
		["subject eq 'x'"],
		['receivedDateTime ge yesterday'],
	])("refuses $filter=%s with Graph's 400 ErrorInvalidUrlQuery", async (filter) => {
		const answer = await graph(emulator, `${inboxDelta}?$filter=${encodeURIComponent(filter)}`, { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'ErrorInvalidUrlQuery',
			message: "The '$filter' parameter value is not supported for 'Messages' resource; only a value of 'receivedDateTime ge value' is supported.",
		});
	});

	it('refuses $search, $skip, $orderby on another property, an unknown changeType and an unknown $select property', async () => {
		for (const query of ['$search="hello"', '$skip=5', '$orderby=subject', 'changeType=moved', '$select=nope']) {
			expect((await graph(emulator, `${inboxDelta}?${query}`, { token })).status).toBe(400);
		}
	});

	it('refuses query options added to a token link, as the token carries them', async () => {
		const { deltaLink } = await round(inboxDelta, 100);
		const answer = await graph(emulator, `${deltaLink}&$select=subject`, { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error.code).toBe('ErrorInvalidUrlQuery');
	});

	it('reports only created messages in later rounds when changeType=created', async () => {
		const { deltaLink } = await round(`${inboxDelta}?changeType=created`, 100);
		const [read, gone] = folderMessages(emulator, adele, 'inbox');
		emulator.store.updateMessage(adele, read.id, { isRead: !read.isRead });
		emulator.store.deleteMessage(adele, gone.id);
		const added = emulator.store.addMessage(adele, 'inbox');
		const { items } = await round(deltaLink);
		expect(items.map((item) => item.id)).toEqual([added.id]);
	});
});

describe('message delta: later rounds', () => {
	it('answers an empty page with a new deltaLink when nothing changed, then a new message in the next round', async () => {
		const first = await round(inboxDelta, 100);
		const quiet = await round(first.deltaLink);
		expect(quiet.items).toEqual([]);
		expect(quiet.pages).toHaveLength(1);
		expect(quiet.deltaLink).not.toBe(first.deltaLink);
		const message = emulator.store.addMessage(adele, 'inbox', { subject: 'Fresh' });
		const next = await round(quiet.deltaLink);
		expect(next.items).toEqual([expect.objectContaining({ id: message.id, subject: 'Fresh' })]);
	});

	it('replays a message under the same id when it is read, flagged or recategorised', async () => {
		const { deltaLink } = await round(inboxDelta, 100);
		const [first, second] = folderMessages(emulator, adele, 'inbox');
		emulator.store.updateMessage(adele, first.id, { isRead: true });
		emulator.store.updateMessage(adele, second.id, { flag: { flagStatus: 'flagged' }, categories: ['Red category'] });
		const { items } = await round(deltaLink);
		expect(items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
		expect(items.find((item) => item.id === first.id)).toMatchObject({ isRead: true });
		expect(items.find((item) => item.id === second.id)).toMatchObject({ flag: { flagStatus: 'flagged' }, categories: ['Red category'] });
	});

	it('reports a deleted message and one moved out as @removed with reason deleted; the moved one arrives in its new folder under a new id', async () => {
		const inbox = await round(inboxDelta, 100);
		const archive = await round(`${userPath()}/mailFolders/archive/messages/delta`, 100);
		const [deleted, moved] = folderMessages(emulator, adele, 'inbox');
		emulator.store.deleteMessage(adele, deleted.id);
		const arrived = emulator.store.moveMessage(adele, moved.id, 'archive');
		const { items } = await round(inbox.deltaLink);
		expect(items).toEqual([
			{ '@odata.type': '#microsoft.graph.message', id: deleted.id, '@removed': { reason: 'deleted' } },
			{ '@odata.type': '#microsoft.graph.message', id: moved.id, '@removed': { reason: 'deleted' } },
		]);
		const archived = await round(archive.deltaLink);
		expect(archived.items.map((item) => item.id)).toEqual([arrived.id]);
	});

	it('keeps a change made while a client pages through a round for the next round', async () => {
		const first = await get(inboxDelta, 5);
		const added = emulator.store.addMessage(adele, 'inbox', { subject: 'Arrived mid-round' });
		const rest = await round(as<DeltaPage>(first)['@odata.nextLink'] as string, 5);
		const seen = [...as<DeltaPage>(first).value, ...rest.items].map((item) => item.id);
		expect(seen).not.toContain(added.id);
		const next = await round(rest.deltaLink);
		expect(next.items.map((item) => item.id)).toEqual([added.id]);
	});

	it('gives the same answer to the same delta link used twice', async () => {
		const { deltaLink } = await round(inboxDelta, 100);
		const message = emulator.store.addMessage(adele, 'inbox');
		expect((await round(deltaLink)).items.map((item) => item.id)).toEqual([message.id]);
		expect((await round(deltaLink)).items.map((item) => item.id)).toEqual([message.id]);
	});
});

describe('message delta: expired tokens', () => {
	const expectSyncStateNotFound = (answer: Awaited<ReturnType<typeof graph>>) => {
		expect(answer.status).toBe(410);
		expect(as<GraphErrorBody>(answer).error.code).toBe('SyncStateNotFound');
		expect(as<GraphErrorBody>(answer).error.message).toMatch(/^The sync state generation is not found; generation=\d+;\[highest=\d+\]/);
	};

	it('answers 410 SyncStateNotFound for a delta or skip token expired with expireDeltaTokens()', async () => {
		const page = as<DeltaPage>(await get(inboxDelta, 5));
		const { deltaLink } = await round(inboxDelta, 100);
		expect(emulator.expireDeltaTokens()).toBeGreaterThanOrEqual(2);
		expectSyncStateNotFound(await get(deltaLink));
		expectSyncStateNotFound(await get(page['@odata.nextLink'] as string));
		expect((await round(inboxDelta, 100)).items.length).toBe(inboxIds().length);
	});

	it('expires only the tokens of the mailbox named', async () => {
		const adeleRound = await round(inboxDelta, 100);
		const alexRound = await round(`${userPath(SAMPLE.users.alex)}/mailFolders/inbox/messages/delta`, 100);
		emulator.expireDeltaTokens(SAMPLE.users.alex.id);
		expect((await get(adeleRound.deltaLink)).status).toBe(200);
		expectSyncStateNotFound(await get(alexRound.deltaLink));
	});

	it('answers 410 for a garbage token, a skip token sent as a delta token, and a token of another folder', async () => {
		expectSyncStateNotFound(await get(`${inboxDelta}?$deltatoken=garbage`));
		const page = as<DeltaPage>(await get(inboxDelta, 5));
		const skipToken = new URL(page['@odata.nextLink'] as string).searchParams.get('$skiptoken') as string;
		expectSyncStateNotFound(await get(`${inboxDelta}?$deltatoken=${skipToken}`));
		expectSyncStateNotFound(await get(`${userPath()}/mailFolders/archive/messages/delta?$skiptoken=${skipToken}`));
	});

	it('expires tokens over HTTP with DELETE /_emulator/deltaTokens', async () => {
		const { deltaLink } = await round(inboxDelta, 100);
		const answer = await graph(emulator, '/_emulator/deltaTokens', { method: 'DELETE' });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ expired: 1 });
		expectSyncStateNotFound(await get(deltaLink));
	});

	it('answers a 410 fault rule on the delta path with the SyncStateNotFound body, then serves the link again', async () => {
		const { deltaLink } = await round(inboxDelta, 100);
		emulator.faults.add({ method: 'GET', path: /\/messages\/delta$/, status: 410 });
		expectSyncStateNotFound(await get(deltaLink));
		expect((await get(deltaLink)).status).toBe(200);
	});
});

describe('message delta: replayed items', () => {
	it('returns unchanged messages again with deltaReplayChance, the same ones for the same seed', async () => {
		const replayed = async (faultSeed: number) => {
			const replaying = await startEmulator({ deltaReplayChance: 0.5, faultSeed });
			try {
				const bearer = await accessToken(replaying);
				const follow = async (url: string) => {
					const ids: unknown[] = [];
					for (let next: string | undefined = url; next !== undefined; ) {
						const page: DeltaPage = as<DeltaPage>(await graph(replaying, next, { token: bearer, headers: { Prefer: 'odata.maxpagesize=100' } }));
						ids.push(...page.value.map((item) => item.id));
						if (page['@odata.deltaLink']) return { ids, deltaLink: page['@odata.deltaLink'] };
						next = page['@odata.nextLink'];
					}
					throw new Error('no delta link');
				};
				const first = await follow(`${replaying.graphBaseUrl}${inboxDelta}`);
				return (await follow(first.deltaLink)).ids;
			} finally {
				await replaying.close();
			}
		};
		const once = await replayed(3);
		expect(once.length).toBeGreaterThan(0);
		expect(once.length).toBeLessThan(inboxIds().length);
		expect(await replayed(3)).toEqual(once);
		expect(await replayed(4)).not.toEqual(once);
	});
});
