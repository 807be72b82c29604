import { GraphInputError } from '../../nodes/shared/graph/errors';
import { graphPath, odataString, queryString, segment, userPath } from '../../nodes/shared/graph/paths';

describe('segment', () => {
	it.each([
		['x/../../../../users/other/messages/1', 'x%2F..%2F..%2F..%2F..%2Fusers%2Fother%2Fmessages%2F1'],
		['x%2e%2e%2fy', 'x%252e%252e%252fy'],
		['a\\..\\b', 'a%5C..%5Cb'],
		['id?$select=subject', 'id%3F%24select%3Dsubject'],
		['id#x', 'id%23x'],
		['AAMkAGI2=', 'AAMkAGI2%3D'],
		['AdeleV@contoso.onmicrosoft.com', 'AdeleV%40contoso.onmicrosoft.com'],
	])('encodes %p as one path segment', (value, encoded) => {
		const path = graphPath('messages', segment(value, 'Message ID'));
		expect(path).toBe(`/messages/${encoded}`);
		expect(path.split('/')).toHaveLength(3);
	});

	it.each([
		['', 'Message ID is empty'],
		['   ', 'Message ID is empty'],
		['.', 'Message ID cannot be "." or ".."'],
		['..', 'Message ID cannot be "." or ".."'],
		['abc\r\nHost: evil', 'Message ID contains control characters'],
		['a\u0000b', 'Message ID contains control characters'],
	])('refuses %p, naming the field', (value, message) => {
		expect(() => segment(value, 'Message ID')).toThrow(GraphInputError);
		expect(() => segment(value, 'Message ID')).toThrow(message);
	});

	it('refuses a value that is not text', () => {
		expect(() => segment({ id: 1 }, 'Folder')).toThrow('Folder must be text');
		expect(() => segment(undefined, 'Folder')).toThrow('Folder must be text');
	});

	it('builds a mailbox path with the field name "Mailbox"', () => {
		expect(userPath('a/b', 'messages')).toBe('/users/a%2Fb/messages');
		expect(() => userPath('..', 'messages')).toThrow('Mailbox cannot be "." or ".."');
	});
});

describe('odataString', () => {
	it("doubles every single quote and wraps the value in quotes", () => {
		expect(odataString("O'Brien's")).toBe("'O''Brien''s'");
	});
	it('keeps an injection attempt inside the literal', () => {
		expect(odataString("x' or true or 'a")).toBe("'x'' or true or ''a'");
	});
});

describe('queryString', () => {
	it('keeps $ on system query options and encodes values whole', () => {
		expect(queryString({ $select: 'id,subject', $filter: "subject eq 'a&b'", top: 5 })).toBe(
			"?$select=id%2Csubject&$filter=subject%20eq%20'a%26b'&top=5",
		);
	});
	it('drops undefined and empty values', () => {
		expect(queryString({ $select: undefined, $top: '' })).toBe('');
	});
});
