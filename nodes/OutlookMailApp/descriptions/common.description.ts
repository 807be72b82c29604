import type { INodeProperties } from 'n8n-workflow';

/** Shown for every operation, right after Resource and Operation: which mailbox to work in. */
export const mailboxProperty: INodeProperties = {
	displayName: 'Mailbox',
	name: 'mailbox',
	type: 'string',
	default: '',
	placeholder: 'e.g. AdeleV@contoso.onmicrosoft.com',
	hint: "Empty: the credential's Default User Id",
	// "Default User Id" is the credential field's label, spelled as the connector it follows spells it.
	// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-id
	description:
		"User principal name, email address or object ID of the mailbox to work in. Empty: the credential's Default User Id. Use an expression to work across many mailboxes.",
};

interface LocatorOptions {
	name: string;
	displayName: string;
	searchListMethod: string;
	idPlaceholder: string;
	description?: string;
	urlPlaceholder?: string;
	urlRegex?: string;
}

/* eslint-disable n8n-nodes-base/node-param-default-missing -- locator modes take no default; the locator has one */
/** A resource locator: "From list" (searchable), "By ID", and "By URL" where Outlook on the web gives one. */
export function resourceLocator(options: LocatorOptions): INodeProperties {
	const modes: NonNullable<INodeProperties['modes']> = [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: options.idPlaceholder,
		},
	];
	if (options.urlPlaceholder && options.urlRegex) {
		modes.push({
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: options.urlPlaceholder,
			extractValue: { type: 'regex', regex: options.urlRegex },
		});
	}
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes,
	};
}
/* eslint-enable n8n-nodes-base/node-param-default-missing */
