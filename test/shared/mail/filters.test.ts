import { buildMessageQuery, customFilterExpression, matchesFilters } from '../../../nodes/shared/mail/filters';
import { importanceOf } from '../../../nodes/shared/mail/types';

describe('buildMessageQuery', () => {
	it('sorts without a filter when no filter is set', () => {
		expect(buildMessageQuery({}, 'newest', 'UTC')).toEqual({ $orderby: 'receivedDateTime desc' });
		expect(buildMessageQuery({ unreadOnly: false, from: ' ' }, 'oldest', 'UTC')).toEqual({ $orderby: 'receivedDateTime asc' });
	});

	it('leads with the received-before date when it is the only date', () => {
		expect(buildMessageQuery({ receivedBefore: '2024-06-30T12:00:00+02:00', hasAttachments: true }, 'newest', 'UTC').$filter).toBe(
			'receivedDateTime lt 2024-06-30T10:00:00Z and hasAttachments eq true',
		);
	});

	it('doubles quotes in every string literal', () => {
		expect(buildMessageQuery({ from: "o'brien@fabrikam.com", category: "Conor's" }, 'newest', 'UTC').$filter).toBe(
			"receivedDateTime ge 1900-01-01T00:00:00Z and from/emailAddress/address eq 'o''brien@fabrikam.com' and categories/any(c:c eq 'Conor''s')",
		);
	});
});

describe('customFilterExpression', () => {
	it('wraps one expression in parentheses, and refuses one that would reach beyond them', () => {
		expect(customFilterExpression("startswith(subject,'a)b')")).toBe("(startswith(subject,'a)b'))");
		expect(() => customFilterExpression('x) or (true')).toThrow('Custom Filter is not one expression');
		expect(() => customFilterExpression("subject eq 'open")).toThrow('Custom Filter is not one expression');
	});
});

describe('matchesFilters (the trigger)', () => {
	const message = {
		from: { emailAddress: { address: 'Orders@Contoso.com' } },
		toRecipients: [{ emailAddress: { address: 'support@contoso.com' } }],
		ccRecipients: [{ emailAddress: { address: 'team@contoso.com' } }],
		subject: 'Invoice 42 for March',
		importance: 'high',
		hasAttachments: true,
		isRead: false,
		categories: ['Red category'],
	};

	it('matches each filter the way Get Many means it: not case-sensitive, importance exact', () => {
		expect(matchesFilters(message, { subjectContains: 'INVOICE 42', category: 'red CATEGORY', importance: 'high', hasAttachments: true, unreadOnly: true })).toBe(true);
		expect(matchesFilters(message, { subjectContains: 'receipt' })).toBe(false);
		expect(matchesFilters(message, { importance: 'normal' })).toBe(false);
		expect(matchesFilters(message, { importance: 'any' })).toBe(true);
		expect(matchesFilters({ ...message, isRead: true }, { unreadOnly: true })).toBe(false);
	});

	it('takes a list of senders, and To or Cc recipients', () => {
		expect(matchesFilters(message, { from: 'billing@contoso.com, orders@contoso.com' })).toBe(true);
		expect(matchesFilters(message, { from: 'billing@contoso.com' })).toBe(false);
		expect(matchesFilters(message, { to: 'team@contoso.com' })).toBe(true);
		expect(matchesFilters(message, { to: 'nobody@contoso.com' })).toBe(false);
	});
});

describe('importanceOf', () => {
	it('is the one check of an importance, naming the field', () => {
		expect(importanceOf('low')).toBe('low');
		expect(() => importanceOf('urgent')).toThrow('Importance must be "low", "normal" or "high"');
		expect(() => importanceOf(['high'])).toThrow('Importance must be "low", "normal" or "high"');
	});
});
