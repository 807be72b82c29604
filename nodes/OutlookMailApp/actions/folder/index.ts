import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as move from './move.operation';
import * as rename from './rename.operation';

export { copy, create, del as delete, get, getMany, move, rename };

export const folderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{ name: 'Copy', value: 'copy', description: 'Copy a folder into another folder', action: 'Copy a folder into another folder' },
			{ name: 'Create', value: 'create', description: 'Create a folder', action: 'Create a folder' },
			{ name: 'Delete', value: 'delete', description: 'Delete a folder', action: 'Delete a folder' },
			{ name: 'Get', value: 'get', description: 'Get a folder', action: 'Get a folder' },
			{ name: 'Get Many', value: 'getMany', description: 'List folders', action: 'Get many folders with their full paths' },
			{ name: 'Move', value: 'move', description: 'Move a folder into another folder', action: 'Move a folder into another folder' },
			{ name: 'Rename', value: 'rename', description: 'Rename a folder', action: 'Rename a folder' },
		],
		default: 'getMany',
	},
	...copy.description,
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...move.description,
	...rename.description,
];
