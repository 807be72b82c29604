import { NodeHelpers, type INodePropertyOptions } from 'n8n-workflow';

import { OutlookMailAppApi } from '../../credentials/OutlookMailAppApi.credentials';
import { OutlookMailApp } from '../../nodes/OutlookMailApp/OutlookMailApp.node';
import { OutlookMailAppTrigger } from '../../nodes/OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import { RETRY_DEFAULTS, RETRY_MODES } from '../../nodes/shared/graph/retry';
import { CREDENTIAL_TYPE, GRAPH_ENDPOINTS, readSettings } from '../../nodes/shared/graph/settings';

const nodeType = new OutlookMailApp();
const description = nodeType.description;
const options = (name: string, resource?: string): INodePropertyOptions[] =>
	(description.properties.find((property) => property.name === name && (!resource || property.displayOptions?.show?.resource?.includes(resource)))
		?.options ?? []) as INodePropertyOptions[];

/** Every resource and operation the node offers, as the editor's dropdowns list them. */
const OPERATIONS = options('resource').flatMap((resource) =>
	options('operation', String(resource.value)).map((operation) => [String(resource.value), String(operation.value)] as const),
);

/** The parameters the editor shows for a resource and operation, in the order it shows them. */
function shownParameters(resource: string, operation: string): string[] {
	const values = NodeHelpers.getNodeParameters(description.properties, { resource, operation }, true, false, { typeVersion: 1 }, description)!;
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description))
		.map((property) => property.name);
}

describe('Outlook Mail (App) in the editor', () => {
	it('offers operations for every resource (the table below is not empty)', () => {
		expect(OPERATIONS.length).toBeGreaterThan(20);
	});

	it.each(OPERATIONS.filter(([resource, operation]) => `${resource} ${operation}` !== 'mailbox getMany' && resource !== 'messageTrace'))(
		'%s > %s: shows Mailbox right after Resource and Operation',
		(resource, operation) => {
			expect(shownParameters(resource, operation).slice(0, 3)).toEqual(['resource', 'operation', 'mailbox']);
		},
	);

	it('mailbox > getMany: shows no Mailbox (it lists the mailboxes)', () => {
		expect(shownParameters('mailbox', 'getMany')).not.toContain('mailbox');
		expect(shownParameters('mailbox', 'getMany').slice(0, 4)).toEqual(['resource', 'operation', 'returnAll', 'limit']);
	});

	it.each(OPERATIONS.filter(([resource]) => resource === 'messageTrace'))('%s > %s: shows no Mailbox (message trace is tenant-wide)', (resource, operation) => {
		expect(shownParameters(resource, operation).slice(0, 2)).toEqual(['resource', 'operation']);
		expect(shownParameters(resource, operation)).not.toContain('mailbox');
	});

	it("Mailbox says, in its description and under the field, that empty means the credential's Default User Id", () => {
		const mailbox = description.properties.find((property) => property.name === 'mailbox')!;
		expect(mailbox.description).toContain("Empty: the credential's Default User Id.");
		expect(mailbox.hint).toBe("Empty: the credential's Default User Id");
	});

	it('as an AI Agent tool, describes each operation to the model in a sentence (n8n builds it from the action)', () => {
		const toolDescription = (resource: string, operation: string) =>
			NodeHelpers.getToolDescriptionForNode(
				{ id: 'tool', name: 'Outlook', type: 'outlookMailAppTool', typeVersion: 1, position: [0, 0], parameters: { resource, operation, descriptionType: 'auto' } },
				nodeType,
			);
		expect(OPERATIONS.map(([resource, operation]) => toolDescription(resource, operation))).toEqual([
			'Add an attachment to a draft in Outlook Mail (App)',
			'Delete an attachment in Outlook Mail (App)',
			'Download an attachment in Outlook Mail (App)',
			'Get the details of an attachment in Outlook Mail (App)',
			'Get many attachments of a message in Outlook Mail (App)',
			'Create a category in Outlook Mail (App)',
			'Delete a category in Outlook Mail (App)',
			'Get many categories in Outlook Mail (App)',
			'Update a category in Outlook Mail (App)',
			'Copy a folder into another folder in Outlook Mail (App)',
			'Create a folder in Outlook Mail (App)',
			'Delete a folder in Outlook Mail (App)',
			'Get a folder in Outlook Mail (App)',
			'Get many folders with their full paths in Outlook Mail (App)',
			'Move a folder into another folder in Outlook Mail (App)',
			'Rename a folder in Outlook Mail (App)',
			'Send a Graph request in Outlook Mail (App)',
			'Get mail tips for recipients in Outlook Mail (App)',
			'Get a mailbox in Outlook Mail (App)',
			'Get many mailboxes in Outlook Mail (App)',
			'Get mailbox settings in Outlook Mail (App)',
			'Update mailbox settings in Outlook Mail (App)',
			'Update automatic replies in Outlook Mail (App)',
			'Copy a message to a folder in Outlook Mail (App)',
			'Create a draft in Outlook Mail (App)',
			'Delete a message in Outlook Mail (App)',
			'Forward a message in Outlook Mail (App)',
			'Get a message in Outlook Mail (App)',
			'Get many messages from a folder or a whole mailbox in Outlook Mail (App)',
			'Move a message to a folder in Outlook Mail (App)',
			'Reply to a message in Outlook Mail (App)',
			'Reply to all recipients of a message in Outlook Mail (App)',
			'Send a message in Outlook Mail (App)',
			'Send a draft in Outlook Mail (App)',
			'Update a message in Outlook Mail (App)',
			'Update a draft or add attachments to it in Outlook Mail (App)',
			'Get the message trace details for a recipient in Outlook Mail (App)',
			'Search the message trace in Outlook Mail (App)',
			'Create an Inbox rule in Outlook Mail (App)',
			'Delete an Inbox rule in Outlook Mail (App)',
			'Disable an Inbox rule in Outlook Mail (App)',
			'Enable an Inbox rule in Outlook Mail (App)',
			'Get an Inbox rule in Outlook Mail (App)',
			'Get many Inbox rules in Outlook Mail (App)',
			'Update an Inbox rule in Outlook Mail (App)',
		]);
	});
});

describe('the credential and the nodes that use it', () => {
	// n8n's credential-test-required lint rule reads these names as literals; they come from CREDENTIAL_TYPE, so
	// this test checks what the rule would: every node using the credential tests it with its own Test Connection.
	it.each([
		['Outlook Mail (App)', new OutlookMailApp()],
		['Outlook Mail (App) Trigger', new OutlookMailAppTrigger()],
	])('%s names the credential by CREDENTIAL_TYPE and tests it (testedBy) with a method it has', (_, node) => {
		expect(new OutlookMailAppApi().name).toBe(CREDENTIAL_TYPE);
		expect(node.description.credentials).toEqual([{ name: CREDENTIAL_TYPE, required: true, testedBy: 'outlookMailAppApiTest' }]);
		expect(typeof node.methods.credentialTest.outlookMailAppApiTest).toBe('function');
	});
});

describe('the credential\'s fields', () => {
	const properties = new OutlookMailAppApi().properties;
	const field = (name: string) => properties.find((property) => property.name === name)!;

	it('offers exactly the retry modes the client knows, and the clouds it accepts besides Custom', () => {
		expect((field('retryMode').options as INodePropertyOptions[]).map((option) => option.value).sort()).toEqual([...RETRY_MODES].sort());
		expect((field('graphEndpoint').options as INodePropertyOptions[]).map((option) => option.value)).toEqual([...GRAPH_ENDPOINTS, 'custom']);
	});

	it('gives, left at its defaults, the client\'s own retry defaults', () => {
		const defaults = Object.fromEntries(properties.map((property) => [property.name, property.default]));
		const settings = readSettings({
			...defaults,
			tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
			clientId: 'client',
			clientSecret: 'secret-value',
			defaultUserId: 'adele@contoso.com',
		});
		expect(settings.retry).toEqual(RETRY_DEFAULTS);
		expect(settings.graphBaseUrl).toBe(GRAPH_ENDPOINTS[0]);
	});
});
