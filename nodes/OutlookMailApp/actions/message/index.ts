import type { INodeProperties } from 'n8n-workflow';

import * as copy from './copy.operation';
import * as createDraft from './createDraft.operation';
import * as del from './delete.operation';
import * as forward from './forward.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as move from './move.operation';
import * as reply from './reply.operation';
import * as replyAll from './replyAll.operation';
import * as send from './send.operation';
import * as sendDraft from './sendDraft.operation';
import * as update from './update.operation';
import * as updateDraft from './updateDraft.operation';

export {
	copy,
	createDraft,
	del as delete,
	forward,
	get,
	getMany,
	move,
	reply,
	replyAll,
	send,
	sendDraft,
	update,
	updateDraft,
};

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Copy', value: 'copy', description: 'Copy a message to a folder', action: 'Copy a message to a folder' },
			{ name: 'Create Draft', value: 'createDraft', description: 'Create a draft message', action: 'Create a draft' },
			{ name: 'Delete', value: 'delete', description: 'Delete a message', action: 'Delete a message' },
			{ name: 'Forward', value: 'forward', description: 'Forward a message', action: 'Forward a message' },
			{ name: 'Get', value: 'get', description: 'Get a message', action: 'Get a message' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many messages', action: 'Get many messages from a folder or a whole mailbox' },
			{ name: 'Move', value: 'move', description: 'Move a message to a folder', action: 'Move a message to a folder' },
			{ name: 'Reply', value: 'reply', description: 'Reply to the sender of a message', action: 'Reply to a message' },
			{
				name: 'Reply All',
				value: 'replyAll',
				description: 'Reply to the sender and all recipients of a message',
				action: 'Reply to all recipients of a message',
			},
			{ name: 'Send', value: 'send', description: 'Send a new message', action: 'Send a message' },
			{ name: 'Send Draft', value: 'sendDraft', description: 'Send a draft message', action: 'Send a draft' },
			{ name: 'Update', value: 'update', description: 'Mark read or unread, set importance, categories or a flag', action: 'Update a message' },
			{ name: 'Update Draft', value: 'updateDraft', description: 'Change the fields of a draft or add attachments', action: 'Update a draft or add attachments to it' },
		],
		default: 'get',
	},
	...copy.description,
	...createDraft.description,
	...del.description,
	...forward.description,
	...get.description,
	...getMany.description,
	...move.description,
	...reply.description,
	...replyAll.description,
	...send.description,
	...sendDraft.description,
	...update.description,
	...updateDraft.description,
];
