import type { INodeProperties } from 'n8n-workflow';

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

/** "Return All" and "Limit", as n8n's list operations show them. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
