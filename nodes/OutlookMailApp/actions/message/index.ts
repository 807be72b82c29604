import { type OperationMap, type OperationOption, type OperationValue, resourceDescription } from '../defineOperation';
import copy from './copy.operation';
import createDraft from './createDraft.operation';
import del from './delete.operation';
import forward from './forward.operation';
import get from './get.operation';
import getMany from './getMany.operation';
import move from './move.operation';
import reply from './reply.operation';
import replyAll from './replyAll.operation';
import send from './send.operation';
import sendDraft from './sendDraft.operation';
import update from './update.operation';
import updateDraft from './updateDraft.operation';

/** The Operation options of Message; each value names its `<value>.operation.ts`. */
export const MESSAGE_OPERATIONS = [
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
] as const satisfies readonly OperationOption[];

export type MessageOperation = OperationValue<typeof MESSAGE_OPERATIONS>;

export const message = {
	copy,
	createDraft,
	delete: del,
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
} satisfies OperationMap<'message', MessageOperation>;

export const messageDescription = resourceDescription('message', MESSAGE_OPERATIONS, 'get', message);
