/**
 * Every sentence a user can read in an error of this package is data, one row per text, a function of what it
 * names where it names something, in one of three files: this one (Graph's answers, the client's and the
 * subscriptions' own texts), credentialTexts.ts (signing in, the credential, Test Connection) and inputTexts.ts
 * (parameters that cannot be sent). The code that raises an error picks its row there and never writes its own
 * words, so the texts can be read, reviewed and kept consistent.
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

/** Phrases Graph's answers and the input checks share. */
export const TIME_ZONE_FORMS = 'use a Windows time zone ID such as "W. Europe Standard Time", an IANA name such as "Europe/Berlin", or UTC';
export const CATEGORY_RENAME =
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

/** The instant trigger's subscriptions: activation, and the executions it saves as failed. */
export const SUBSCRIPTION_TEXTS = {
	webhookUnreachable: (notificationUrl: string, graphSaid: string) => `Microsoft Graph could not reach this trigger's webhook at ${notificationUrl}: ${graphSaid}`,
	webhookUnreachableHint:
		"Graph must reach n8n from the internet over https and get an answer within 10 seconds. Set n8n's WEBHOOK_URL to its public https address (the one a reverse proxy forwards to n8n), restart n8n, and activate the workflow again.",
	noWebhookUrl: 'n8n gave no webhook URL for this node',
	noSubscriptionId: 'Graph created a subscription but gave no id for it',
	failed: (what: string, message: string) => `Failed ${what}: ${message}`,
} as const;
