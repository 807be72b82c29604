import { OUTLOOK_WEB_MESSAGE_URL } from '../helpers/locators';
import { resourceLocator } from './common.description';

export const messageLocator = resourceLocator({
	name: 'messageId',
	displayName: 'Message',
	searchListMethod: 'searchMessages',
	idPlaceholder: 'e.g. AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbuK-AAA=',
	urlPlaceholder: 'e.g. https://outlook.office365.com/owa/?ItemID=AAMkAGVm...%3D&exvsurl=1&viewmodel=ReadMessageItem',
	urlRegex: OUTLOOK_WEB_MESSAGE_URL,
});

/** A folder parameter; "By ID" also takes well-known names such as inbox, sentitems or archive. */
export function folderLocator(name: string, displayName: string, description?: string) {
	return resourceLocator({
		name,
		displayName,
		searchListMethod: 'searchFolders',
		idPlaceholder: 'e.g. inbox, sentitems, archive, or AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAA=',
		description:
			description ??
			'The folder, by full path from the list, or by ID. Well-known names work as IDs: inbox, drafts, sentitems, deleteditems, junkemail, archive, outbox, msgfolderroot.',
	});
}

/** One attachment of the message chosen in "Message" (listed by searchAttachments). */
export const attachmentLocator = resourceLocator({
	name: 'attachmentId',
	displayName: 'Attachment',
	searchListMethod: 'searchAttachments',
	idPlaceholder: 'e.g. AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbuK-AAABEgAQAMkpJI_X-LJOhHfSgD2CDWE=',
	description: 'The attachment, from the list of the message\'s attachments, or by ID',
});
