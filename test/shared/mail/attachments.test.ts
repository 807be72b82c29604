import { attachmentKind, attachmentMetadata, safeFileName, safeMimeType } from '../../../nodes/shared/mail/attachments';

describe('attachments', () => {
	it('tells the kind of an attachment from its @odata.type', () => {
		expect(attachmentKind({ '@odata.type': '#microsoft.graph.fileAttachment' })).toBe('file');
		expect(attachmentKind({ '@odata.type': '#microsoft.graph.itemAttachment' })).toBe('item');
		expect(attachmentKind({ '@odata.type': '#microsoft.graph.referenceAttachment' })).toBe('reference');
		expect(attachmentKind({})).toBeUndefined();
	});

	it('outputs metadata without annotations, content bytes or the attached item, with its kind as type', () => {
		expect(
			attachmentMetadata({ '@odata.type': '#microsoft.graph.fileAttachment', '@odata.mediaContentType': 'x', id: 'a1', name: 'r.pdf', contentBytes: 'AAAA', item: {} }),
		).toEqual({ id: 'a1', name: 'r.pdf', type: 'file' });
		expect(attachmentMetadata({ id: 'a2' })).toEqual({ id: 'a2', type: null });
	});

	it.each([
		['report.pdf', 'report.pdf'],
		['../../etc/passwd', '.._.._etc_passwd'],
		['a\u0000b\r\nc', 'a_b__c'],
		['..', 'fallback'],
		['   ', 'fallback'],
		[42, 'fallback'],
		['x'.repeat(300), 'x'.repeat(255)],
	])('makes the file name %p safe as %p', (name, safe) => {
		expect(safeFileName(name, 'fallback')).toBe(safe);
	});

	it.each([
		['application/pdf', 'application/pdf'],
		['text/plain; charset="utf-8"', 'text/plain; charset="utf-8"'],
		['text/html\r\nX-Injected: 1', 'application/octet-stream'],
		['not a type', 'application/octet-stream'],
		[undefined, 'application/octet-stream'],
	])('keeps the MIME type %p only when it is one (%p)', (type, kept) => {
		expect(safeMimeType(type)).toBe(kept);
	});
});
