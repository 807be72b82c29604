import { responseOperation } from './respond';

export default responseOperation('replyAll', {
	name: 'Reply All',
	description: 'Reply to the sender and all recipients of a message',
	action: 'Reply to all recipients of a message',
});
