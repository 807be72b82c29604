import { sendsMail } from '../../../nodes/shared/graph/sendsMail';
import { permissionFor } from '../../../nodes/shared/graph/errors';

describe('sendsMail', () => {
	it.each([
		['POST', '/users/u1/sendMail'],
		['POST', '/users/u1/messages/m1/send'],
		['POST', '/users/u1/messages/m1/reply'],
		['POST', '/users/u1/messages/m1/replyAll'],
		['POST', '/users/u1/messages/m1/forward'],
		['post', '/users/u1/mailFolders/inbox/messages/m1/microsoft.graph.forward'],
	])('says %s %s sends mail', (method, path) => {
		expect(sendsMail(method, path)).toBe(true);
	});

	it.each([
		['GET', '/users/u1/sendMail'],
		['POST', '/users/u1/messages/m1/createReply'],
		['POST', '/users/u1/messages/m1/createForward'],
		['POST', '/users/u1/messages'],
		['POST', '/users/u1/messages/m1/move'],
		['PATCH', '/users/u1/messages/m1'],
		['POST', '/users/u1/messages/send%2Fx'],
	])('says %s %s does not send mail', (method, path) => {
		expect(sendsMail(method, path)).toBe(false);
	});

	it('is the rule the permission hint uses for Mail.Send', () => {
		expect(permissionFor('POST', '/users/u1/messages/m1/forward')?.permission).toBe('Mail.Send');
		expect(permissionFor('POST', '/users/u1/messages/m1/createForward')?.permission).toBe('Mail.ReadWrite');
	});
});
