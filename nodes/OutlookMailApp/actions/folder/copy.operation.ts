import { folderTransfer } from './transfer';

export default folderTransfer('copy', {
	name: 'Copy',
	description: 'Copy a folder into another folder',
	action: 'Copy a folder into another folder',
});
