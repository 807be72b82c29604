import { folderTransfer } from './transfer';

export default folderTransfer('move');
