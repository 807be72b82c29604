import { messageTransfer } from './transfer';

export default messageTransfer('move', {
	name: 'Move',
	description: 'Move a message to a folder',
	action: 'Move a message to a folder',
});
