import { odataString, searchValue } from '../../../nodes/shared/mail/odata';

describe('odataString', () => {
	it("doubles every single quote and wraps the value in quotes", () => {
		expect(odataString("O'Brien's")).toBe("'O''Brien''s'");
	});
	it('keeps an injection attempt inside the literal', () => {
		expect(odataString("x' or true or 'a")).toBe("'x'' or true or ''a'");
	});
});

describe('searchValue', () => {
	it('quotes the query and escapes quotes and backslashes inside', () => {
		expect(searchValue('subject:"a b" c\\d')).toBe('"subject:\\"a b\\" c\\\\d"');
	});
});
