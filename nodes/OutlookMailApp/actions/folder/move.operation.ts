import { folderTransfer } from './transfer';

export const { description, execute } = folderTransfer('move');
