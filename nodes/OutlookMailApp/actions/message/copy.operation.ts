import { messageTransfer } from './transfer';

export const { description, execute } = messageTransfer('copy');
