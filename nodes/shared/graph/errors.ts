/**
 * The one place that turns Graph and Entra failures into n8n errors.
 *
 * Graph's raw error body is never passed on as is (it can reflect input and carries correlation ids);
 * the message is built from Graph's `code`, our hint table and the request-id.
 */
import type { Failure, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TEXTS } from './credentialTexts';
import { CLIENT_TEXTS, GRAPH_ERROR_HINTS } from './errorTexts';
import { INPUT_TEXTS } from './inputTexts';
import { GraphError } from './graphError';
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
	/** The IDs the request's path took from input, by the field they came from (printable, at most 200 characters). */
	ids?: Array<{ field: string; value: string }>;
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
 * (`graph/permissions.json`); checked against it by test/shared/graph/errors.test.ts. First match wins.
 */
export const PERMISSION_RULES: readonly PermissionRule[] = Object.freeze([
	{ matches: sendsMail, permission: 'Mail.Send' },
	// Inbox rules live under mailFolders/inbox, but are mailbox settings to Graph's permissions.
	{ matches: on(['GET'], /\/mailFolders\/inbox\/messageRules(\/|$)/i), permission: 'MailboxSettings.Read' },
	{ matches: on(['POST', 'PATCH', 'DELETE'], /\/mailFolders\/inbox\/messageRules(\/|$)/i), permission: 'MailboxSettings.ReadWrite' },
	{
		matches: on(['GET'], /^\/admin\/exchange\/tracing\/messageTraces(\/|$)/i),
		permission: 'ExchangeMessageTrace.Read.All',
		note: 'a tenant-wide administrative permission: it reads the message trace of every mailbox',
	},
	{ matches: on(['GET'], /\/messages\/[^/]+(\/(attachments(\/.*)?|\$value))?$/i), permission: 'Mail.Read' },
	{
		matches: on(['GET'], /\/(messages|mailFolders|childFolders)(\/|$)/i),
		permission: 'Mail.ReadBasic.All',
		note: 'Mail.Read also returns bodies and attachments',
	},
	{ matches: on(['POST', 'PATCH', 'PUT', 'DELETE'], /\/(messages|mailFolders)(\/|$)/i), permission: 'Mail.ReadWrite' },
	{ matches: on(['GET'], /^\/users\/[^/]+$/i), permission: 'User.ReadBasic.All' },
	{
		matches: on(['GET'], /^\/users$/i),
		permission: 'User.ReadBasic.All',
		note: 'User.Read.All to filter on accountEnabled (Enabled Accounts Only)',
	},
	{
		matches: on(['GET'], /^\/groups\/[^/]+\/transitiveMembers(\/microsoft\.graph\.user)?$/i),
		permission: 'GroupMember.ReadBasic.All',
		note: "with User.ReadBasic.All, which reads the members' names and addresses",
	},
	{ matches: on(['GET'], /\/(mailboxSettings|outlook\/masterCategories)(\/|$)/i), permission: 'MailboxSettings.Read' },
	{ matches: on(['POST', 'PATCH', 'DELETE'], /\/(mailboxSettings|outlook\/masterCategories)(\/|$)/i), permission: 'MailboxSettings.ReadWrite' },
	{ matches: on(['POST'], /^\/users\/[^/]+\/getMailTips$/i), permission: 'Mail.Read', note: 'MailTips.ReadBasic.All also works' },
] satisfies PermissionRule[]);

export function permissionFor(method: string, path: string): PermissionRule | undefined {
	return PERMISSION_RULES.find((rule) => rule.matches(method, path));
}

export function hintFor(failure: GraphFailure): string | undefined {
	const rule = permissionFor(failure.method, failure.path);
	const permission = rule?.permission;
	const entry = GRAPH_ERROR_HINTS.find(
		(candidate) =>
			(candidate.status === undefined || candidate.status === failure.status) &&
			(candidate.codes === undefined || candidate.codes.includes(failure.code)) &&
			(candidate.path === undefined || candidate.path.test(failure.path)) &&
			(candidate.message === undefined || candidate.message.test(`${failure.code} ${failure.graphMessage}`)),
	);
	return entry?.hint({ ...failure, permission, permissionNote: rule?.note });
}

/**
 * Why a failed Graph answer failed, as n8n 2.41's error `failure`, which its poll scheduler reads to back off:
 * throttling and outages pass with time; a refused token or permission needs someone to act.
 */
export function failureCause(failure: Pick<GraphFailure, 'status' | 'code' | 'retryAfterMs'>): Failure | undefined {
	const wait = failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {};
	if (failure.status === 429) return { cause: 'rate-limited', ...wait };
	// Exchange answers a rule it cannot store with a 500; nothing is unavailable, the rule must change.
	if (failure.code === 'ErrorInboxRulesValidationError') return undefined;
	if ([500, 502, 503, 504].includes(failure.status)) return { cause: 'temporarily-unavailable', ...wait };
	if (failure.status === 401) return { cause: 'credential-invalid' };
	if (failure.status === 403 || (failure.status === 404 && MAILBOX_NOT_FOUND_CODES.includes(failure.code))) {
		return { cause: 'configuration-invalid' };
	}
	return undefined;
}

const MAILBOX_NOT_FOUND_CODES = ['ErrorInvalidUser', 'Request_ResourceNotFound', 'MailboxNotEnabledForRESTAPI'];

/** Graph's answer, as a GraphError (a NodeApiError) whose message says what to fix. */
export function graphFailureToNodeError(node: INode, failure: GraphFailure, itemIndex?: number): GraphError {
	const hint = hintFor(failure);
	const message = `${failure.code}: ${failure.graphMessage}`.trim();
	return new GraphError(
		node,
		{ status: failure.status, code: failure.code, requestId: failure.requestId, retryAfterMs: failure.retryAfterMs, hint },
		{
			graphMessage: failure.graphMessage,
			message: hint ? `${message} — ${hint}` : message,
			description: [
				CLIENT_TEXTS.graphAnswered(failure.status, failure.method, failure.path),
				hint,
				failure.requestId ? `request-id: ${failure.requestId}` : undefined,
			]
				.filter(Boolean)
				.join(' '),
			itemIndex,
			failure: failureCause(failure),
		},
	);
}

/** An error raised before or instead of a Graph answer (input, token, transport, refused retry). */
export function operationError(node: INode, message: string, description?: string, itemIndex?: number, failure?: Failure) {
	return new NodeOperationError(node, message, { description, itemIndex, failure });
}

/** A credential that cannot sign in or is not filled in right: someone must fix it. */
export function credentialError(node: INode, message: string) {
	return operationError(node, message, CREDENTIAL_TEXTS.fixIt, undefined, { cause: 'credential-invalid' });
}

/** Turns anything thrown while working on one item into an n8n error carrying the item index. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof GraphInputError) {
		return operationError(node, error.message, INPUT_TEXTS.checkParameter(error.field), itemIndex);
	}
	const message = error instanceof Error ? error.message : String(error);
	return operationError(node, message, undefined, itemIndex);
}

/** The value, or the error it failed with: for callers that handle one particular failure themselves. */
export async function settle<T>(promise: Promise<T>): Promise<T | Error> {
	return await promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
