/** The sentences of input that cannot be sent, each naming its field (see errorTexts.ts for how the texts are kept). */

import { CATEGORY_RENAME, TIME_ZONE_FORMS } from './errorTexts';

/** Input that cannot be sent: each sentence names the field it came from. */
export const INPUT_TEXTS = {
	checkParameter: (field: string) => `Check the "${field}" parameter.`,
	mustBeText: (field: string) => `${field} must be text`,
	mustBeTextNot: (field: string, type: string) => `${field} must be text, not ${type}`,
	empty: (field: string) => `${field} is empty`,
	dotSegment: (field: string) => `${field} cannot be "." or ".."`,
	controlCharacters: (field: string) => `${field} contains control characters (such as a line break)`,
	queryOption: (key: string) => `The query option ${key}`,
	unencodable: (field: string) =>
		`${field} contains text that cannot be encoded (an unpaired UTF-16 surrogate, such as "\\uD800"): check the expression that gives it`,
	mailboxNotText: (field: string, type: string) =>
		`${field} must be text (a user principal name, email address or object ID), not ${type}`,
	mailboxTooLong: (field: string, max: number) => `${field} is longer than ${max} characters, longer than any mailbox name`,
	notAMailbox: (field: string, shown: string) =>
		`${field} "${shown}" is not a mailbox: use a user principal name or email address (name@domain) or an object ID (GUID)`,
	textOrList: (field: string) => `${field} must be text or a list`,
	textOrListOfText: (field: string) => `${field} must be text or a list of text`,
	notAnAddress: (field: string, text: string) => `${field}: "${text}" is not an email address`,
	noAddressIn: (field: string, json: string) => `${field}: ${json} holds no email address`,
	addressesAsTextOrList: (field: string) => `${field} must be email addresses, as text or a list`,
	noRecipient: 'To: give at least one recipient (To, CC or BCC)',
	forwardNeedsRecipient: 'To: a forward needs at least one recipient',
	headersNotAList: (field: string) => `${field} must be a list of headers`,
	headerName: (name: string) =>
		`Custom header "${name}" cannot be sent: Graph takes only header names that start with "x-" and hold no spaces or colons`,
	headerLineBreak: (name: string) => `The value of custom header "${name}" contains a line break`,
	tooManyHeaders: (max: number, given: number) => `Graph takes at most ${max} custom headers per message (${given} given)`,
	bodyFormat: 'Body Format must be "html" or "text"',
	bodyFormatWithoutBody: 'Body Format needs a Message to apply to',
	importance: (field: string) => `${field} must be "low", "normal" or "high"`,
	notADate: (field: string, value: string) =>
		`${field}: "${value}" is not a date and time (use ISO 8601, such as 2024-06-01T09:00:00Z)`,
	urlWithoutId: (field: string) => `${field}: the URL holds no Outlook ID`,
	customFilter: (field: string) =>
		`${field} is not one expression: its parentheses do not balance or a quoted text is not closed, so it cannot be combined with the other filters`,
	limit: 'Limit must be a whole number of at least 1',
	emptyFile: (name: string) => `The file "${name}" is empty`,
	fileTooLarge: (name: string, megabytes: number) => `The file "${name}" is ${megabytes} MB; Outlook takes attachments up to 150 MB`,
	fileNameForOne: 'File Name can be set only when one binary field is attached',
	flagStatus: 'Flag Status must be "notFlagged", "flagged" or "complete"',
	flagDatesNeedFlagged: 'Flag dates apply only to Flag Status "Flagged"',
	categoriesMode: 'Categories Mode must be "add", "remove" or "replace"',
	categoriesModeAlone: 'Categories Mode needs Categories to add, remove or replace',
	nothingToUpdate: 'Add at least one field to change',
	nothingToUpdateDraft: 'Add at least one field to change, or attachments to add',
	folderPathDots: (field: string) => `${field}: a folder path cannot have "." or ".." levels; give each folder's name`,
	folderTreeTooDeep: (below: string, max: number) =>
		`The folder tree below "${below}" is deeper than ${max} levels (the depth limit of a folder walk): list a folder further down with Parent Folder, or turn Recursive off`,
	tooManyFolders: (max: number) =>
		`There are more than ${max.toLocaleString('en-US')} folders to list (the count limit of a folder walk): set a Limit, or list a folder further down with Parent Folder`,
	folderCycle: (name: string) =>
		`Graph returned folders whose parents form a cycle (folder "${name}" is its own ancestor): the folder's path cannot be built`,
	folderTooDeep: (max: number) =>
		`The folder is more than ${max} levels below the top of the mailbox (the depth limit of a folder walk): its path was not built`,
	watchedFoldersNotList: (field: string, type: string) => `${field} must be a list of folder IDs, not ${type}`,
	watchedFolderNotText: (field: string, type: string) => `${field} must be a list of folder IDs (text), not hold ${type}`,
	noMatchingMessage: 'No message in the watched folders matches the filters (among the 50 newest of each folder)',
	noMatchingMessageHint: 'Send a matching message to the mailbox, or loosen the filters, then fetch again.',
	triggerEvent: (events: readonly string[]) => `Trigger On must be one of ${events.join(', ')}`,
	eventCategoryMissing: (field: string) => `${field}: give the category whose gaining starts the workflow`,
	startNotIsoDate: 'The date the trigger reads changes from is not an ISO date; it was not put in the query.',
	unknownTimeZone: (field: string, text: string) => `${field}: "${text}" is not a time zone Exchange knows: ${TIME_ZONE_FORMS}`,
	automaticRepliesStatus: 'Status must be "disabled", "alwaysEnabled" or "scheduled"',
	externalAudience: 'External Audience must be "none", "contactsOnly" or "all"',
	scheduleNeeds: (field: string) => `${field}: Scheduled automatic replies need a start and an end`,
	scheduleEndNotAfterStart: (start: string, end: string) =>
		`End: automatic replies must end after they start (Start ${start}, End ${end})`,
	scheduleEndPassed: (end: string, zone: string) =>
		`End: ${end} (${zone}) has passed; Exchange schedules automatic replies only for a future date range`,
	categoryColor: (field: string, text: string, names: string) =>
		`${field}: "${text}" is not an Outlook category colour: use one of ${names}, or preset0 to preset24`,
	categoryRename: (current: string, given: string) =>
		`Name: "${current}" cannot become "${given}". ${CATEGORY_RENAME}`,
	categoryNameNotFound: (field: string, name: string) => `${field}: the mailbox's master list has no category named "${name}"`,
	locale: (field: string, text: string) => `${field}: "${text}" is not a language tag such as "en-US" or "de-DE"`,
	timeOfDay: (field: string, text: string) => `${field}: "${text}" is not a time of day such as 08:30 or 17:00`,
	workingHoursOrder: (start: string, end: string) =>
		`Working Hours End must be after Working Hours Start (${start} to ${end}): Outlook's working hours do not cross midnight`,
	dayOfWeek: (field: string, text: string) => `${field}: "${text}" is not a day of the week (sunday to saturday)`,
	noMailTipsRecipient: 'Recipients: give at least one email address',
	noMailTips: 'Tips: choose at least one tip to ask for',
	mailTipsType: (text: string) => `Tips: "${text}" is not a mail tip Graph knows`,
	unsupportedOperation: (operation: string) => `The operation "${operation}" is not supported`,
	notDomain: (field: string) => `${field} must be a domain name, such as contoso.com`,
	mailboxListNotList: (field: string, type: string) => `${field} must be a list of mailboxes (text, comma-separated, or a list), not ${type}`,
	noMailboxToWatch: (field: string) => `${field} names no mailbox to watch`,
	tooManyMailboxes: (count: number, max: number) =>
		`The trigger would watch ${count.toLocaleString('en-US')} mailboxes, more than the ${max.toLocaleString('en-US')} one trigger watches at most: split them over several triggers (a group each, or lists)`,
	everyMailboxFailed: (count: number, first: string) =>
		`All ${count} watched mailboxes failed in this poll; the first error: ${first}`,
	groupMembersUnread: 'The members of the watched group could not be read, and none were read before',
	pathAbsolute: (field: string) =>
		`${field} must be a path relative to Graph's API version, such as /users/{mailbox}/messages, not a URL or a path starting with //: the request goes only to the credential's Graph endpoint`,
	pathBackslash: (field: string) => `${field} cannot contain "\\": separate the path's segments with "/"`,
	pathQuery: (field: string) => `${field} cannot contain "?" or "#": put query options under Query Parameters`,
	pathEmptySegment: (field: string) => `${field} has an empty segment ("//"): give each segment of the path`,
	pathVersion: (field: string, version: string) =>
		`${field} starts with the API version "${version}": leave it out and choose the version under API Version`,
	pathBadEscape: (field: string, part: string) => `${field}: "${part}" holds a "%" that is not a valid percent-encoding`,
	pathEncodedSlash: (field: string, part: string) =>
		`${field}: "${part}" holds an encoded "/" or "\\", which could change the path: give the path's segments as they are`,
	pathSpaces: (field: string, part: string) => `${field}: the segment "${part}" starts or ends with a space`,
	batchPath: (field: string) =>
		`${field}: $batch cannot be sent through Graph Request: the node batches requests itself (Request Options > Batching), and a batch could hide a send`,
	headerNotAllowed: (name: string) =>
		`Header "${name}" cannot be set: the node sets it (Authorization carries the app's token, Host is the Graph endpoint's)`,
	headerNameInvalid: (name: string) => `Header name "${name}" is not a valid HTTP header name`,
	jsonBody: (field: string, problem: string) => `${field} is not valid JSON: ${problem}`,
	noBinary: (field: string) => `Input Binary Field: the item has no binary data in field "${field}"`,
	returnAllBinary: 'Return All follows @odata.nextLink through JSON pages: choose Response Format "JSON", or turn Return All off',
	ruleSequence: 'Sequence must be a whole number of at least 1 (the order Exchange runs the rules in)',
	ruleName: 'Name is empty: Exchange refuses a rule without a name',
	ruleNoAction: 'Actions: add at least one action; Exchange refuses a rule that does nothing',
	ruleSizeRange: (field: string) => `${field}: sizes are kilobytes, 0 or more, and the minimum cannot be above the maximum`,
	ruleSensitivity: (field: string) => `${field} must be "normal", "personal", "private" or "confidential"`,
	folderPathNotFound: (field: string, path: string, level: string) =>
		`${field}: the mailbox has no folder "${level}" on the path "${path}" (paths start at the top of the mailbox, such as Inbox/Clients)`,
	traceWindowBoth: 'Received After and Received Before go together: give both, or neither for the last 48 hours',
	traceWindowOrder: 'Received After must be before Received Before',
	traceWindowLength: (days: number) => `The time window is longer than ${days} days, the most Graph's message trace searches at once: split it`,
	traceWindowAge: (days: number) => `Received After is more than ${days} days ago: Graph's message trace keeps ${days} days`,
	traceId: 'Message Trace ID must be the trace\'s "id" (a GUID), as Message Trace > Get Many returns it',
	traceStatus: (value: string) => `Status "${value}" is not a message trace status`,
} as const;
