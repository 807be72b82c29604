import { GraphInputError } from '../../../nodes/shared/graph/errors';
import { mergeRecipients, parseRecipients } from '../../../nodes/OutlookMailApp/helpers/recipients';
import { parseCustomHeaders, toGraphMessage } from '../../../nodes/OutlookMailApp/helpers/compose';

describe('parseRecipients', () => {
	it('splits on commas and semicolons, but not inside quoted names', () => {
		expect(parseRecipients('"Doe, Jane" <jane@contoso.com>; bob@contoso.com,  Alex Wilber <alex@contoso.com>', 'To')).toEqual([
			{ emailAddress: { address: 'jane@contoso.com', name: 'Doe, Jane' } },
			{ emailAddress: { address: 'bob@contoso.com' } },
			{ emailAddress: { address: 'alex@contoso.com', name: 'Alex Wilber' } },
		]);
	});

	it('takes a list of addresses, { address, name } objects or Graph recipients from an expression', () => {
		expect(
			parseRecipients(['a@contoso.com', { address: 'b@contoso.com', name: 'B' }, { emailAddress: { address: 'c@contoso.com' } }], 'CC Recipients'),
		).toEqual([
			{ emailAddress: { address: 'a@contoso.com' } },
			{ emailAddress: { address: 'b@contoso.com', name: 'B' } },
			{ emailAddress: { address: 'c@contoso.com' } },
		]);
	});

	it('gives no recipients for empty text', () => {
		expect(parseRecipients(' , ', 'To')).toEqual([]);
		expect(parseRecipients(undefined, 'To')).toEqual([]);
	});

	it.each([['alex'], ['alex@contoso'], ['alex @contoso.com'], ['Alex <alex@contoso.com'], ['<>']])('refuses %p, naming the field', (text) => {
		expect(() => parseRecipients(text, 'Reply To')).toThrow(GraphInputError);
		expect(() => parseRecipients(text, 'Reply To')).toThrow(/^Reply To: /);
	});
});

describe('mergeRecipients', () => {
	it('keeps the existing recipients first and adds only new addresses, case-insensitively', () => {
		const existing = [{ emailAddress: { address: 'Alex@contoso.com', name: 'Alex' } }];
		expect(mergeRecipients(existing, parseRecipients('alex@contoso.com, megan@contoso.com', 'To'))).toEqual([
			{ emailAddress: { address: 'Alex@contoso.com', name: 'Alex' } },
			{ emailAddress: { address: 'megan@contoso.com' } },
		]);
		expect(existing).toHaveLength(1);
	});
});

describe('parseCustomHeaders', () => {
	it('takes x- headers and drops empty rows', () => {
		expect(parseCustomHeaders({ headers: [{ name: 'X-Ticket', value: '1' }, { name: '', value: '' }] })).toEqual([{ name: 'X-Ticket', value: '1' }]);
	});

	it.each([
		[{ headers: [{ name: 'Ticket', value: '1' }] }, /start with "x-"/],
		[{ headers: [{ name: 'x-a b', value: '1' }] }, /start with "x-"/],
		[{ headers: [{ name: 'x-a', value: 'one\r\nBcc: evil@example.com' }] }, /contains a line break/],
		[{ headers: Array.from({ length: 6 }, (_, index) => ({ name: `x-h${index}`, value: '1' })) }, /at most 5 custom headers/],
	])('refuses %j', (value, message) => {
		expect(() => parseCustomHeaders(value)).toThrow(message);
	});
});

describe('toGraphMessage', () => {
	it('writes only the fields given', () => {
		expect(toGraphMessage({ subject: 'Hi' })).toEqual({ subject: 'Hi' });
		expect(toGraphMessage({ toRecipients: '', categories: '' })).toEqual({ toRecipients: [], categories: [] });
	});

	it('refuses a body format without a body', () => {
		expect(() => toGraphMessage({ bodyFormat: 'text' })).toThrow('Body Format needs a Message to apply to');
	});
});
