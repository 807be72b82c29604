import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { getCategories } from '../../../nodes/OutlookMailApp/methods/loadOptions';
import { searchAttachments, searchCategories, searchFolders, searchRules } from '../../../nodes/OutlookMailApp/methods/listSearch';
import { OutlookMailApp } from '../../../nodes/OutlookMailApp/OutlookMailApp.node';
import { SAMPLE, type Emulator } from '../../emulator';
import { linearWorkflow, pollContextFor } from '../../helpers/n8n';
import { emulatorCredential, graphCalls, mailboxUrl, useEmulator } from '../../helpers/outlook';
import { draftWithAttachments } from '../attachment/fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;

/**
 * The context n8n gives a list search while a user edits the node: n8n-core's own LoadOptionsContext over a
 * workflow holding the node, with the node's current parameters and the test credential (through the same
 * additional data and credential helper as the workflow runs).
 */
function loadOptionsContext(parameters: INodeParameters, credential = emulatorCredential(emulator)) {
	const { workflow, context } = pollContextFor(
		linearWorkflow([{}], [{ name: 'Outlook', type: 'outlookMailApp', parameters }]),
		'Outlook',
		{ nodeTypes: { outlookMailApp: new OutlookMailApp() }, credentials: { outlookMailAppApi: credential } },
	);
	const additionalData = { ...context.additionalData, currentNodeParameters: parameters };
	emulator.clearRequests();
	return new LoadOptionsContext(workflow, workflow.getNode('Outlook')!, additionalData, 'parameters.folderId');
}

function clientFolders() {
	const clients = emulator.store.addFolder(ADELE, 'inbox', 'Clients');
	emulator.store.addFolder(ADELE, clients.id, 'ACME');
	emulator.store.addFolder(ADELE, 'archive', 'Old clients');
	return clients;
}

describe('listSearch > searchFolders', () => {
	it('lists every folder of the mailbox by full path, sorted, with its ID as value', async () => {
		const clients = clientFolders();
		const context = loadOptionsContext({ resource: 'folder', operation: 'get' });
		const { results } = await searchFolders.call(context);
		expect(results.map((result) => result.name)).toEqual([
			'Archive',
			'Archive/Old clients',
			'Conversation History',
			'Deleted Items',
			'Drafts',
			'Inbox',
			'Inbox/Clients',
			'Inbox/Clients/ACME',
			'Inbox/Projects',
			'Junk Email',
			'Outbox',
			'Sent Items',
		]);
		expect(results.find((result) => result.name === 'Inbox/Clients')?.value).toBe(clients.id);
		expect(graphCalls(emulator.requests)[0]).toMatch(new RegExp(`^GET ${mailboxUrl().replace(/[.%]/g, '\\$&')}/mailFolders\\?\\$select=`));
	});

	it('keeps only the paths that contain the search text, whatever its case', async () => {
		clientFolders();
		const { results } = await searchFolders.call(loadOptionsContext({ resource: 'folder', operation: 'get' }), 'CLIENTS');
		expect(results.map((result) => result.name)).toEqual(['Archive/Old clients', 'Inbox/Clients', 'Inbox/Clients/ACME']);
	});

	it("lists the folders of the mailbox named in the node's Mailbox parameter", async () => {
		emulator.store.addFolder(SAMPLE.users.alex.id, 'inbox', 'Campaigns');
		const context = loadOptionsContext({ resource: 'folder', operation: 'get', mailbox: SAMPLE.users.alex.userPrincipalName });
		const { results } = await searchFolders.call(context, 'campaigns');
		expect(results.map((result) => result.name)).toEqual(['Inbox/Campaigns']);
		expect(graphCalls(emulator.requests).every((call) => call.includes(mailboxUrl(SAMPLE.users.alex.userPrincipalName)))).toBe(true);
	});

	it('throws the Graph error with the missing permission when the app may only send mail', async () => {
		const context = loadOptionsContext(
			{ resource: 'folder', operation: 'get' },
			emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		);
		await expect(searchFolders.call(context)).rejects.toThrow(/^ErrorAccessDenied: .*Mail\.ReadBasic\.All/);
	});
});

describe('listSearch > searchAttachments', () => {
	it('lists the attachments of the message chosen in the node, with kind and size, filtered by name', async () => {
		const { draft, pdf, logo, item, reference } = draftWithAttachments(emulator);
		const parameters = { resource: 'attachment', operation: 'get', messageId: { __rl: true, mode: 'id', value: draft.id } };
		const { results } = await searchAttachments.call(loadOptionsContext(parameters));
		expect(results).toEqual([
			{ name: 'report.pdf (2 KB)', value: pdf.id },
			{ name: 'logo.png (1 KB)', value: logo.id },
			{ name: `${item.name} (item, 4 KB)`, value: item.id },
			{ name: 'Budget 2026.xlsx (reference, 1 KB)', value: reference.id },
		]);
		expect(graphCalls(emulator.requests)).toEqual([
			`GET ${mailboxUrl()}/messages/${encodeURIComponent(draft.id)}/attachments?$select=id%2Cname%2CcontentType%2Csize%2CisInline%2ClastModifiedDateTime&$top=1000`,
		]);

		const filtered = await searchAttachments.call(loadOptionsContext(parameters), 'PDF');
		expect(filtered.results.map((result) => result.value)).toEqual([pdf.id]);
	});

	it('finds the message of an Outlook on the web link chosen "By URL"', async () => {
		const { draft, pdf } = draftWithAttachments(emulator);
		const ewsId = draft.id.replace(/-/g, '/').replace(/_/g, '+');
		const url = `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(ewsId)}&exvsurl=1&viewmodel=ReadMessageItem`;
		const context = loadOptionsContext({ resource: 'attachment', operation: 'get', messageId: { __rl: true, mode: 'url', value: url } });
		const { results } = await searchAttachments.call(context, 'report');
		expect(results).toEqual([{ name: 'report.pdf (2 KB)', value: pdf.id }]);
		expect(graphCalls(emulator.requests)[0]).toContain(`/messages/${encodeURIComponent(draft.id)}/attachments?`);
	});

	it('lists nothing, without a request, until a message is chosen', async () => {
		const context = loadOptionsContext({ resource: 'attachment', operation: 'get', messageId: { __rl: true, mode: 'list', value: '' } });
		expect(await searchAttachments.call(context)).toEqual({ results: [] });
		expect(graphCalls(emulator.requests)).toEqual([]);
	});

	it('throws the Graph error naming Mail.Read when the app may only send mail', async () => {
		const { draft } = draftWithAttachments(emulator);
		const context = loadOptionsContext(
			{ resource: 'attachment', operation: 'get', messageId: { __rl: true, mode: 'id', value: draft.id } },
			emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		);
		await expect(searchAttachments.call(context)).rejects.toThrow(/^ErrorAccessDenied: .*application permission Mail\.Read\b/);
	});
});

describe('categories of the master list: searchCategories (Category) and getCategories (Message > Update)', () => {
	const categoryId = (name: string) => emulator.store.categories.list(ADELE).find((category) => category.displayName === name)!.id;

	it('lists the categories by name with their colour, filtered by the search text, the ID as value', async () => {
		const context = loadOptionsContext({ resource: 'category', operation: 'update' });
		const { results } = await searchCategories.call(context, 'RE');
		expect(results).toEqual([
			{ name: 'Red category (Red)', value: categoryId('Red category') },
			{ name: 'Green category (Green)', value: categoryId('Green category') },
		]);
		expect(graphCalls(emulator.requests)).toEqual([`GET ${mailboxUrl()}/outlook/masterCategories?$top=1000`]);
	});

	it("offers Message > Update the names of the Mailbox parameter's master list, sorted, the name as value", async () => {
		emulator.store.categories.create(SAMPLE.users.alex.id, 'Invoices', 'preset22');
		const context = loadOptionsContext({ resource: 'message', operation: 'update', mailbox: SAMPLE.users.alex.userPrincipalName });
		const options = await getCategories.call(context);
		expect(options.map((option) => [option.name, option.value, option.description])).toEqual([
			['Blue category', 'Blue category', 'Colour: Blue'],
			['Green category', 'Green category', 'Colour: Green'],
			['Invoices', 'Invoices', 'Colour: DarkBlue'],
			['Orange category', 'Orange category', 'Colour: Orange'],
			['Purple category', 'Purple category', 'Colour: Purple'],
			['Red category', 'Red category', 'Colour: Red'],
			['Yellow category', 'Yellow category', 'Colour: Yellow'],
		]);
		expect(graphCalls(emulator.requests)).toEqual([`GET ${mailboxUrl(SAMPLE.users.alex.userPrincipalName)}/outlook/masterCategories?$top=1000`]);
	});

	it('throws the Graph error naming MailboxSettings.Read when the app may only send mail', async () => {
		const context = loadOptionsContext(
			{ resource: 'message', operation: 'update' },
			emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		);
		await expect(getCategories.call(context)).rejects.toThrow(/^ErrorAccessDenied: .*application permission MailboxSettings\.Read\b/);
	});
});

describe('listSearch > searchRules', () => {
	it('lists the Inbox rules in the order they run, with their sequence and whether they are off, filtered by name', async () => {
		const add = (displayName: string, sequence: number, isEnabled: boolean) =>
			emulator.store.rules.add(ADELE, { displayName, sequence, isEnabled, isReadOnly: false, actions: { markAsRead: true } });
		const later = add('Newsletters', 2, false);
		const first = add('Invoices', 1, true);
		const { results } = await searchRules.call(loadOptionsContext({ resource: 'rule', operation: 'get' }));
		expect(results).toEqual([
			{ name: '1. Invoices', value: first.id },
			{ name: '2. Newsletters (off)', value: later.id },
		]);
		expect(graphCalls(emulator.requests)).toEqual([`GET ${mailboxUrl()}/mailFolders/inbox/messageRules`]);
		const filtered = await searchRules.call(loadOptionsContext({ resource: 'rule', operation: 'get' }), 'NEWS');
		expect(filtered.results.map((result) => result.value)).toEqual([later.id]);
	});
});
