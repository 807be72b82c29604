import { folderTransfer } from './transfer';

export default folderTransfer('move', {
	name: 'Move',
	description: 'Move a folder into another folder',
	action: 'Move a folder into another folder',
});
