import { type OperationMap, resourceDescription } from '../defineOperation';
import get from './get.operation';

/** The operations of Mail Tips, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const MAIL_TIPS_OPERATIONS = ['get'] as const;

export type MailTipsOperation = (typeof MAIL_TIPS_OPERATIONS)[number];

export const mailTips = { get } satisfies OperationMap<'mailTips', MailTipsOperation>;

export const mailTipsDescription = resourceDescription('mailTips', MAIL_TIPS_OPERATIONS, 'get', mailTips);
