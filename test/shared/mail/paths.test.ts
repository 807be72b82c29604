import {
	attachmentPath,
	attachmentsPath,
	childFoldersPath,
	folderDeltaPath,
	mailFolderPath,
	messagePath,
	messagesPath,
} from '../../../nodes/shared/mail/paths';

const mailbox = 'adele@contoso.com';
const fields = (path: { ids: ReadonlyArray<{ field: string; value: string }> }) => path.ids.map((id) => `${id.field}=${id.value}`);

describe('mail paths', () => {
	it('build each address of the mail API from checked segments, each naming its field', () => {
		expect(String(messagesPath(mailbox))).toBe('/users/adele%40contoso.com/messages');
		expect(String(messagePath(mailbox, 'AAMk/1'))).toBe('/users/adele%40contoso.com/messages/AAMk%2F1');
		expect(fields(messagePath(mailbox, 'd1', 'Draft'))).toEqual(['Draft=d1']);
		expect(String(mailFolderPath(mailbox, 'inbox'))).toBe('/users/adele%40contoso.com/mailFolders/inbox');
		expect(String(childFoldersPath(mailbox))).toBe('/users/adele%40contoso.com/mailFolders');
		expect(String(childFoldersPath(mailbox, 'f1'))).toBe('/users/adele%40contoso.com/mailFolders/f1/childFolders');
		expect(String(attachmentsPath(mailbox, 'm1'))).toBe('/users/adele%40contoso.com/messages/m1/attachments');
		expect(fields(attachmentPath(mailbox, 'm1', 'a1'))).toEqual(['Message=m1', 'Attachment=a1']);
		expect(String(folderDeltaPath(mailbox, 'inbox'))).toBe('/users/adele%40contoso.com/mailFolders/inbox/messages/delta');
		expect(folderDeltaPath(mailbox, 'inbox').mailbox).toBe(mailbox);
	});

	it('refuse an ID that is not one segment, naming its field', () => {
		expect(() => attachmentPath(mailbox, 'm1', '..')).toThrow('Attachment cannot be "." or ".."');
		expect(() => mailFolderPath(mailbox, '', 'Parent Folder')).toThrow('Parent Folder is empty');
		expect(() => messagePath('..', 'm1')).toThrow('Mailbox cannot be "." or ".."');
	});
});
