import { type OperationMap, resourceDescription } from '../defineOperation';
import get from './get.operation';
import update from './update.operation';
import updateAutomaticReplies from './updateAutomaticReplies.operation';

/** The operations of Mailbox Settings, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const MAILBOX_SETTINGS_OPERATIONS = ['get', 'update', 'updateAutomaticReplies'] as const;

export type MailboxSettingsOperation = (typeof MAILBOX_SETTINGS_OPERATIONS)[number];

export const mailboxSettings = { get, update, updateAutomaticReplies } satisfies OperationMap<'mailboxSettings', MailboxSettingsOperation>;

export const mailboxSettingsDescription = resourceDescription('mailboxSettings', MAILBOX_SETTINGS_OPERATIONS, 'get', mailboxSettings);
