import { checkLink } from '../../../nodes/shared/graph/links';

const GRAPH = 'https://graph.microsoft.com';
const adeleMessages = '/users/AdeleV%40contoso.com/messages';

describe('checkLink', () => {
	it.each([
		['a next page of the same mailbox', `${GRAPH}/v1.0/users/AdeleV%40contoso.com/messages?$skip=10`],
		['the same mailbox in another case', `${GRAPH}/v1.0/users/adelev%40CONTOSO.com/messages?$skiptoken=x`],
		["Graph's key form users('...')", `${GRAPH}/v1.0/users('AdeleV%40contoso.com')/mailFolders('AQMk')/messages/delta?$deltatoken=y`],
		['the unencoded @', `${GRAPH}/v1.0/users/AdeleV@contoso.com/messages?$skip=10`],
	])('follows %s', (_, link) => {
		expect(checkLink(link, adeleMessages, GRAPH)).toEqual({ ok: true, url: link });
	});

	it.each([
		['another origin', `https://graph.evil.example/v1.0/users/AdeleV%40contoso.com/messages`, 'otherOrigin'],
		['plain http on the Graph host', `http://graph.microsoft.com/v1.0/users/AdeleV%40contoso.com/messages`, 'otherOrigin'],
		['another mailbox', `${GRAPH}/v1.0/users/AlexW%40contoso.com/messages?$skip=10`, 'otherScope'],
		['another mailbox in key form', `${GRAPH}/v1.0/users('AlexW%40contoso.com')/messages`, 'otherScope'],
		['no mailbox at all', `${GRAPH}/v1.0/me/messages?$skip=10`, 'otherScope'],
		['a dot segment back out of the mailbox', `${GRAPH}/v1.0/users/AdeleV%40contoso.com/../AlexW%40contoso.com/messages`, 'otherScope'],
		['another API version', `${GRAPH}/beta/users/AdeleV%40contoso.com/messages`, 'otherScope'],
		['a mailbox with a broken encoding', `${GRAPH}/v1.0/users/%E0%A4%A/messages`, 'otherScope'],
		['not a URL', 'users/AdeleV/messages', 'notUrl'],
		['a javascript: URL', 'javascript:alert(1)', 'notUrl'],
	])('refuses %s', (_, link, reason) => {
		expect(checkLink(link, adeleMessages, GRAPH)).toMatchObject({ ok: false, reason });
	});

	it('keeps a link of a request outside any mailbox to the same collection', () => {
		expect(checkLink(`${GRAPH}/v1.0/users?$skiptoken=1`, '/users', GRAPH)).toMatchObject({ ok: true });
		expect(checkLink(`${GRAPH}/v1.0/groups?$skiptoken=1`, '/users', GRAPH)).toMatchObject({ ok: false, reason: 'otherScope' });
		expect(checkLink(`${GRAPH}/v1.0/users/AlexW/messages`, '/users', GRAPH)).toMatchObject({ ok: false, reason: 'otherScope' });
	});
});
