import { messageTransfer } from './transfer';

export default messageTransfer('copy', {
	name: 'Copy',
	description: 'Copy a message to a folder',
	action: 'Copy a message to a folder',
});
