import { isAllowed, permissionEntry, permissionPath } from './permissions';

describe('permissions', () => {
	it('spells a route pattern as the permission reference does', () => {
		expect(permissionPath('/v1.0/users/{user}/mailFolders/inbox/messageRules/{rule}')).toBe('/users/{id}/mailfolders/inbox/messagerules/{id}');
	});

	it("spells a function's parameter {value}, as the reference writes getDetailsByRecipient", () => {
		const path = permissionPath('/v1.0/admin/exchange/tracing/messageTraces/{trace}/getDetailsByRecipient(recipientAddress={address})');
		expect(path).toBe('/admin/exchange/tracing/messagetraces/{id}/getdetailsbyrecipient(recipientaddress={value})');
		expect(permissionEntry('GET', path)?.least).toEqual(['ExchangeMessageTrace.Read.All']);
	});

	it.each([
		['GET', '/users', 'User.ReadBasic.All'],
		['GET', '/groups/{id}/transitivemembers', 'GroupMember.ReadBasic.All'],
		['GET', '/users/{id}/mailboxsettings', 'MailboxSettings.Read'],
		['PATCH', '/users/{id}/mailboxsettings', 'MailboxSettings.ReadWrite'],
		['GET', '/users/{id}/mailboxsettings/automaticrepliessetting', 'MailboxSettings.Read'],
		['GET', '/users/{id}/mailboxsettings/workinghours', 'MailboxSettings.Read'],
		['GET', '/users/{id}/outlook/mastercategories', 'MailboxSettings.Read'],
		['POST', '/users/{id}/mailfolders/inbox/messagerules', 'MailboxSettings.ReadWrite'],
		['POST', '/users/{id}/getmailtips', 'Mail.Read'],
		['GET', '/admin/exchange/tracing/messagetraces', 'ExchangeMessageTrace.Read.All'],
	])('knows the least-privileged application permission of %s %s', (method, path, least) => {
		expect(permissionEntry(method, path)?.least).toContain(least);
	});

	it('allows subscriptions with the read permission of the mail they watch, as Graph checks the subscribed resource', () => {
		expect(permissionEntry('POST', '/subscriptions')?.derived).toMatch(/^GET \/users\/\{id\}\/messages: /);
		expect(isAllowed('POST', '/subscriptions', ['Mail.Read'])).toBe(true);
		expect(isAllowed('POST', '/subscriptions', ['User.Read.All'])).toBe(false);
	});

	it('lets MailboxSettings.ReadWrite read what MailboxSettings.Read reads', () => {
		expect(isAllowed('GET', '/users/{id}/mailfolders/inbox/messagerules', ['MailboxSettings.ReadWrite'])).toBe(true);
	});
});
