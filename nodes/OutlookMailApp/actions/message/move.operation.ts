import { messageTransfer } from './transfer';

export default messageTransfer('move');
