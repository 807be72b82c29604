import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';
import { graphBodies, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele, alex } = SAMPLE.users;
const childrenUrl = (filter: string, parent?: string) =>
	`${mailboxUrl()}/mailFolders${parent ? `/${encodeURIComponent(parent)}/childFolders` : ''}?$filter=displayName%20eq%20%27${filter}%27&$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden&includeHiddenFolders=true&$top=1`;

describe('rule > create', () => {
	it('creates the rule with its conditions, exceptions and actions, the folder path turned into its ID, and outputs it', async () => {
		const clients = emulator.store.addFolder(adele.id, 'inbox', 'Clients');
		const acme = emulator.store.addFolder(adele.id, clients.id, 'ACME');
		const inbox = emulator.store.folder(adele.id, 'inbox');
		const run = await runOutlook(emulator, {
			resource: 'rule',
			operation: 'create',
			name: ' File ACME mail ',
			sequence: 2,
			conditions: { fromAddresses: 'orders@acme.example, Jane Roe <jane@acme.example>', subjectContains: 'Order, Invoice', hasAttachments: true, minimumSize: 1, maximumSize: 2048 },
			exceptions: { importance: 'low', sensitivity: 'private' },
			actions: {
				moveToFolder: { __rl: true, mode: 'path', value: 'Inbox/Clients/ACME' },
				markAsRead: true,
				assignCategories: 'Clients',
				stopProcessingRules: true,
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${childrenUrl('Inbox')}`,
			`GET ${childrenUrl('Clients', inbox.id)}`,
			`GET ${childrenUrl('ACME', clients.id)}`,
			`POST ${rulesUrl()}`,
		]);
		const body = {
			displayName: 'File ACME mail',
			sequence: 2,
			isEnabled: true,
			conditions: {
				subjectContains: ['Order', 'Invoice'],
				fromAddresses: [{ emailAddress: { address: 'orders@acme.example' } }, { emailAddress: { address: 'jane@acme.example', name: 'Jane Roe' } }],
				hasAttachments: true,
				withinSizeRange: { minimumSize: 1, maximumSize: 2048 },
			},
			exceptions: { importance: 'low', sensitivity: 'private' },
			actions: { moveToFolder: acme.id, assignCategories: ['Clients'], markAsRead: true, stopProcessingRules: true },
		};
		expect(graphBodies(emulator, 'POST')).toEqual([body]);
		const [stored] = emulator.store.rules.list(adele.id);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual({
			id: stored.id,
			displayName: 'File ACME mail',
			sequence: 2,
			isEnabled: true,
			hasError: false,
			isReadOnly: false,
			conditions: { ...body.conditions, fromAddresses: [{ emailAddress: { address: 'orders@acme.example', name: 'orders@acme.example' } }, { emailAddress: { address: 'jane@acme.example', name: 'Jane Roe' } }] },
			actions: body.actions,
			exceptions: body.exceptions,
		});
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('turns a well-known folder name into the folder ID with one read, and works in another mailbox', async () => {
		const archive = emulator.store.folder(alex.id, 'archive');
		const run = await runOutlook(emulator, {
			resource: 'rule',
			operation: 'create',
			mailbox: alex.userPrincipalName,
			name: 'Archive newsletters',
			conditions: { senderContains: 'newsletter' },
			actions: { copyToFolder: { __rl: true, mode: 'id', value: 'archive' } },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl(alex.userPrincipalName)}/mailFolders/archive?$select=id`, `POST ${rulesUrl(alex.userPrincipalName)}`]);
		expect(graphBodies(emulator, 'POST')[0]).toMatchObject({ actions: { copyToFolder: archive.id }, conditions: { senderContains: ['newsletter'] } });
		expect(emulator.store.rules.list(alex.id)).toHaveLength(1);
	});

	it('fails only the item Exchange refuses (a folder of another mailbox), under continue-on-fail', async () => {
		const elsewhere = emulator.store.addFolder(alex.id, 'inbox', 'Elsewhere');
		const mine = emulator.store.addFolder(adele.id, 'inbox', 'Mine');
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'create', name: '={{ $json.name }}', actions: { moveToFolder: { __rl: true, mode: 'list', value: '={{ $json.folder }}' } } },
			[
				{ name: 'One', folder: mine.id },
				{ name: 'Two', folder: elsewhere.id },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.displayName ?? item.json.error)).toEqual([
			'One',
			expect.stringMatching(/^ErrorInboxRulesValidationError: A validation error occurred while executing the rule operation\. FolderDoesNotExist \(actions\/moveToFolder\).* — Exchange refused the Inbox rule as given/),
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emulator.store.rules.list(adele.id).map((rule) => rule.displayName)).toEqual(['One']);
	});

	it('refuses before any request what Exchange would refuse: no action, a sequence below 1, a size range upside down, a bad address, a missing path level', async () => {
		const run = await runOutlook(
			emulator,
			{
				resource: 'rule',
				operation: 'create',
				name: 'Rule',
				sequence: '={{ $json.sequence }}',
				conditions: { fromAddresses: '={{ $json.from }}', minimumSize: '={{ $json.min }}', maximumSize: 10 },
				actions: { moveToFolder: { __rl: true, mode: 'path', value: '={{ $json.path }}' } },
			},
			[
				{ sequence: 1, from: 'a@b.example', min: 0, path: '' },
				{ sequence: 0, from: 'a@b.example', min: 0, path: 'Inbox' },
				{ sequence: 1, from: 'a@b.example', min: 11, path: 'Inbox' },
				{ sequence: 1, from: 'not an address', min: 0, path: 'Inbox' },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.error)).toEqual([
			'Actions: add at least one action; Exchange refuses a rule that does nothing',
			'Sequence must be a whole number of at least 1 (the order Exchange runs the rules in)',
			'Conditions > Size: sizes are kilobytes, 0 or more, and the minimum cannot be above the maximum',
			'Conditions > From: "not an address" is not an email address',
		]);
		expect(run.graphCalls.filter((call) => call.startsWith('POST'))).toEqual([]);

		const missing = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'create', name: 'Rule', actions: { moveToFolder: { __rl: true, mode: 'path', value: 'Inbox/Nowhere' } } },
			[{}],
			{ continueOnFail: true },
		);
		expect(missing.items[0].json.error).toBe(
			'Actions > Move to Folder: the mailbox has no folder "Nowhere" on the path "Inbox/Nowhere" (paths start at the top of the mailbox, such as Inbox/Clients)',
		);
		expect(missing.graphCalls.filter((call) => call.startsWith('POST'))).toEqual([]);
	});
});
