/**
 * Area 2, links stay in their mailbox: `@odata.nextLink` is followed only on the Graph origin and under the
 * `/v1.0/users/{mailbox}` the request addressed; a paging loop that sees the same link twice stops. (Stored and
 * returned delta links of the trigger: stored-state.test.ts.)
 */
import { SAMPLE, type Emulator } from '../emulator';
import { runOutlook, useEmulator } from '../helpers/outlook';
import { useForeignHost } from './helpers/foreignHost';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const ADELE = SAMPLE.users.adele;
const ALEX = SAMPLE.users.alex;

const listInbox = { resource: 'message', operation: 'getMany', folderScope: 'folder', folderId: { mode: 'id', value: 'inbox' }, returnAll: true };

/** The first page of Adele's inbox answers with this next-page link. */
function firstPageLinksTo(link: string) {
	emulator.faults.add({
		method: 'GET',
		path: `/v1.0/users/${ADELE.userPrincipalName}/mailFolders/inbox/messages`,
		status: 200,
		headers: { 'Content-Type': 'application/json' },
		body: { value: [{ id: 'AAMkfirst', subject: 'first page' }], '@odata.nextLink': link },
	});
}

const requestsTo = (userId: string) => emulator.requests.filter((request) => request.kind === 'graph' && request.mailbox === userId);

describe('security: next-page links', () => {
	it("refuses a same-origin next-page link into another mailbox, so a Get Many on Adele's mailbox reads none of Alex's mail", async () => {
		firstPageLinksTo(`${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ALEX.userPrincipalName)}/messages?$skip=0`);
		const run = await runOutlook(emulator, listInbox);
		expect(run.error?.message).toBe(
			`Graph returned a next-page link outside /users/${encodeURIComponent(ADELE.userPrincipalName)}; it was not followed, so this request reads nothing of another mailbox or collection.`,
		);
		expect(run.items).toEqual([]);
		expect(requestsTo(ALEX.id)).toEqual([]);
	});

	it("refuses Graph's key form users('...') naming another mailbox too", async () => {
		firstPageLinksTo(`${emulator.graphBaseUrl}/v1.0/users('${ALEX.id}')/messages?$skip=0`);
		const run = await runOutlook(emulator, listInbox);
		expect(run.error?.message).toMatch(/^Graph returned a next-page link outside /);
		expect(requestsTo(ALEX.id)).toEqual([]);
	});

	it('refuses a next-page link on another origin, which then receives nothing', async () => {
		firstPageLinksTo(`${foreign.host.origin('graph.evil.example')}/v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/messages?$skip=1`);
		const run = await runOutlook(emulator, listInbox);
		expect(run.error?.message).toBe(
			`Graph returned a next-page link on another host (graph.evil.example:${foreign.host.port}); it was not followed, so the access token stays with Graph.`,
		);
		expect(foreign.host.requests).toEqual([]);
	});

	it('stops paging when a next-page link repeats itself, after two requests instead of 10,000', async () => {
		const loop = `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox/messages?$skip=0`;
		emulator.faults.add({
			method: 'GET',
			path: `/v1.0/users/${ADELE.userPrincipalName}/mailFolders/inbox/messages`,
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: { value: [{ id: 'AAMkloop' }], '@odata.nextLink': loop },
			times: Infinity,
		});
		const run = await runOutlook(emulator, listInbox);
		expect(run.error?.message).toBe(
			`Graph returned the same next-page link twice while listing /users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox/messages; paging stopped, so it cannot loop.`,
		);
		expect(requestsTo(ADELE.id)).toHaveLength(2);
	});
});
