import { responseOperation } from './respond';

export default responseOperation('reply', {
	name: 'Reply',
	description: 'Reply to the sender of a message',
	action: 'Reply to a message',
});
