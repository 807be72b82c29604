import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a message', action: 'Get a message' },
		],
		default: 'get',
	},
	...get.description,
];
