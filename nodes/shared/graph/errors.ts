/**
 * The one place that turns Graph and Entra failures into n8n errors.
 *
 * Graph's raw error body is never passed on as is (it can reflect input and carries correlation ids);
 * the message is built from Graph's `code`, our hint table and the request-id.
 */
import type { Failure, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAILBOX_CONCURRENCY, MAILBOX_REQUESTS_PER_10_MINUTES, MAILBOX_UPLOAD_MB_PER_5_MINUTES } from './limits';
import { sendsMail } from './sendsMail';

/** A credential that cannot work; the message is one sentence saying what to fix. */
export class CredentialSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialSettingsError';
	}
}

/** Input that cannot be sent to Graph; fails only its item, naming the field. */
export class GraphInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'GraphInputError';
	}
}

/** What we know about a failed Graph response, already parsed. */
export interface GraphFailure {
	status: number;
	code: string;
	graphMessage: string;
	requestId?: string;
	method: string;
	/** Path relative to /v1.0, without the query. */
	path: string;
	/** Application permissions in the token's `roles` claim, when known. */
	grantedRoles?: string[];
	mailbox?: string;
	/** What Graph's Retry-After asked for, when it sent one. */
	retryAfterMs?: number;
}

interface PermissionRule {
	permission: string;
	note?: string;
	matches(method: string, path: string): boolean;
}

/** A rule for these methods on paths matching `path`. */
const on = (methods: string[], path: RegExp) => (method: string, requestPath: string) =>
	methods.includes(method.toUpperCase()) && path.test(requestPath);

/**
 * Least-privileged application permission per request, from Graph's permission reference
 * (`graph/permissions.json`); checked against it by test/graph/errors.test.ts. First match wins.
 */
export const PERMISSION_RULES: readonly PermissionRule[] = Object.freeze([
	{ matches: sendsMail, permission: 'Mail.Send' },
	{ matches: on(['GET'], /\/messages\/[^/]+(\/(attachments(\/.*)?|\$value))?$/i), permission: 'Mail.Read' },
	{
		matches: on(['GET'], /\/(messages|mailFolders|childFolders)(\/|$)/i),
		permission: 'Mail.ReadBasic.All',
		note: 'Mail.Read also returns bodies and attachments',
	},
	{ matches: on(['POST', 'PATCH', 'PUT', 'DELETE'], /\/(messages|mailFolders)(\/|$)/i), permission: 'Mail.ReadWrite' },
	{ matches: on(['GET'], /^\/users\/[^/]+$/i), permission: 'User.ReadBasic.All' },
] satisfies PermissionRule[]);

export function permissionFor(method: string, path: string): PermissionRule | undefined {
	return PERMISSION_RULES.find((rule) => rule.matches(method, path));
}

interface GraphErrorHint {
	status?: number;
	codes?: string[];
	message?: RegExp;
	/** One sentence saying what to fix. */
	hint: (failure: GraphFailure) => string;
}

const mailboxName = (failure: GraphFailure) => (failure.mailbox ? `"${failure.mailbox}"` : 'the mailbox');

/** First match wins: specific entries before general ones. */
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
			const rule = permissionFor(failure.method, failure.path);
			const needed = rule ? `the application permission ${rule.permission}` : 'an application permission for this request';
			const granted = failure.grantedRoles?.length
				? ` The token grants: ${failure.grantedRoles.join(', ')}.`
				: failure.grantedRoles
					? ' The token grants no application permissions at all.'
					: '';
			return `The app lacks ${needed}, or it is not admin-consented: in Entra ID, open the app registration > API permissions, add Microsoft Graph > Application permissions > ${rule?.permission ?? 'the permission'}, then "Grant admin consent".${granted}`;
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
		hint: () =>
			'The message, folder or attachment was not found in this mailbox: it may have been moved or deleted, or the ID belongs to another mailbox.',
	},
	{
		codes: ['ErrorInvalidIdMalformed', 'ErrorInvalidId'],
		hint: () => 'The ID is not a valid Outlook ID: pass the "id" of a message, folder or attachment as Graph returns it.',
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
			`Graph is throttling this mailbox: Exchange allows an app ${MAILBOX_REQUESTS_PER_10_MINUTES.toLocaleString('en-US')} requests per mailbox in 10 minutes and ${MAILBOX_UPLOAD_MB_PER_5_MINUTES} MB of uploads in 5 minutes, and the retries allowed by the credential ran out. ${failure.retryAfterMs !== undefined ? `Wait ${Math.ceil(failure.retryAfterMs / 1000)} s (Graph's Retry-After), then run it again` : 'Wait a few minutes, then run it again'}, or spread the work over a longer time.`,
	},
	{
		status: 503,
		hint: () => 'Graph is temporarily unavailable: try again later, or allow more retries in the credential.',
	},
] satisfies GraphErrorHint[]);

export function hintFor(failure: GraphFailure): string | undefined {
	const entry = GRAPH_ERROR_HINTS.find(
		(candidate) =>
			(candidate.status === undefined || candidate.status === failure.status) &&
			(candidate.codes === undefined || candidate.codes.includes(failure.code)) &&
			(candidate.message === undefined || candidate.message.test(`${failure.code} ${failure.graphMessage}`)),
	);
	return entry?.hint(failure);
}

/**
 * Why a failed Graph answer failed, as n8n 2.41's error `failure`, which its poll scheduler reads to back off:
 * throttling and outages pass with time; a refused token or permission needs someone to act.
 */
export function failureCause(failure: Pick<GraphFailure, 'status' | 'code' | 'retryAfterMs'>): Failure | undefined {
	const wait = failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {};
	if (failure.status === 429) return { cause: 'rate-limited', ...wait };
	if ([500, 502, 503, 504].includes(failure.status)) return { cause: 'temporarily-unavailable', ...wait };
	if (failure.status === 401) return { cause: 'credential-invalid' };
	if (failure.status === 403 || (failure.status === 404 && MAILBOX_NOT_FOUND_CODES.includes(failure.code))) {
		return { cause: 'configuration-invalid' };
	}
	return undefined;
}

const MAILBOX_NOT_FOUND_CODES = ['ErrorInvalidUser', 'Request_ResourceNotFound', 'MailboxNotEnabledForRESTAPI'];

/** Graph's answer, as a NodeApiError whose message says what to fix. */
export function graphFailureToNodeError(node: INode, failure: GraphFailure, itemIndex?: number): NodeApiError {
	const hint = hintFor(failure);
	const message = `${failure.code}: ${failure.graphMessage}`.trim();
	const error = new NodeApiError(node, { code: failure.code, message: failure.graphMessage } as JsonObject, {
		message: hint ? `${message} — ${hint}` : message,
		description: [
			`Graph answered ${failure.status} to ${failure.method} ${failure.path}.`,
			hint,
			failure.requestId ? `request-id: ${failure.requestId}` : undefined,
		]
			.filter(Boolean)
			.join(' '),
		httpCode: String(failure.status),
		itemIndex,
		failure: failureCause(failure),
	});
	error.context.graphCode = failure.code;
	if (hint) error.context.hint = hint;
	return error;
}

/** An error raised before or instead of a Graph answer (input, token, transport, refused retry). */
export function operationError(node: INode, message: string, description?: string, itemIndex?: number, failure?: Failure) {
	return new NodeOperationError(node, message, { description, itemIndex, failure });
}

/** A credential that cannot sign in or is not filled in right: someone must fix it. */
export function credentialError(node: INode, message: string) {
	return operationError(node, message, 'Fix the Outlook Mail (App) credential.', undefined, { cause: 'credential-invalid' });
}

/** Turns anything thrown while working on one item into an n8n error carrying the item index. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof GraphInputError) {
		return operationError(node, error.message, `Check the "${error.field}" parameter.`, itemIndex);
	}
	const message = error instanceof Error ? error.message : String(error);
	return operationError(node, message, undefined, itemIndex);
}

/** The value, or the error it failed with: for callers that handle one particular failure themselves. */
export async function settle<T>(promise: Promise<T>): Promise<T | Error> {
	return await promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
