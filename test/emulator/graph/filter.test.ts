import { GraphError } from '../http/errors';
import { matchesFilter, parseFilter } from './filter';
import type { StoredMessage } from '../state/model';
import { Store } from '../state/store';
import { SAMPLE, sampleTenant } from '../seed/sample-tenant';

const store = new Store([sampleTenant()], () => Date.UTC(2025, 0, 1));
const message = (fields: Partial<StoredMessage>): StoredMessage => {
	const [base] = store.messages(SAMPLE.users.adele.id);
	return { ...structuredClone(base), ...fields };
};

const matches = (filter: string, fields: Partial<StoredMessage>) => matchesFilter(parseFilter(filter, 'message'), message(fields));

function refusal(filter: string): GraphError {
	try {
		parseFilter(filter, 'message');
	} catch (error) {
		if (error instanceof GraphError) return error;
		throw error;
	}
	throw new Error(`expected '${filter}' to be refused`);
}

const conor = { emailAddress: { name: "Conor O'Brien", address: 'conor.obrien@fabrikam.com' } };

describe('$filter', () => {
	it.each([
		['isRead eq false', { isRead: false }, true],
		['isRead eq false', { isRead: true }, false],
		['isRead ne true', { isRead: false }, true],
		['receivedDateTime ge 2024-06-01T00:00:00Z', { receivedDateTime: '2024-06-02T08:00:00Z' }, true],
		['receivedDateTime lt 2024-06-01T00:00:00Z', { receivedDateTime: '2024-06-02T08:00:00Z' }, false],
		['sentDateTime le 2024-06-02T08:00:00+02:00', { sentDateTime: '2024-06-02T06:00:00Z' }, true],
		["importance eq 'high'", { importance: 'high' }, true],
		["importance eq 'High'", { importance: 'high' }, true],
		['hasAttachments eq true', { hasAttachments: false }, false],
		["subject eq 'Hello'", { subject: 'hello' }, true],
		["flag/flagStatus eq 'flagged'", { flag: { flagStatus: 'flagged' } }, true],
		["from/emailAddress/address eq 'conor.obrien@fabrikam.com'", { from: conor }, true],
		["contains(subject,'budget')", { subject: 'Re: Budget review' }, true],
		["startswith(subject,'re:')", { subject: 'Re: Budget review' }, true],
		["endswith(subject,'review')", { subject: 'Re: Budget review' }, true],
		["categories/any(c:c eq 'Blue category')", { categories: ['Red category', 'Blue category'] }, true],
		["categories/any(c:c eq 'Blue category')", { categories: [] }, false],
		["toRecipients/any(r:r/emailAddress/address eq 'conor.obrien@fabrikam.com')", { toRecipients: [conor] }, true],
		['categories/any()', { categories: ['x'] }, true],
		["isRead eq false and (importance eq 'high' or hasAttachments eq true)", { isRead: false, importance: 'low', hasAttachments: true }, true],
		["not (isRead eq true) and not contains(subject,'x')", { isRead: false, subject: 'abc' }, true],
		["subject eq 'Conor''s notes'", { subject: "Conor's notes" }, true],
		["subject eq ''''", { subject: "'" }, true],
		['isRead', { isRead: true }, true],
		['flag/startDateTime eq null', { flag: { flagStatus: 'notFlagged' } }, true],
		['sender ne null', { sender: null }, false],
	] as const)('%s on %j is %s', (filter, fields, expected) => {
		expect(matches(filter, fields as Partial<StoredMessage>)).toBe(expected);
	});

	it('lists filtered properties in order of first appearance', () => {
		const { properties } = parseFilter("receivedDateTime ge 2024-01-01T00:00:00Z and from/emailAddress/address eq 'a' and receivedDateTime lt 2025-01-01T00:00:00Z", 'message');
		expect(properties).toEqual(['receivedDateTime', 'from/emailAddress/address']);
	});

	it("answers an unterminated string literal for a lone quote", () => {
		const error = refusal("subject eq 'Conor's notes'");
		expect(error.status).toBe(400);
		expect(error.code).toBe('BadRequest');
		expect(error.message).toMatch(/^Invalid filter clause: /);
	});

	it.each([
		["subject eq 'O'Brien'", /^Invalid filter clause: (Syntax error|There is an unterminated string literal)/],
		["subject eq 'open", /^Invalid filter clause: There is an unterminated string literal at position 11 in 'subject eq 'open'\.$/],
		["sizeInBytes gt 5", /^Invalid filter clause: Could not find a property named 'sizeInBytes' on type 'microsoft\.graph\.message'\.$/],
		["isRead eq 'false'", /^Invalid filter clause: A binary operator with incompatible types was detected\. Found operand types 'Edm\.Boolean' and 'Edm\.String' for operator kind 'Equal'\.$/],
		["receivedDateTime ge '2024-01-01'", /incompatible types.*'Edm\.DateTimeOffset' and 'Edm\.String'/],
		["from eq 'x'", /incompatible types/],
		["importance eq 'urgent'", /is not a valid enumerated type constant/],
		["substringof('x',subject)", /An unknown function with name 'substringof' was found/],
		['subject', /must evaluate to a single boolean value/],
		['isRead eq', /Syntax error at position 9/],
		['(isRead eq true', /Syntax error/],
		["subject/any(s:s eq 'x')", /Any\/All may only be used following a collection/],
	])('refuses %s', (filter, message) => {
		expect(refusal(filter).message).toMatch(message);
	});
});
