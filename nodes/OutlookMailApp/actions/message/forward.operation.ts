import { responseOperation } from './respond';

export default responseOperation('forward', {
	name: 'Forward',
	description: 'Forward a message',
	action: 'Forward a message',
});
