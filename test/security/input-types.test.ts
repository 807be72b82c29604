/**
 * Area 7, input types are checked: a value of the wrong type for a Mailbox, an ID, a folder path or any text
 * field fails its item naming the field as the editor shows it; text that cannot be encoded (an unpaired
 * surrogate) fails naming the field, not as "URI malformed"; `.` and `..` levels of a folder path are refused;
 * the credential's Default User Id and Token URL are checked, their errors naming the credential's fields; a
 * Custom Filter stays inside its parentheses; every `$search` phrase is escaped one way.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { searchMessages } from '../../nodes/OutlookMailApp/methods/listSearch';
import { OutlookMailApp } from '../../nodes/OutlookMailApp/OutlookMailApp.node';
import { testOutlookMailAppCredential } from '../../nodes/shared/graph/connectionTest';
import { SAMPLE, type Emulator } from '../emulator';
import { linearWorkflow, pollContextFor, runCredentialTest } from '../helpers/n8n';
import { emulatorCredential, graphCalls, runOutlook, useEmulator } from '../helpers/outlook';
import { TriggerHarness } from '../trigger/helpers';
import { useForeignHost } from './helpers/foreignHost';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const ADELE = SAMPLE.users.adele;
const ALEX = SAMPLE.users.alex;
const LONE = '\uD800';

const graphRequests = () => emulator.requests.filter((request) => request.kind === 'graph');
const errorsOf = (run: Awaited<ReturnType<typeof runOutlook>>) => run.items.map((item) => String(item.json.error ?? ''));
const sentItems = (userId: string) => emulator.store.messages(userId, emulator.store.folder(userId, 'sentitems').id).length;

/** Runs the node over these items with continue-on-fail: one output per item, errors as `{ error }`. */
async function perItem(parameters: INodeParameters, items: IDataObject[], credential?: ICredentialDataDecryptedObject) {
	return await runOutlook(emulator, parameters, items, { continueOnFail: true, credential });
}

describe('security: Mailbox of the wrong type', () => {
	it('fails a Send whose Mailbox is a list, a number, an object or true/false, and sends from no mailbox', async () => {
		const adeleSent = sentItems(ADELE.id);
		const alexSent = sentItems(ALEX.id);
		const run = await perItem(
			{ resource: 'message', operation: 'send', mailbox: '={{ $json.mailbox }}', toRecipients: ALEX.mail, subject: 'Typed', bodyContent: 'x' },
			[{ mailbox: [ALEX.userPrincipalName] }, { mailbox: 42 }, { mailbox: { upn: ALEX.userPrincipalName } }, { mailbox: true }],
		);
		// The user: each item fails, naming the Mailbox and what it was.
		expect(errorsOf(run)).toEqual([
			'Mailbox must be text (a user principal name, email address or object ID), not a list',
			'Mailbox must be text (a user principal name, email address or object ID), not a number',
			'Mailbox must be text (a user principal name, email address or object ID), not an object',
			'Mailbox must be text (a user principal name, email address or object ID), not true/false',
		]);
		// Graph: nothing was sent, from Adele's (the Default User Id) or anyone's mailbox.
		expect(graphRequests()).toEqual([]);
		expect(sentItems(ADELE.id)).toBe(adeleSent);
		expect(sentItems(ALEX.id)).toBe(alexSent);
		expect(foreign.host.requests).toEqual([]);
	});

	it('keeps an empty Mailbox meaning the Default User Id, and a text one its own mailbox', async () => {
		const run = await perItem(
			{ resource: 'folder', operation: 'get', mailbox: '={{ $json.mailbox }}', folderId: { mode: 'id', value: 'inbox' } },
			[{ mailbox: '' }, { mailbox: ` ${ALEX.userPrincipalName} ` }],
		);
		expect(errorsOf(run)).toEqual(['', '']);
		expect(graphCalls(emulator.requests)).toEqual([
			`GET /v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox?$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden`,
			`GET /v1.0/users/${encodeURIComponent(ALEX.userPrincipalName)}/mailFolders/inbox?$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden`,
		]);
	});

	it('refuses Mailbox text that cannot be a mailbox, naming the field, before any request', async () => {
		const run = await perItem(
			{ resource: 'folder', operation: 'get', mailbox: '={{ $json.mailbox }}', folderId: { mode: 'id', value: 'inbox' } },
			[{ mailbox: '..' }, { mailbox: `adele${LONE}@contoso.com` }, { mailbox: 'adele\n@contoso.com' }, { mailbox: 'https://attacker.example/x' }],
		);
		expect(errorsOf(run)).toEqual([
			'Mailbox ".." is not a mailbox: use a user principal name or email address (name@domain) or an object ID (GUID)',
			'Mailbox contains text that cannot be encoded (an unpaired UTF-16 surrogate, such as "\\uD800"): check the expression that gives it',
			'Mailbox contains control characters (such as a line break)',
			'Mailbox "https://attacker.example/x" is not a mailbox: use a user principal name or email address (name@domain) or an object ID (GUID)',
		]);
		expect(errorsOf(run).join(' ')).not.toMatch(/URI malformed/);
		expect(graphRequests()).toEqual([]);
		expect(foreign.host.requests).toEqual([]);
	});

	it('keeps a mailbox that names another host one encoded segment on Graph: the foreign host sees nothing', async () => {
		const hostile = `x@${foreign.host.origin('attacker.example').slice('http://'.length)}/v1.0/users`;
		const run = await perItem(
			{ resource: 'folder', operation: 'get', mailbox: '={{ $json.mailbox }}', folderId: { mode: 'id', value: 'inbox' } },
			[{ mailbox: hostile }],
		);
		expect(errorsOf(run)[0]).toMatch(/^ErrorInvalidUser/);
		expect(graphRequests().map((request) => request.rawUrl)).toEqual([
			`/v1.0/users/${encodeURIComponent(hostile)}/mailFolders/inbox?$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden`,
		]);
		expect(foreign.host.requests).toEqual([]);
	});
});

describe('security: IDs, folder paths and text fields of the wrong type', () => {
	it('fails a Message ID that is a list, an object or true/false, or cannot be encoded, naming "Message"', async () => {
		const run = await perItem(
			{ resource: 'message', operation: 'get', messageId: { mode: 'id', value: '={{ $json.id }}' } },
			[{ id: ['AAMkAGI2'] }, { id: { id: 'AAMkAGI2' } }, { id: true }, { id: `AAMk${LONE}AGI2` }],
		);
		expect(errorsOf(run)).toEqual([
			'Message must be text',
			'Message must be text',
			'Message must be text',
			'Message contains text that cannot be encoded (an unpaired UTF-16 surrogate, such as "\\uD800"): check the expression that gives it',
		]);
		expect(graphRequests()).toEqual([]);
	});

	it.each<[string, INodeParameters, IDataObject, string]>([
		['Subject as an object', { subject: '={{ $json.value }}' }, { value: { text: 'hi' } }, 'Subject must be text, not an object'],
		['Message (the body) as a list', { bodyContent: '={{ $json.value }}' }, { value: ['a', 'b'] }, 'Message must be text, not a list'],
		['Subject with an unpaired surrogate', { subject: '={{ $json.value }}' }, { value: `Invoice ${LONE}` }, 'Subject contains text that cannot be encoded'],
		['To with an unpaired surrogate', { toRecipients: '={{ $json.value }}' }, { value: `Alex ${LONE} <${ALEX.mail}>` }, 'To contains text that cannot be encoded'],
		['a custom header value as a list', { additionalFields: { internetMessageHeaders: { headers: [{ name: 'x-ticket', value: '={{ $json.value }}' }] } } }, { value: ['T-1'] }, 'Custom Headers must be text, not a list'],
		['Categories with an unpaired surrogate', { additionalFields: { categories: '={{ $json.value }}' } }, { value: [`Red${LONE}`] }, 'Categories contains text that cannot be encoded'],
		['Importance as a list', { additionalFields: { importance: '={{ $json.value }}' } }, { value: ['high'] }, 'Importance must be "low", "normal" or "high"'],
	])('fails a Send with %s, naming the field, and sends nothing', async (_, fields, item, message) => {
		const { additionalFields, ...rest } = fields;
		const run = await perItem(
			{
				resource: 'message',
				operation: 'send',
				toRecipients: ALEX.mail,
				subject: 'Typed',
				bodyContent: 'x',
				...rest,
				additionalFields: (additionalFields ?? {}) as INodeParameters,
			},
			[item],
		);
		expect(errorsOf(run)[0].startsWith(message)).toBe(true);
		expect(errorsOf(run)[0]).not.toMatch(/URI malformed/);
		expect(graphRequests()).toEqual([]);
	});

	it('accepts a number where text goes (an order number as the subject) as its digits', async () => {
		const run = await perItem(
			{ resource: 'message', operation: 'send', toRecipients: ALEX.mail, subject: '={{ $json.value }}', bodyContent: 'x' },
			[{ value: 12345 }],
		);
		expect(errorsOf(run)).toEqual(['']);
		expect((graphRequests()[0].body as { message: { subject: string } }).message.subject).toBe('12345');
	});

	it.each<[string, INodeParameters, string]>([
		['Folder > Create with a Name that is a list', { resource: 'folder', operation: 'create', name: '={{ ["Invoices"] }}' }, 'Name must be text, not a list'],
		['Folder > Rename with a New Name that is an object', { resource: 'folder', operation: 'rename', folderId: { mode: 'id', value: 'inbox' }, newName: '={{ { a: 1 } }}' }, 'New Name must be text, not an object'],
		['Message > Get Many with a Search Query that cannot be encoded', { resource: 'message', operation: 'getMany', selectBy: 'search', searchQuery: '={{ "report \\uD800" }}' }, 'Search Query contains text that cannot be encoded'],
		['Message > Get Many with a From filter that cannot be encoded', { resource: 'message', operation: 'getMany', filters: { from: '={{ "a\\uD800@contoso.com" }}' } }, 'From contains text that cannot be encoded'],
		['Message > Get Many with a From filter that is a list', { resource: 'message', operation: 'getMany', filters: { from: '={{ ["a@contoso.com"] }}' } }, 'From must be text, not a list'],
		['Attachment > Add with Input Binary Fields as an object', { resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: 'AAMkAGI2' }, binaryPropertyNames: '={{ { a: 1 } }}' }, 'Input Binary Fields must be text, not an object'],
	])('fails %s, naming the field, before any request', async (_, parameters, message) => {
		const run = await perItem(parameters, [{}]);
		expect(errorsOf(run)[0].startsWith(message)).toBe(true);
		expect(errorsOf(run)[0]).not.toMatch(/URI malformed/);
		expect(graphRequests()).toEqual([]);
	});

	it.each(['Clients/../Secrets', './Clients', 'Clients/ACME/..'])(
		'refuses the folder path %p with its "." or ".." level, and creates no folder',
		async (name) => {
			const before = emulator.store.folder(ADELE.id, 'inbox').id;
			const run = await perItem({ resource: 'folder', operation: 'create', name, options: { createPath: true } }, [{}]);
			expect(errorsOf(run)).toEqual(['Name: a folder path cannot have "." or ".." levels; give each folder\'s name']);
			expect(graphRequests()).toEqual([]);
			expect(emulator.store.folder(ADELE.id, 'inbox').id).toBe(before);
		},
	);
});

describe('security: the credential\'s Default User Id and Token URL', () => {
	it.each([
		['..', 'The credential\'s Default User Id ".." is not a mailbox'],
		['Adele Vance', 'The credential\'s Default User Id "Adele Vance" is not a mailbox'],
		[`adele${LONE}@contoso.com`, 'The credential\'s Default User Id contains text that cannot be encoded'],
	])('refuses the Default User Id %p on use and at Test Connection, naming the credential field', async (defaultUserId, message) => {
		const credential = emulatorCredential(emulator, { defaultUserId });
		const run = await runOutlook(emulator, { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } }, [{}], { credential });
		expect(run.error?.message.startsWith(message)).toBe(true);
		expect(run.error?.message).not.toMatch(/Mailbox parameter|^Mailbox /);
		const test = await runCredentialTest(testOutlookMailAppCredential, credential);
		expect(test.status).toBe('Error');
		expect(test.message.startsWith(message)).toBe(true);
		expect(graphRequests()).toEqual([]);
		expect(foreign.host.requests).toEqual([]);
	});

	it('at Test Connection, a Default User Id that names no mailbox names the credential field only', async () => {
		const test = await runCredentialTest(
			testOutlookMailAppCredential,
			emulatorCredential(emulator, { defaultUserId: 'nobody@contoso.onmicrosoft.com' }),
		);
		expect(test).toEqual({
			status: 'Error',
			message:
				'Mailbox "nobody@contoso.onmicrosoft.com" was not found in this tenant: check the credential\'s Default User Id (the user\'s object ID or user principal name).',
		});
	});

	const FORM = 'https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token';
	it.each<[string, (tenant: string) => string, RegExp, string]>([
		['/{tenant}/oauth2/v2.0/token/extra', (tenant: string) => `/${tenant}/oauth2/v2.0/token/extra`, /^The Token URL's path must be exactly \/<tenant-id>\/oauth2\/v2\.0\/token/, FORM],
		['/x/{tenant}/oauth2/v2.0/token', (tenant: string) => `/x/${tenant}/oauth2/v2.0/token`, /^The Token URL's path must be exactly \/<tenant-id>\/oauth2\/v2\.0\/token/, FORM],
		['/{tenant}/oauth2/token (v1)', (tenant: string) => `/${tenant}/oauth2/token`, /^The Token URL is the v1 endpoint \(\/oauth2\/token\)/, FORM],
		['/{tenant}/oauth2/v1.0/token', (tenant: string) => `/${tenant}/oauth2/v1.0/token`, /^The Token URL's path must be exactly/, FORM],
		['/other/../{tenant}/oauth2/v2.0/token', (tenant: string) => `/other/../${tenant}/oauth2/v2.0/token`, /^The Token URL's path must be exactly/, FORM],
		['/%2e%2e/oauth2/v2.0/token', () => '/%2e%2e/oauth2/v2.0/token', /^The Token URL's path must be exactly/, FORM],
		['/common/oauth2/v2.0/token', () => '/common/oauth2/v2.0/token', /^The Token URL uses the multi-tenant "\/common" endpoint, which the client-credentials flow cannot use/, 'replace "common" with your tenant ID'],
	])('refuses the Token URL path %s at Test Connection, saying so, with no token request', async (_, path, message, advice) => {
		const origin = new URL(emulator.tokenUrl(SAMPLE.tenantId)).origin;
		const test = await runCredentialTest(
			testOutlookMailAppCredential,
			emulatorCredential(emulator, { tokenUrl: `${origin}${path(SAMPLE.tenantId)}` }),
		);
		expect(test.status).toBe('Error');
		expect(test.message).toMatch(message);
		expect(test.message).toContain(advice);
		expect(emulator.requests.filter((request) => request.kind === 'token' || request.kind === 'discovery')).toEqual([]);
	});
});

describe('security: Custom Filter and $search', () => {
	const getMany = (filters: INodeParameters): INodeParameters => ({ resource: 'message', operation: 'getMany', filters, limit: 5 });

	it('wraps a Custom Filter combined with other filters in parentheses', async () => {
		const run = await perItem(getMany({ from: 'alex@contoso.com', custom: "startswith(subject,'Invoice') or isRead eq false" }), [{}]);
		expect(errorsOf(run).every((error) => error === '')).toBe(true);
		expect(graphRequests()[0].query.$filter).toBe(
			"receivedDateTime ge 1900-01-01T00:00:00Z and from/emailAddress/address eq 'alex@contoso.com' and (startswith(subject,'Invoice') or isRead eq false)",
		);
	});

	it.each(["subject eq 'x') or (isRead eq false", "contains(subject,'a)')) or (true", "subject eq 'unclosed"])(
		'refuses the Custom Filter %p, which would reach outside its parentheses',
		async (custom) => {
			const run = await perItem(getMany({ from: 'alex@contoso.com', custom }), [{}]);
			expect(errorsOf(run)[0]).toMatch(/^Custom Filter is not one expression: its parentheses do not balance or a quoted text is not closed/);
			expect(graphRequests()).toEqual([]);
		},
	);

	it("keeps a Custom Filter's parentheses inside quoted text", async () => {
		const run = await perItem(getMany({ custom: "subject eq 'Re: (draft'" }), [{}]);
		expect(errorsOf(run).every((error) => error === '')).toBe(true);
		expect(graphRequests()[0].query.$filter).toBe("receivedDateTime ge 1900-01-01T00:00:00Z and (subject eq 'Re: (draft')");
	});

	it('escapes a $search phrase the same way in Get Many and in the list search box', async () => {
		const phrase = 'subject:"quarterly report" \\ Q3';
		const expected = '"subject:\\"quarterly report\\" \\\\ Q3"';
		await perItem({ resource: 'message', operation: 'getMany', selectBy: 'search', searchQuery: phrase, limit: 5 }, [{}]);
		expect(graphRequests().map((request) => request.query.$search)).toEqual([expected]);

		const parameters: INodeParameters = { resource: 'message', operation: 'get' };
		const { workflow, context } = pollContextFor(linearWorkflow([{}], [{ name: 'Outlook', type: 'outlookMailApp', parameters }]), 'Outlook', {
			nodeTypes: { outlookMailApp: new OutlookMailApp() },
			credentials: { outlookMailAppApi: emulatorCredential(emulator) },
		});
		emulator.clearRequests();
		const search = new LoadOptionsContext(workflow, workflow.getNode('Outlook')!, { ...context.additionalData, currentNodeParameters: parameters }, 'parameters.messageId');
		await searchMessages.call(search, phrase);
		expect(graphRequests().map((request) => request.query.$search)).toEqual([expected]);
		expect(foreign.host.requests).toEqual([]);
	});
});

describe('security: trigger parameters of the wrong type', () => {
	it.each<[string, INodeParameters, string]>([
		['a Mailbox that is a list', { mailbox: `={{ ["${ALEX.userPrincipalName}"] }}` }, 'Mailbox must be text (a user principal name, email address or object ID), not a list'],
		['folders that are a number', { folders: '={{ 7 }}' }, 'Folder Names or IDs must be a list of folder IDs, not a number'],
		['folders holding an object', { folders: '={{ [{ id: "inbox" }] }}' }, 'Folder Names or IDs must be a list of folder IDs (text), not hold an object'],
		['a From filter that is a list', { filters: { from: '={{ ["a@contoso.com"] }}' } }, 'From must be text, not a list'],
	])('fails the poll for %s, naming the field, with no request to Graph', async (_, parameters, message) => {
		const trigger = new TriggerHarness(emulator, parameters);
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe(message);
		expect(graphRequests()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});
});
