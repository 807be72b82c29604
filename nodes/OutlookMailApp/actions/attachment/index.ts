import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { add, del as delete, download, get, getMany };

export const attachmentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add files to a draft', action: 'Add an attachment to a draft' },
			{ name: 'Delete', value: 'delete', description: 'Delete an attachment', action: 'Delete an attachment' },
			{
				name: 'Download',
				value: 'download',
				description: 'Download attachments as binary files',
				action: 'Download an attachment',
			},
			{ name: 'Get', value: 'get', description: "Get an attachment's metadata", action: 'Get the details of an attachment' },
			{ name: 'Get Many', value: 'getMany', description: "List a message's attachments", action: 'Get many attachments of a message' },
		],
		default: 'getMany',
	},
	...add.description,
	...del.description,
	...download.description,
	...get.description,
	...getMany.description,
];
