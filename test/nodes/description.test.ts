import { NodeHelpers, type INodePropertyOptions } from 'n8n-workflow';

import { OutlookMailApp } from '../../nodes/OutlookMailApp/OutlookMailApp.node';

const description = new OutlookMailApp().description;
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

	it.each(OPERATIONS)('%s > %s: shows Mailbox right after Resource and Operation', (resource, operation) => {
		expect(shownParameters(resource, operation).slice(0, 3)).toEqual(['resource', 'operation', 'mailbox']);
	});

	it("Mailbox says, in its description and under the field, that empty means the credential's Default User Id", () => {
		const mailbox = description.properties.find((property) => property.name === 'mailbox')!;
		expect(mailbox.description).toContain("Empty: the credential's Default User Id.");
		expect(mailbox.hint).toBe("Empty: the credential's Default User Id");
	});
});
