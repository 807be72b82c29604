import { bodyFormatHeader, shapeMessage } from '../../../nodes/shared/mail/messageOutput';
import { MESSAGE_FILTER_FIELDS, messageSelect, SIMPLIFIED_MESSAGE_FIELDS } from '../../../nodes/shared/mail/select';

describe('messageSelect', () => {
	it('asks for nothing in particular for Raw, the simplified fields, or id and the chosen fields once each', () => {
		expect(messageSelect('raw', ['subject'])).toBeUndefined();
		expect(messageSelect('simple', [])).toBe(SIMPLIFIED_MESSAGE_FIELDS.join(','));
		expect(messageSelect('fields', ['subject', 'id', 'from'])).toBe('id,subject,from');
	});

	it('adds what the trigger always needs: parentFolderId first, the fields its filters read last', () => {
		expect(messageSelect('fields', ['subject'], { first: ['parentFolderId'], last: MESSAGE_FILTER_FIELDS })).toBe(
			['id', 'parentFolderId', 'subject', ...MESSAGE_FILTER_FIELDS.filter((field) => field !== 'subject')].join(','),
		);
	});
});

describe('shapeMessage', () => {
	const message = { '@odata.etag': 'W/"1"', id: 'm1', subject: 'Hi', body: { content: 'x' }, uniqueBody: {} };

	it('drops OData annotations, and keeps only the simplified or chosen fields', () => {
		expect(shapeMessage(message, 'raw', [])).toEqual({ id: 'm1', subject: 'Hi', body: { content: 'x' }, uniqueBody: {} });
		expect(shapeMessage(message, 'simple', [])).toEqual({ id: 'm1', subject: 'Hi' });
		expect(shapeMessage(message, 'fields', ['body'])).toEqual({ id: 'm1', body: { content: 'x' } });
	});
});

describe('bodyFormatHeader', () => {
	it('asks for text only when text is chosen', () => {
		expect(bodyFormatHeader('text')).toEqual({ Prefer: 'outlook.body-content-type="text"' });
		expect(bodyFormatHeader(undefined)).toEqual({ Prefer: 'outlook.body-content-type="html"' });
	});
});
