import type { GraphHandler, PlainHandler, TenantHandler } from './context';
import type { Workload } from '../graph/graph-errors';
import * as attachments from '../handlers/attachments';
import * as categories from '../handlers/categories';
import * as control from '../handlers/control';
import { messageDelta } from '../handlers/delta';
import * as folders from '../handlers/folders';
import * as groups from '../handlers/groups';
import { SINGLE_SETTINGS, getMailboxSetting, getMailboxSettings } from '../handlers/mailbox-settings';
import { updateMailboxSettings } from '../handlers/mailbox-settings-update';
import { getMailTips } from '../handlers/mail-tips';
import * as traces from '../handlers/message-traces';
import * as messages from '../handlers/messages';
import * as rules from '../handlers/rules';
import * as send from '../handlers/send';
import * as subscriptions from '../handlers/subscriptions';
import { token } from '../handlers/token';
import * as uploads from '../handlers/uploads';
import * as users from '../handlers/users';
import { permissionEntry, permissionPath } from '../graph/permissions';

/**
 * The whole emulated API: one line per method and path. `{name}` matches one decoded path segment; literal
 * segments match case-insensitively, as Graph's do; a function-call segment `fn(param={name})` matches a call of
 * that function (matchFunction). Graph routes are authorised from the permission reference
 * (the path with its parameters written {id}), resolve {user} in the token's tenant, and count against that
 * user's mailbox when the path goes past the user.
 */

interface RouteBase {
	method: string;
	pattern: string;
	segments: readonly string[];
}

export interface GraphRoute extends RouteBase {
	kind: 'graph';
	handler: GraphHandler;
	/** Which service answers: the directory (user objects) or Exchange (mail). Decides error codes. */
	workload: Workload;
	/** Key into data/mail-permissions.json. */
	permission: string;
}

/** A Graph route outside any one user: no {user} to resolve, no mailbox to throttle. */
export interface TenantRoute extends RouteBase {
	kind: 'tenant';
	handler: TenantHandler;
	workload: Workload;
	permission: string;
}

export interface PlainRoute extends RouteBase {
	/** `upload`: the upload origin (Outlook's, in Graph): authorized by the URL's token, not by a bearer token. */
	kind: 'token' | 'control' | 'upload';
	handler: PlainHandler;
}

/**
 * `POST /v1.0/$batch`: JSON batching. It has no handler of its own: server.ts replays each sub-request through
 * this same table (batch.ts schedules them), so every route answers inside a batch exactly as outside one.
 */
export interface BatchRoute extends RouteBase {
	kind: 'batch';
}

export type Route = GraphRoute | TenantRoute | PlainRoute | BatchRoute;

const split = (pattern: string): string[] => pattern.split('/').slice(1);

function graph(method: string, pattern: string, handler: GraphHandler): GraphRoute {
	const permission = permissionPath(pattern);
	if (!permissionEntry(method, permission)) throw new Error(`route ${method} ${pattern}: no entry ${permission} in mail-permissions.json`);
	const workload: Workload = /^\/v1\.0\/users\/\{user\}$/.test(pattern) ? 'directory' : 'exchange';
	return { kind: 'graph', method, pattern, segments: split(pattern), handler, workload, permission };
}

/**
 * A route of the tenant, not of one user (`/v1.0/users`, `/v1.0/groups/{group}/...`, `/v1.0/subscriptions`, ...):
 * authorised from the permission reference like any Graph route; `workload` decides the error envelope.
 */
function tenant(method: string, pattern: string, handler: TenantHandler, workload: Workload = 'directory'): TenantRoute {
	const permission = permissionPath(pattern);
	if (!permissionEntry(method, permission)) throw new Error(`route ${method} ${pattern}: no entry ${permission} in mail-permissions.json`);
	return { kind: 'tenant', method, pattern, segments: split(pattern), handler, workload, permission };
}

const plain = (kind: PlainRoute['kind'], method: string, pattern: string, handler: PlainHandler): PlainRoute => ({
	kind,
	method,
	pattern,
	segments: split(pattern),
	handler,
});

const USER = '/v1.0/users/{user}';
const MAIL_FOLDER = `${USER}/mailFolders/{folder}`;
const CHILD_FOLDER = `${MAIL_FOLDER}/childFolders/{child}`;
const MESSAGE = `${USER}/messages/{message}`;
const FOLDER_MESSAGE = `${MAIL_FOLDER}/messages/{message}`;
const CATEGORIES = `${USER}/outlook/masterCategories`;
/** Graph serves Inbox rules under the well-known name only (its permission reference lists no other path). */
const RULES = `${USER}/mailFolders/inbox/messageRules`;
const MESSAGE_TRACES = '/v1.0/admin/exchange/tracing/messageTraces';
/** The upload origin: `/upload/api/gv1.0/users('{user}@{tenant}')/messages('{message}')/AttachmentSessions('{session}')`. */
const UPLOAD_SESSION = '/upload/api/gv1.0/{users}/{messages}/{session}';

/** The routes on a message, under /messages/{message} and under a folder's /messages/{message}. */
function messageRoutes(base: string): GraphRoute[] {
	return [
		graph('GET', base, messages.getMessage),
		graph('PATCH', base, messages.updateMessage),
		graph('DELETE', base, messages.deleteMessage),
		graph('GET', `${base}/$value`, messages.getMessageMime),
		graph('POST', `${base}/move`, messages.moveMessage),
		graph('POST', `${base}/copy`, messages.copyMessage),
		graph('POST', `${base}/permanentDelete`, messages.permanentlyDeleteMessage),
		graph('POST', `${base}/send`, send.sendDraft),
		graph('POST', `${base}/reply`, send.reply),
		graph('POST', `${base}/replyAll`, send.replyAll),
		graph('POST', `${base}/forward`, send.forward),
		graph('POST', `${base}/createReply`, send.createReply),
		graph('POST', `${base}/createReplyAll`, send.createReplyAll),
		graph('POST', `${base}/createForward`, send.createForward),
		graph('GET', `${base}/attachments`, attachments.listAttachments),
		graph('POST', `${base}/attachments`, attachments.addAttachment),
		graph('POST', `${base}/attachments/createUploadSession`, attachments.createUploadSession),
		graph('GET', `${base}/attachments/{attachment}`, attachments.getAttachment),
		graph('DELETE', `${base}/attachments/{attachment}`, attachments.deleteAttachment),
		graph('GET', `${base}/attachments/{attachment}/$value`, attachments.getAttachmentContent),
	];
}

/** The routes on a folder, for top-level (mailFolders/{folder}) and child (childFolders/{child}) paths. */
function folderRoutes(base: string): GraphRoute[] {
	return [
		graph('PATCH', base, folders.updateFolder),
		graph('DELETE', base, folders.deleteFolder),
		graph('POST', `${base}/move`, folders.moveFolder),
		graph('POST', `${base}/copy`, folders.copyFolder),
		graph('POST', `${base}/permanentDelete`, folders.permanentlyDeleteFolder),
		graph('POST', `${base}/childFolders`, folders.createChildFolder),
		graph('POST', `${base}/messages`, messages.createDraft),
	];
}

export const ROUTES: readonly Route[] = [
	plain('control', 'POST', '/_emulator/reset', control.reset),
	plain('control', 'GET', '/_emulator/requests', control.listRequests),
	plain('control', 'DELETE', '/_emulator/requests', control.clearRequests),
	plain('control', 'GET', '/_emulator/faults', control.listFaults),
	plain('control', 'POST', '/_emulator/faults', control.addFaults),
	plain('control', 'DELETE', '/_emulator/faults', control.clearFaults),
	plain('control', 'DELETE', '/_emulator/deltaTokens', control.expireDeltaTokens),
	plain('control', 'GET', '/_emulator/subscriptions', control.listAllSubscriptions),
	plain('control', 'POST', '/_emulator/subscriptions/{subscription}/lifecycle', control.sendLifecycleNotification),
	plain('control', 'GET', '/_emulator/notifications', control.getNotifications),
	plain('control', 'POST', '/_emulator/notifications', control.configureNotifications),

	plain('token', 'POST', '/{tenant}/oauth2/v2.0/token', token),

	{ kind: 'batch', method: 'POST', pattern: '/v1.0/$batch', segments: split('/v1.0/$batch') },

	plain('upload', 'PUT', UPLOAD_SESSION, uploads.putChunk),
	plain('upload', 'DELETE', UPLOAD_SESSION, uploads.cancel),

	tenant('GET', '/v1.0/users', users.listUsers),
	tenant('POST', '/v1.0/subscriptions', subscriptions.createSubscription, 'exchange'),
	tenant('GET', '/v1.0/subscriptions', subscriptions.listSubscriptions, 'exchange'),
	tenant('GET', '/v1.0/subscriptions/{subscription}', subscriptions.getSubscription, 'exchange'),
	tenant('PATCH', '/v1.0/subscriptions/{subscription}', subscriptions.updateSubscription, 'exchange'),
	tenant('DELETE', '/v1.0/subscriptions/{subscription}', subscriptions.deleteSubscription, 'exchange'),
	tenant('POST', '/v1.0/subscriptions/{subscription}/reauthorize', subscriptions.reauthorizeSubscription, 'exchange'),
	tenant('GET', '/v1.0/groups', groups.listGroups),
	tenant('GET', '/v1.0/groups/{group}', groups.getGroup),
	tenant('GET', '/v1.0/groups/{group}/transitiveMembers', groups.listTransitiveMembers),
	tenant('GET', '/v1.0/groups/{group}/transitiveMembers/microsoft.graph.user', groups.listTransitiveUsers),
	tenant('GET', MESSAGE_TRACES, traces.listMessageTraces, 'exchange'),
	tenant('GET', `${MESSAGE_TRACES}/{trace}/getDetailsByRecipient(recipientAddress={address})`, traces.messageTraceDetails, 'exchange'),
	graph('GET', USER, users.getUser),
	graph('GET', `${USER}/mailboxSettings`, getMailboxSettings),
	graph('PATCH', `${USER}/mailboxSettings`, updateMailboxSettings),
	...SINGLE_SETTINGS.map((name) => graph('GET', `${USER}/mailboxSettings/${name}`, getMailboxSetting(name))),
	graph('POST', `${USER}/sendMail`, send.sendMail),
	graph('POST', `${USER}/getMailTips`, getMailTips),

	graph('GET', CATEGORIES, categories.listCategories),
	graph('POST', CATEGORIES, categories.createCategory),
	graph('GET', `${CATEGORIES}/{category}`, categories.getCategory),
	graph('PATCH', `${CATEGORIES}/{category}`, categories.updateCategory),
	graph('DELETE', `${CATEGORIES}/{category}`, categories.deleteCategory),

	graph('GET', RULES, rules.listRules),
	graph('POST', RULES, rules.createRule),
	graph('GET', `${RULES}/{rule}`, rules.getRule),
	graph('PATCH', `${RULES}/{rule}`, rules.updateRule),
	graph('DELETE', `${RULES}/{rule}`, rules.deleteRule),

	graph('GET', `${USER}/mailFolders`, folders.listTopFolders),
	graph('POST', `${USER}/mailFolders`, folders.createTopFolder),
	graph('GET', MAIL_FOLDER, folders.getFolder),
	graph('GET', `${MAIL_FOLDER}/childFolders`, folders.listChildFolders),
	graph('GET', CHILD_FOLDER, folders.getChildFolder),
	graph('GET', `${CHILD_FOLDER}/childFolders`, folders.listChildFolders),
	...folderRoutes(MAIL_FOLDER),
	...folderRoutes(CHILD_FOLDER),

	// Before the routes on /messages/{message}: `delta` is a function, not a message id.
	graph('GET', `${MAIL_FOLDER}/messages/delta`, messageDelta),
	graph('GET', `${CHILD_FOLDER}/messages/delta`, messageDelta),

	graph('GET', `${USER}/messages`, messages.listMessages),
	graph('POST', `${USER}/messages`, messages.createDraft),
	graph('GET', `${MAIL_FOLDER}/messages`, messages.listMessages),
	graph('GET', `${CHILD_FOLDER}/messages`, messages.listMessages),
	graph('GET', `${CHILD_FOLDER}/messages/{message}`, messages.getMessage),
	...messageRoutes(MESSAGE),
	...messageRoutes(FOLDER_MESSAGE),
];

/** Bound actions, which Graph also accepts namespace-qualified (`.../microsoft.graph.move`). */
const ACTIONS = new Set(
	['sendMail', 'getMailTips', 'send', 'reply', 'replyAll', 'forward', 'createReply', 'createReplyAll', 'createForward', 'move', 'copy', 'permanentDelete', 'createUploadSession', 'reauthorize'].map(
		(name) => name.toLowerCase(),
	),
);

export type RouteMatch =
	| { found: true; route: Route; params: Record<string, string> }
	| { found: false; /** Some route has this path with another method. */ pathExists: boolean };

/** `name(a=1,b='x')` split at its top-level commas, quotes kept: `[['a', '1'], ['b', "'x'"]]`; undefined if malformed. */
function functionArguments(text: string): [name: string, value: string][] | undefined {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (const char of text) {
		if (char === "'") quoted = !quoted; // '' inside a literal toggles twice: still inside
		if (char === ',' && !quoted) {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	if (quoted) return undefined;
	parts.push(current);
	if (parts.length === 1 && parts[0].trim() === '') return [];
	const pairs: [string, string][] = [];
	for (const part of parts) {
		const equals = part.indexOf('=');
		if (equals <= 0) return undefined;
		pairs.push([part.slice(0, equals).trim(), part.slice(equals + 1).trim()]);
	}
	return pairs;
}

const FUNCTION_SEGMENT = /^(?:microsoft\.graph\.)?([A-Za-z]\w*)\(([\s\S]*)\)$/i;

/**
 * A function-call segment (`getDetailsByRecipient(recipientAddress={address})` in a pattern): the same name in any
 * case, optionally namespace-qualified, with exactly the pattern's parameters (names in any case). Each parameter
 * value is kept as written, an OData literal or a `@alias` (odata.ts `functionString` reads it).
 */
function matchFunction(expected: string, actual: string, params: Record<string, string>): boolean {
	const pattern = FUNCTION_SEGMENT.exec(expected);
	const given = FUNCTION_SEGMENT.exec(actual);
	if (!pattern || !given || pattern[1].toLowerCase() !== given[1].toLowerCase()) return false;
	const wanted = functionArguments(pattern[2]) ?? [];
	const args = functionArguments(given[2]);
	if (!args || args.length !== wanted.length) return false;
	for (const [name, placeholder] of wanted) {
		const found = args.find(([argument]) => argument.toLowerCase() === name.toLowerCase());
		if (!found || found[1] === '') return false;
		params[placeholder.slice(1, -1)] = found[1];
	}
	return true;
}

function matchSegments(route: Route, segments: readonly string[]): Record<string, string> | undefined {
	if (route.segments.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let index = 0; index < segments.length; index++) {
		const expected = route.segments[index];
		const actual = segments[index];
		if (expected.includes('(')) {
			if (!matchFunction(expected, actual, params)) return undefined;
		} else if (expected.startsWith('{')) {
			if (actual === '') return undefined;
			params[expected.slice(1, -1)] = actual;
		} else {
			const literal = expected.toLowerCase();
			const given = actual.toLowerCase();
			if (literal !== given && !(ACTIONS.has(literal) && given === `microsoft.graph.${literal}`)) return undefined;
		}
	}
	return params;
}

export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
	let pathExists = false;
	for (const route of ROUTES) {
		const params = matchSegments(route, segments);
		if (!params) continue;
		if (route.method === method.toUpperCase()) return { found: true, route, params };
		pathExists = true;
	}
	return { found: false, pathExists };
}
