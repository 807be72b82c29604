import { GraphError } from '../http/errors';
import { findProperty, structuredType, validateAction, validateBody, validateSelect } from './metadata';

function refusal(run: () => unknown): GraphError {
	try {
		run();
	} catch (error) {
		if (error instanceof GraphError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('metadata', () => {
	it("knows message's own and inherited properties, case-insensitively", () => {
		expect(findProperty('message', 'SUBJECT')?.name).toBe('subject');
		expect(findProperty('message', 'categories')?.type).toBe('Collection(Edm.String)');
		expect(findProperty('message', 'id')?.nullable).toBe(false);
		expect(findProperty('message', 'attachments')?.navigation).toBe(true);
		expect(structuredType('attachment')?.derived).toEqual(new Set(['attachment', 'fileAttachment', 'itemAttachment', 'referenceAttachment']));
	});

	it('knows the directory, mailbox settings, rule, category, mail tips, trace and subscription types', () => {
		expect(findProperty('user', 'mailboxSettings')?.type).toBe('mailboxSettings');
		expect(findProperty('mailboxSettings', 'automaticRepliesSetting')?.type).toBe('automaticRepliesSetting');
		expect(findProperty('mailboxSettings', 'workingHours')?.type).toBe('workingHours');
		expect(findProperty('group', 'transitiveMembers')).toMatchObject({ type: 'Collection(directoryObject)', navigation: true });
		expect(structuredType('directoryObject')?.derived).toEqual(new Set(['directoryObject', 'group', 'user']));
		expect(findProperty('outlookUser', 'masterCategories')?.type).toBe('Collection(outlookCategory)');
		expect(findProperty('outlookCategory', 'color')?.type).toBe('categoryColor');
		expect(findProperty('mailFolder', 'messageRules')?.type).toBe('Collection(messageRule)');
		expect(findProperty('messageRulePredicates', 'subjectContains')?.type).toBe('Collection(Edm.String)');
		expect(findProperty('messageRuleActions', 'moveToFolder')?.type).toBe('Edm.String');
		expect(findProperty('mailTips', 'automaticReplies')?.type).toBe('automaticRepliesMailTips');
		expect(findProperty('subscription', 'notificationUrl')?.nullable).toBe(false);
		expect(findProperty('messageTracingRoot', 'messageTraces')?.type).toBe('Collection(exchangeMessageTrace)');
		expect(findProperty('exchangeMessageTrace', 'status')?.type).toBe('exchangeMessageTraceStatus');
		expect(validateAction('user', 'getMailTips', { EmailAddresses: ['a@b.c'], MailTipsOptions: 'automaticReplies' })).toEqual({
			EmailAddresses: ['a@b.c'],
			MailTipsOptions: 'automaticReplies',
		});
	});

	it('answers canonical names for a valid $select and refuses an unknown one', () => {
		expect(validateSelect('message', ['Subject', 'from'])).toEqual(['subject', 'from']);
		expect(refusal(() => validateSelect('message', ['nope'])).message).toBe("Could not find a property named 'nope' on type 'microsoft.graph.message'.");
	});

	describe('validateBody', () => {
		it('accepts a message as sendMail would carry it', () => {
			expect(() =>
				validateBody('message', {
					subject: 'Hi',
					body: { contentType: 'HTML', content: '<p>Hi</p>' },
					toRecipients: [{ emailAddress: { address: 'a@b.c', name: 'A' } }],
					importance: 'high',
					flag: { flagStatus: 'flagged' },
					receivedDateTime: '2024-06-01T10:00:00Z',
					isRead: null,
					attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'a.txt', contentBytes: 'aGk=' }],
				}),
			).not.toThrow();
		});

		it.each([
			[{ subjectLine: 'x' }, "The property 'subjectLine' does not exist on type 'microsoft.graph.message'."],
			[{ toRecipients: [{ email: 'a@b.c' }] }, "The property 'email' does not exist on type 'microsoft.graph.recipient'."],
			[{ isRead: 'true' }, "Cannot convert a primitive value to the expected type 'Edm.Boolean'."],
			[{ receivedDateTime: 'yesterday' }, "Cannot convert a primitive value to the expected type 'Edm.DateTimeOffset'."],
			[{ importance: 'urgent' }, "Requested value 'urgent' was not found."],
			[{ toRecipients: { emailAddress: { address: 'a@b.c' } } }, "An unexpected 'StartObject' node was found when reading from the JSON reader. A 'StartArray' node was expected."],
			[{ body: 'text' }, "An unexpected 'PrimitiveValue' node was found when reading from the JSON reader. A 'StartObject' node was expected."],
			[{ id: null }, "A null value was found for the property named 'id'"],
			[{ attachments: [{ '@odata.type': '#microsoft.graph.calendar', name: 'x' }] }, "A type named 'microsoft.graph.calendar' could not be resolved by the model."],
			[{ attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', contentBytes: 5 }] }, "Cannot convert a primitive value to the expected type 'Edm.Binary'."],
		])('refuses %j with RequestBodyRead', (body, message) => {
			const error = refusal(() => validateBody('message', body));
			expect(error.status).toBe(400);
			expect(error.code).toBe('RequestBodyRead');
			expect(error.message.startsWith(message)).toBe(true);
		});

		it('refuses a body that is not a JSON object', () => {
			expect(refusal(() => validateBody('message', [])).message).toBe('Empty Payload. JSON content expected.');
		});
	});
});
