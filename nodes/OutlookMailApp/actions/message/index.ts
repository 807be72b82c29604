import { type OperationMap, resourceDescription } from '../defineOperation';
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

/** The operations of Message, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const MESSAGE_OPERATIONS = ['copy', 'createDraft', 'delete', 'forward', 'get', 'getMany', 'move', 'reply', 'replyAll', 'send', 'sendDraft', 'update', 'updateDraft'] as const;

export type MessageOperation = (typeof MESSAGE_OPERATIONS)[number];

export const message = {
	copy, createDraft, delete: del, forward, get, getMany, move, reply, replyAll, send, sendDraft, update, updateDraft,
} satisfies OperationMap<'message', MessageOperation>;

export const messageDescription = resourceDescription('message', MESSAGE_OPERATIONS, 'get', message);
