/**
 * Every sentence a user can read in an error of this package, as data: one row per text, a function of what it
 * names where it names something. The code that raises an error picks its row here and never writes its own
 * words, so the texts can be read, reviewed and kept consistent in one place.
 */
import { MAILBOX_CONCURRENCY, MAILBOX_REQUESTS_PER_10_MINUTES, MAILBOX_UPLOAD_MB_PER_5_MINUTES } from './limits';
import type { GraphFailure } from './errors';

const seconds = (ms: number) => Math.ceil(ms / 1000);
const mailboxName = (failure: Pick<GraphFailure, 'mailbox'>) => (failure.mailbox ? `"${failure.mailbox}"` : 'the mailbox');
/** `Message "AAMk…"`, `Folder "inbox"`: the IDs a request took from input, each cut to 200 printable characters. */
const idsGiven = (failure: Pick<GraphFailure, 'ids'>) =>
	failure.ids?.length
		? ` The ID${failure.ids.length > 1 ? 's' : ''} given: ${failure.ids.map((id) => `${id.field} "${id.value}"`).join(', ')}.`
		: '';

const TIME_ZONE_FORMS = 'use a Windows time zone ID such as "W. Europe Standard Time", an IANA name such as "Europe/Berlin", or UTC';
const CATEGORY_RENAME =
	'Graph does not allow renaming a category: create a category with the new name, give it to the messages, then delete the old one';

export interface GraphErrorHint {
	status?: number;
	codes?: string[];
	message?: RegExp;
	/** The request's path (relative to /v1.0) must match, for answers that mean something else elsewhere. */
	path?: RegExp;
	/** One sentence saying what to fix. */
	hint: (failure: GraphFailure & { permission?: string; permissionNote?: string }) => string;
}

/** Graph's answers with what to do about them. First match wins: specific rows before general ones. */
export const GRAPH_ERROR_HINTS: readonly GraphErrorHint[] = Object.freeze([
	{
		status: 403,
		message: /AccessPolicy|RBAC|ApplicationAccessPolicy/i,
		hint: (failure) =>
			`The app may not reach ${mailboxName(failure)}: an Application Access Policy or Exchange RBAC for Applications scope excludes it; add the mailbox to the app's scope or use another mailbox.`,
	},
	{
		status: 403,
		hint: (failure) => {
			// The token holds the least permission of the path, yet the request needs more (its query asks for it).
			if (failure.permission && failure.permissionNote && failure.grantedRoles?.includes(failure.permission)) {
				return `The app holds ${failure.permission}, which is not enough for this request: ${failure.permissionNote}. Add it in Entra ID (app registration > API permissions > Microsoft Graph > Application permissions), then "Grant admin consent". The token grants: ${failure.grantedRoles.join(', ')}.`;
			}
			const needed = failure.permission ? `the application permission ${failure.permission}` : 'an application permission for this request';
			const granted = failure.grantedRoles?.length
				? ` The token grants: ${failure.grantedRoles.join(', ')}.`
				: failure.grantedRoles
					? ' The token grants no application permissions at all.'
					: '';
			return `The app lacks ${needed}, or it is not admin-consented: in Entra ID, open the app registration > API permissions, add Microsoft Graph > Application permissions > ${failure.permission ?? 'the permission'}, then "Grant admin consent".${granted}`;
		},
	},
	{
		status: 404,
		codes: ['ErrorInvalidUser', 'Request_ResourceNotFound', 'ResourceNotFound'],
		message: /user|resource/i,
		hint: (failure) =>
			`Mailbox ${mailboxName(failure)} was not found in this tenant: check the Mailbox parameter (or the credential's Default User Id); use the user's object ID or user principal name.`,
	},
	{
		codes: ['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI', 'ErrorMailboxNotEnabledForRESTAPI'],
		hint: (failure) =>
			`User ${mailboxName(failure)} has no Exchange Online mailbox (unlicensed, inactive, soft-deleted or on-premises): give the user an Exchange Online license or use another mailbox.`,
	},
	{
		codes: ['ErrorItemNotFound'],
		path: /\/masterCategories\//i,
		hint: (failure) =>
			`The category is not in this mailbox's master list: it may have been deleted, or the ID belongs to another mailbox's list.${idsGiven(failure)}`,
	},
	{
		codes: ['ErrorInvalidProperty'],
		path: /\/masterCategories\//i,
		message: /displayName/,
		hint: () => CATEGORY_RENAME,
	},
	{
		codes: ['ErrorDuplicateCategory'],
		hint: () => "The mailbox's master list already has a category of this name (names compare without regard to case): update that one, or choose another name.",
	},
	{
		codes: ['InvalidTimeZone'],
		hint: () => `Exchange does not know the time zone: ${TIME_ZONE_FORMS}.`,
	},
	{
		codes: ['ErrorInvalidScheduledOofDuration'],
		hint: () => 'Exchange schedules automatic replies only for a future date range: the end must be after the start and after now.',
	},
	{
		codes: ['ErrorItemNotFound'],
		hint: (failure) =>
			`The message, folder or attachment was not found in this mailbox: it may have been moved or deleted, or the ID belongs to another mailbox.${idsGiven(failure)}`,
	},
	{
		codes: ['ErrorInvalidIdMalformed', 'ErrorInvalidId'],
		hint: (failure) =>
			`The ID is not a valid Outlook ID: pass the "id" of a message, folder or attachment as Graph returns it.${idsGiven(failure)}`,
	},
	{
		codes: ['ErrorInboxRulesValidationError'],
		hint: () => 'Exchange refused the Inbox rule as given (the field and the reason are in the message): change that field of the rule.',
	},
	{
		codes: ['ErrorNotSupportedMessageRule'],
		hint: () =>
			'The rule was made in Outlook in a form Graph cannot represent (it is read-only to Graph): change or delete it in Outlook.',
	},
	{
		status: 401,
		hint: () =>
			"Graph rejected the app's access token: check that the Scope matches the Graph endpoint (national cloud) and the Token URL's tenant is the mailbox's tenant.",
	},
	{
		status: 429,
		message: /MailboxConcurrency/i,
		hint: () =>
			`Graph is throttling this mailbox: Outlook allows ${MAILBOX_CONCURRENCY} concurrent requests per app and mailbox, and the retries allowed by the credential ran out. Raise Retry Count Max, or run fewer executions on this mailbox at once.`,
	},
	{
		status: 429,
		hint: (failure) =>
			`Graph is throttling this mailbox: Exchange allows an app ${MAILBOX_REQUESTS_PER_10_MINUTES.toLocaleString('en-US')} requests per mailbox in 10 minutes and ${MAILBOX_UPLOAD_MB_PER_5_MINUTES} MB of uploads in 5 minutes, and the retries allowed by the credential ran out. ${failure.retryAfterMs !== undefined ? `Wait ${seconds(failure.retryAfterMs)} s (Graph's Retry-After), then run it again` : 'Wait a few minutes, then run it again'}, or spread the work over a longer time.`,
	},
	{
		status: 503,
		hint: () => 'Graph is temporarily unavailable: try again later, or allow more retries in the credential.',
	},
] satisfies GraphErrorHint[]);

/** What the client says when a request did not get the answer it needs (no Graph error to explain). */
export const CLIENT_TEXTS = {
	graphAnswered: (status: number, method: string, path: string) => `Graph answered ${status} to ${method} ${path}.`,
	gaveUp: (retries: number) => (retries > 0 ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : ''),
	gaveUpSentence: (tries: string) => `Gave up${tries}.`,
	needsUploadTransport: 'This request needs a pre-authenticated URL transport.',
	sameLinkTwice: (path: string) =>
		`Graph returned the same next-page link twice while listing ${path}; paging stopped, so it cannot loop.`,
	tooManyPages: (pages: number, path: string) =>
		`Stopped after ${pages} pages of ${path}: narrow the request with a filter or a limit.`,
	linkNotUrl: 'Graph returned a next-page link that is not a URL; it was not followed.',
	linkOtherOrigin: (host: string) =>
		`Graph returned a next-page link on another host (${host}); it was not followed, so the access token stays with Graph.`,
	linkOtherScope: (scope: string) =>
		`Graph returned a next-page link outside ${scope}; it was not followed, so this request reads nothing of another mailbox or collection.`,
	storedLinkRefused: (kind: string, problem: string) =>
		`Graph returned a ${kind} link that ${problem}; it was not followed or kept, and the trigger's state is unchanged.`,
	uploadExpects: (next: string, sent: number) => `The upload session expects bytes from "${next}", but ${sent} bytes were sent in order.`,
	uploadShort: (given: number, size: number) => `The file gave ${given} of its ${size} bytes.`,
	uploadUnfinished: (next: string, size: number) =>
		`The upload session still expects bytes from "${next}" after all ${size} bytes were sent: the attachment was not added.`,
	uploadUrlNotHttps: 'Graph returned an upload URL that is not https.',
	notJson: (status: number, method: string, path: string, problem: string) =>
		`Graph answered ${status} to ${method} ${path} with ${problem}; it was not used.`,
	notJsonHint:
		'Something between n8n and Graph (a proxy or a captive portal) may have answered instead of Graph: check the Graph Endpoint of the credential and the network.',
	redirect: (who: 'Graph' | 'The upload URL', method: string, path: string, status: number, target: string) =>
		`${who} answered ${method} ${path} with a redirect (${status}) to ${target}; it was not followed, so the request and its credentials went nowhere else.`,
	redirectHint: 'Graph does not redirect its API requests: check the Graph Endpoint of the credential, and any proxy between n8n and Graph.',
	tooLarge: (method: string, path: string, limit: string) =>
		`Graph's answer to ${method} ${path} is larger than ${limit}, the most this node reads; it was not used.`,
	tooLargeHint: 'Ask for fewer items per page or fewer fields.',
	streamTooLarge: (limit: string) => `The answer is larger than ${limit}, the most this node reads.`,
	gateClosed: (retryAfterMs: number, maxWaitMs: number) =>
		`Graph is throttling this mailbox for another ${seconds(retryAfterMs)} s, longer than this node waits (${maxWaitMs / 1000} s): run it again later.`,
	laneThrottled: (retryAfterMs: number) => `The mailbox is throttled for another ${seconds(retryAfterMs)} s.`,
	mayHaveBeenSent: (outcome: string) =>
		`The mail may have been sent: ${outcome}, so its outcome is unknown and it was not sent again.`,
	mayHaveBeenSentHint: 'Check the Sent Items folder of the mailbox before running this item again.',
	retryAfterTooLong: (retryAfterMs: number, maxWaitMs: number) =>
		`Graph asked to wait ${seconds(retryAfterMs)} s before retrying, longer than this node waits (${maxWaitMs / 1000} s): run it again later.`,
	noAnswer: (method: string, path: string, outcome: string, tries: string) =>
		`Graph did not answer ${method} ${path} (${outcome})${tries}.`,
	noAnswerHint: 'Check the network between n8n and Graph, or allow retries with Retry Mode "RetryAny".',
	outcomeStatus: (status: number) => `Graph answered ${status}`,
	outcomeNoAnswer: 'no answer came back',
	batchResponseMissing: 'The $batch answer had no response for this request.',
	notJsonBody: (what: string) => `not JSON (${what})`,
	unreadableJson: (what: string) => `JSON that cannot be read (${what})`,
	notAnObject: (what: string) => `JSON that is not an object (${what})`,
	noLocation: 'no Location given',
} as const;

/** Network codes in words: n8n replaces a whole error message that mentions such a code with its own text. */
export const NETWORK_FAILURES: Readonly<Record<string, string>> = Object.freeze({
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: "Graph's host name was not found",
	EAI_AGAIN: "Graph's host name could not be resolved",
	EHOSTUNREACH: "Graph's host is unreachable",
});

/** One actionable sentence per Entra error the client-credentials flow can meet, by AADSTS code. */
interface TokenErrorRow {
	codes: number[];
	explain: (names: { tenant: string; clientId: string }) => string;
}

export const TOKEN_ERRORS: readonly TokenErrorRow[] = Object.freeze<TokenErrorRow[]>([
	{
		codes: [7000215, 7000216, 7000218],
		explain: () =>
			"The client secret is wrong: in Entra ID > App registrations > your app > Certificates & secrets, copy the secret's Value (not its Secret ID) into the credential.",
	},
	{
		codes: [7000222],
		explain: () =>
			'The client secret has expired: create a new client secret under Certificates & secrets and paste its Value into the credential.',
	},
	{
		codes: [90002, 90023],
		explain: ({ tenant }) =>
			`Tenant "${tenant}" does not exist: put your Directory (tenant) ID, from Entra ID > Overview, in the Token URL.`,
	},
	{
		codes: [700016],
		explain: ({ tenant, clientId }) =>
			`No application with Client ID "${clientId}" exists in tenant "${tenant}": copy the Application (client) ID from the app registration's Overview page, and check the Token URL names the app's tenant.`,
	},
	{
		codes: [50059, 90009, 900144],
		explain: () =>
			'The Token URL names no tenant, which the client-credentials flow needs: replace "common" or "organizations" with your tenant ID.',
	},
	{
		codes: [700027, 700024, 700023, 700021, 7000274, 700026, 5002729],
		explain: () =>
			'Entra ID refused the certificate assertion: upload this certificate (its public part) to the app registration under Certificates & secrets, and use its matching private key.',
	},
	{
		codes: [70011, 1002012],
		explain: () =>
			"The Scope is not valid for the client-credentials flow: use https://graph.microsoft.com/.default (or your national cloud's Graph URL followed by /.default).",
	},
	{
		codes: [7000112, 700025],
		explain: () => 'The application is disabled in this tenant: enable it in Entra ID > Enterprise applications.',
	},
]);

/** Signing in: what the token module and its network client say. */
export const TOKEN_TEXTS = {
	known: (sentence: string, code: number) => `${sentence} (AADSTS${code})`,
	noToken: 'Entra ID returned no access token.',
	unreachable: (host: string) =>
		`Cannot reach the Token URL's host (${host}): check the Token URL and this n8n instance's network access.`,
	notIssued: (code: number | undefined, firstLine: string) =>
		`Entra ID did not issue a token${code ? ` (AADSTS${code})` : ''}: ${firstLine}`,
	unknownError: 'unknown error',
	certificateNotPem: 'The Certificate is not a PEM certificate: paste the whole -----BEGIN CERTIFICATE----- block.',
	redirect: (status: number, target: string) =>
		`The Token URL answered with a redirect (${status}) to ${target}; it was not followed, so the client secret or certificate assertion was not sent there.`,
	answerTooLarge: 'The Token URL answered with more than 1 MB, which is no token answer.',
	notTokenAnswer: (status: number, contentType: string, start: string) =>
		`The Token URL answered ${status} with ${contentType}, starting "${start}", which is no token answer: check the Token URL and any proxy between n8n and Entra ID.`,
	tunnelRefused: (proxy: string, target: string, status: number | undefined) =>
		`The proxy ${proxy} refused the tunnel to ${target} (HTTP ${status}).`,
} as const;

/** The credential's fields, checked when it is read: each sentence says what to fix. */
export const CREDENTIAL_TEXTS = {
	fixIt: 'Fix the Outlook Mail (App) credential.',
	tokenUrlNotUrl: (form: string) => `The Token URL is not a valid URL: use ${form}.`,
	tokenUrlNotHttps: (protocol: string, form: string) => `The Token URL must use https (it uses ${protocol}): use ${form}.`,
	tokenUrlNoTenant: (form: string) => `The Token URL has no tenant before /oauth2: use ${form}.`,
	tokenUrlMultiTenant: (tenant: string) =>
		`The Token URL uses the multi-tenant "/${tenant}" endpoint, which the client-credentials flow cannot use: replace "${tenant}" with your tenant ID (Entra ID > Overview > Tenant ID) or your tenant's domain.`,
	tokenUrlV1: (form: string) =>
		`The Token URL is the v1 endpoint (/oauth2/token), which the v2 scope ".default" does not work with: use ${form}.`,
	tokenUrlPath: (form: string) =>
		`The Token URL's path must be exactly /<tenant-id>/oauth2/v2.0/token (a tenant ID or domain, then /oauth2/v2.0/token, nothing before or after): use ${form}.`,
	empty: (label: string) => `The credential's ${label} is empty: fill it in.`,
	unknownEndpoint: (endpoint: string) => `Unknown Graph endpoint "${endpoint}".`,
	customUrlNotUrl: 'The Custom Graph Base URL is not a valid URL.',
	customUrlNotHttps: 'The Custom Graph Base URL must use https (http only for a loopback host).',
	defaultUser: "The credential's Default User Id",
	statusCode: (code: string) =>
		`The Retry Status Code List has "${code}", which is not an HTTP status code: write codes separated by |, such as 429|503.`,
	countMax: (max: number, value: string) => `Retry Count Max must be a whole number from 0 to ${max} (it is "${value}").`,
	retryMode: (mode: string) => `Retry Mode "${mode}" is unknown: choose None, RetryAny or RetryWhenStatusCodeMatch.`,
} as const;

/** The instant trigger's subscriptions: activation, and the executions it saves as failed. */
export const SUBSCRIPTION_TEXTS = {
	webhookUnreachable: (notificationUrl: string, graphSaid: string) => `Microsoft Graph could not reach this trigger's webhook at ${notificationUrl}: ${graphSaid}`,
	webhookUnreachableHint:
		"Graph must reach n8n from the internet over https and get an answer within 10 seconds. Set n8n's WEBHOOK_URL to its public https address (the one a reverse proxy forwards to n8n), restart n8n, and activate the workflow again.",
	noWebhookUrl: 'n8n gave no webhook URL for this node',
	noSubscriptionId: 'Graph created a subscription but gave no id for it',
	failed: (what: string, message: string) => `Failed ${what}: ${message}`,
} as const;

/** Test Connection: one sentence for what works and for what is wrong. */
export const CONNECTION_TEXTS = {
	notChecked: (granted: string, mailbox: string) =>
		`Connected.${granted} Mailbox "${mailbox}" was not checked: reading it needs Mail.ReadBasic.All or Mail.Read.`,
	granted: (roles: string[]) => (roles.length ? ` Application permissions: ${roles.join(', ')}.` : ''),
	noPermissions:
		'The app signed in but holds no application permissions: add the Microsoft Graph application permission Mail.ReadBasic.All, Mail.Read, Mail.ReadWrite or Mail.Send under API permissions, then click "Grant admin consent" (or grant access with Exchange RBAC for Applications).',
	noMailPermission: (roles: string[]) =>
		`The app has no mail permission (it holds ${roles.join(', ')}): add the Microsoft Graph application permission Mail.ReadBasic.All, Mail.Read, Mail.ReadWrite or Mail.Send, then click "Grant admin consent".`,
	mailboxNotFound: (mailbox: string) =>
		`Mailbox "${mailbox}" was not found in this tenant: check the credential's Default User Id (the user's object ID or user principal name).`,
	viaRbac: ' Access is granted outside the token (Exchange RBAC for Applications).',
	connected: (mailbox: string, granted: string, via: string) => `Connected to mailbox "${mailbox}".${granted}${via}`,
} as const;

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
