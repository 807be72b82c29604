import { messageTransfer } from './transfer';

export default messageTransfer('copy');
