import type { GraphHandler, PlainHandler } from './context';
import type { Workload } from './graph-errors';
import * as control from './handlers/control';
import * as folders from './handlers/folders';
import * as messages from './handlers/messages';
import { token } from './handlers/token';
import * as users from './handlers/users';
import { permissionEntry, permissionPath } from './permissions';

/**
 * The whole emulated API: one line per method and path. `{name}` matches one decoded path segment; literal
 * segments match case-insensitively, as Graph's do. Graph routes are authorised from the permission reference
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

export interface PlainRoute extends RouteBase {
	kind: 'token' | 'control';
	handler: PlainHandler;
}

export type Route = GraphRoute | PlainRoute;

const split = (pattern: string): string[] => pattern.split('/').slice(1);

function graph(method: string, pattern: string, handler: GraphHandler): GraphRoute {
	const permission = permissionPath(pattern);
	if (!permissionEntry(method, permission)) throw new Error(`route ${method} ${pattern}: no entry ${permission} in mail-permissions.json`);
	const workload: Workload = /^\/v1\.0\/users\/\{user\}$/.test(pattern) ? 'directory' : 'exchange';
	return { kind: 'graph', method, pattern, segments: split(pattern), handler, workload, permission };
}

const plain = (kind: PlainRoute['kind'], method: string, pattern: string, handler: PlainHandler): PlainRoute => ({
	kind,
	method,
	pattern,
	segments: split(pattern),
	handler,
});

const MAIL_FOLDER = '/v1.0/users/{user}/mailFolders/{folder}';
const CHILD_FOLDER = `${MAIL_FOLDER}/childFolders/{child}`;

export const ROUTES: readonly Route[] = [
	plain('control', 'POST', '/_emulator/reset', control.reset),
	plain('control', 'GET', '/_emulator/requests', control.listRequests),
	plain('control', 'DELETE', '/_emulator/requests', control.clearRequests),
	plain('control', 'GET', '/_emulator/faults', control.listFaults),
	plain('control', 'POST', '/_emulator/faults', control.addFaults),
	plain('control', 'DELETE', '/_emulator/faults', control.clearFaults),

	plain('token', 'POST', '/{tenant}/oauth2/v2.0/token', token),

	graph('GET', '/v1.0/users/{user}', users.getUser),

	graph('GET', '/v1.0/users/{user}/mailFolders', folders.listTopFolders),
	graph('GET', MAIL_FOLDER, folders.getFolder),
	graph('GET', `${MAIL_FOLDER}/childFolders`, folders.listChildFolders),
	graph('GET', CHILD_FOLDER, folders.getChildFolder),

	graph('GET', '/v1.0/users/{user}/messages', messages.listMessages),
	graph('GET', '/v1.0/users/{user}/messages/{message}', messages.getMessage),
	graph('PATCH', '/v1.0/users/{user}/messages/{message}', messages.updateMessage),
	graph('DELETE', '/v1.0/users/{user}/messages/{message}', messages.deleteMessage),
	graph('GET', `${MAIL_FOLDER}/messages`, messages.listMessages),
	graph('GET', `${MAIL_FOLDER}/messages/{message}`, messages.getMessage),
	graph('PATCH', `${MAIL_FOLDER}/messages/{message}`, messages.updateMessage),
	graph('DELETE', `${MAIL_FOLDER}/messages/{message}`, messages.deleteMessage),
	graph('GET', `${CHILD_FOLDER}/messages`, messages.listMessages),
	graph('GET', `${CHILD_FOLDER}/messages/{message}`, messages.getMessage),
];

export type RouteMatch =
	| { found: true; route: Route; params: Record<string, string> }
	| { found: false; /** Some route has this path with another method. */ pathExists: boolean };

function matchSegments(route: Route, segments: readonly string[]): Record<string, string> | undefined {
	if (route.segments.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (let index = 0; index < segments.length; index++) {
		const expected = route.segments[index];
		const actual = segments[index];
		if (expected.startsWith('{')) {
			if (actual === '') return undefined;
			params[expected.slice(1, -1)] = actual;
		} else if (expected.toLowerCase() !== actual.toLowerCase()) {
			return undefined;
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
