import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const SELECT = '$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden';
const TOP_LEVEL = ['Archive', 'Conversation History', 'Deleted Items', 'Drafts', 'Inbox', 'Junk Email', 'Outbox', 'Sent Items'];
const childrenUrl = (id: string) => `${mailboxUrl()}/mailFolders/${encodeURIComponent(id)}/childFolders`;

/** Inbox/Projects (seeded), Inbox/Clients/ACME/2026 and Inbox/Clients/Globex. */
function clientTree() {
	const inbox = emulator.store.folder(ADELE, 'inbox');
	const clients = emulator.store.addFolder(ADELE, inbox.id, 'Clients');
	const acme = emulator.store.addFolder(ADELE, clients.id, 'ACME');
	const year = emulator.store.addFolder(ADELE, acme.id, '2026');
	const globex = emulator.store.addFolder(ADELE, clients.id, 'Globex');
	return { inbox, clients, acme, year, globex };
}

describe('folder > getMany', () => {
	it('lists the top-level folders, each with its path, in one request', async () => {
		const run = await runOutlook(emulator, { resource: 'folder', operation: 'getMany' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailFolders?${SELECT}&$top=50`]);
		expect(run.items.map((item) => item.json.path)).toEqual(TOP_LEVEL);
		expect(run.items.map((item) => item.json.displayName)).toEqual(TOP_LEVEL);
		expect(run.items[0].json).not.toHaveProperty('@odata.etag');
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('gives every folder of the tree its full path when recursive, listing only folders that have children', async () => {
		const { inbox, clients, acme } = clientTree();
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			options: { recursive: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.path)).toEqual([
			...TOP_LEVEL,
			'Inbox/Projects',
			'Inbox/Clients',
			'Inbox/Clients/ACME',
			'Inbox/Clients/Globex',
			'Inbox/Clients/ACME/2026',
		]);
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/mailFolders?${SELECT}&$top=1000`,
			`GET ${childrenUrl(inbox.id)}?${SELECT}&$top=1000`,
			`GET ${childrenUrl(clients.id)}?${SELECT}&$top=1000`,
			`GET ${childrenUrl(acme.id)}?${SELECT}&$top=1000`,
		]);
	});

	it('starts from the parent folder with paths that begin at the top of the mailbox', async () => {
		const { clients } = clientTree();
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			parentFolderId: { mode: 'list', value: clients.id, cachedResultName: 'Inbox/Clients' },
			returnAll: true,
			options: { recursive: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.path)).toEqual(['Inbox/Clients/ACME', 'Inbox/Clients/Globex', 'Inbox/Clients/ACME/2026']);
		expect(run.graphCalls.slice(0, 3)).toEqual([
			`GET ${mailboxUrl()}/mailFolders/${encodeURIComponent(clients.id)}?${SELECT}`,
			`GET ${mailboxUrl()}/mailFolders/msgfolderroot?$select=id`,
			`GET ${mailboxUrl()}/mailFolders/${encodeURIComponent(clients.parentFolderId!)}?$select=id%2CdisplayName%2CparentFolderId`,
		]);
	});

	it('includes hidden folders only when asked', async () => {
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			options: { includeHidden: true },
		});
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailFolders?${SELECT}&includeHiddenFolders=true&$top=1000`]);
		expect(run.items.map((item) => item.json.displayName)).toContain('Conversation Action Settings');
		expect(run.items.find((item) => item.json.displayName === 'Conversation Action Settings')?.json.isHidden).toBe(true);
	});

	it('stops at the limit, even in the middle of a recursive walk', async () => {
		clientTree();
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: false,
			limit: 9,
			options: { recursive: true },
		});
		expect(run.items.map((item) => item.json.path)).toEqual([...TOP_LEVEL, 'Inbox/Projects']);
		expect(run.graphCalls).toHaveLength(2);
		expect(run.graphCalls[1]).toMatch(/\/childFolders\?.*&\$top=1$/);
	});

	it('fails only the item whose mailbox has no Exchange Online mailbox, under continue-on-fail', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'getMany', mailbox: '={{ $json.mailbox }}', returnAll: false, limit: 1 },
			[
				{ mailbox: SAMPLE.users.adele.userPrincipalName },
				{ mailbox: SAMPLE.users.noMailbox.userPrincipalName },
				{ mailbox: SAMPLE.users.alex.userPrincipalName },
			],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(3);
		expect(run.items[0].json.displayName).toBe('Archive');
		expect(String(run.items[1].json.error)).toMatch(/^MailboxNotEnabledForRESTAPI: .*has no Exchange Online mailbox/);
		expect(run.items[2].json.displayName).toBe('Archive');
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('names the missing permission when the app may only send mail', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'folder', operation: 'getMany' },
			[{}],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator, {
					clientId: SAMPLE.apps.sendOnly.clientId,
					clientSecret: SAMPLE.apps.sendOnly.secret,
				}),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*Mail\.ReadBasic\.All.*The token grants: Mail\.Send/);
	});
});
