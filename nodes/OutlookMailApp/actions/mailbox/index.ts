import { resourceDescription, type OperationMap } from '../defineOperation';
import get from './get.operation';
import getMany from './getMany.operation';

/** The operations of Mailbox (Graph's users), in the order the Operation options list them. */
export const MAILBOX_OPERATIONS = ['get', 'getMany'] as const;

export type MailboxOperation = (typeof MAILBOX_OPERATIONS)[number];

export const mailbox = { get, getMany } satisfies OperationMap<'mailbox', MailboxOperation>;

export const mailboxDescription = resourceDescription('mailbox', MAILBOX_OPERATIONS, 'getMany', mailbox);
