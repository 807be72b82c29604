import { GraphInputError } from '../../../nodes/shared/graph/errors';
import { GraphPath, queryString, segment, userPath } from '../../../nodes/shared/graph/paths';

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
		const path = String(GraphPath.of('messages', segment(value, 'Message ID')));
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
		expect(String(userPath('a/b').child('messages'))).toBe('/users/a%2Fb/messages');
		expect(() => userPath('..').child('messages')).toThrow('Mailbox cannot be "." or ".."');
	});
});

describe('GraphPath', () => {
	const mailbox = userPath('adele@contoso.com');

	it('grows by constant words and checked segments, each segment keeping its field and value', () => {
		const path = mailbox.child('messages', segment('AAMk/1', 'Message')).child('attachments', segment('AAMk=2', 'Attachment'));
		expect(String(path)).toBe('/users/adele%40contoso.com/messages/AAMk%2F1/attachments/AAMk%3D2');
		expect(path.mailbox).toBe('adele@contoso.com');
		expect(path.ids.map((id) => [id.field, id.value])).toEqual([
			['Message', 'AAMk/1'],
			['Attachment', 'AAMk=2'],
		]);
		expect(path.segments.map((id) => id.field)).toEqual(['Mailbox', 'Message', 'Attachment']);
	});

	it('leaves the path it grows from as it was', () => {
		mailbox.child('messages');
		expect(String(mailbox)).toBe('/users/adele%40contoso.com');
	});

	it('names no mailbox outside /users/{id}', () => {
		expect(GraphPath.of('$batch').mailbox).toBeUndefined();
	});

	it('refuses, at run time too, a constant part that is not one path word', () => {
		const words = ['messages/../x', '..', '', 'a b', '?$top=1'] as const;
		for (const word of words) expect(() => mailbox.child(word)).toThrow('is not a constant path word');
	});

	it('does not compile with a part of type string: input must go through segment()', () => {
		const fromInput: string = 'messages';
		// @ts-expect-error a value of type string is not a constant word
		expect(() => mailbox.child(fromInput)).not.toThrow();
		// @ts-expect-error likewise for the root
		expect(String(GraphPath.of(fromInput))).toBe('/messages');
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
