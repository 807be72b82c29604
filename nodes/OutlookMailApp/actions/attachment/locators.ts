import { resourceLocator } from '../../descriptions/common.description';

/** One attachment of the message chosen in "Message" (listed by searchAttachments). */
export const attachmentLocator = resourceLocator({
	name: 'attachmentId',
	displayName: 'Attachment',
	searchListMethod: 'searchAttachments',
	idPlaceholder: 'e.g. AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbuK-AAABEgAQAMkpJI_X-LJOhHfSgD2CDWE=',
	description: 'The attachment, from the list of the message\'s attachments, or by ID',
});
