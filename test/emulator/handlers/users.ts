import type { GraphContext, HandlerResult, TenantContext } from '../http/context';
import { GraphError } from '../http/errors';
import { MailboxNotEnabledError } from '../state/store';
import { parseQueryOptions } from '../graph/odata';
import { expandRoles } from '../graph/permissions';
import { embeddedMailboxSettings } from './mailbox-settings';
import { odataContext, userResource, type Resource, type UserAccess } from '../graph/resources';
import {
	BASIC_USER_PROPERTIES,
	USER_FILTER_RULES,
	applyDirectoryQuery,
	directoryPage,
	parseDirectoryQuery,
	type DirectoryQuery,
} from '../graph/directory-query';

/** How much of a user the token's roles let the app read (see UserAccess). */
export function userAccess(roles: readonly string[]): UserAccess {
	const held = expandRoles(roles);
	if (held.has('User.Read.All')) return 'full';
	if (held.has('User.ReadBasic.All')) return 'basic';
	return 'limited';
}

/**
 * User.ReadBasic.All reads the basic profile only: a `$filter` on another property is refused as Graph refuses
 * it (microsoft-graph-toolkit#2602: `accountEnabled eq true` with User.ReadBasic.All), `$select`ed ones answer null.
 */
export function checkUserFilterAccess(query: DirectoryQuery, access: UserAccess): void {
	if (access === 'full' || !query.filter) return;
	if (query.filter.properties.some((path) => !BASIC_USER_PROPERTIES.has(path.split('/')[0]))) {
		throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
	}
}

/**
 * GET /users/{user}: the directory's view of a user, by object id or userPrincipalName. `$select=mailboxSettings`
 * brings the mailbox's settings along, which Exchange answers: it needs MailboxSettings.Read besides the user
 * permission (msgraph-sdk-dotnet#538) and a mailbox.
 */
export function getUser(context: GraphContext): HandlerResult {
	const { request, services, user, principal } = context;
	const options = parseQueryOptions(request.query, 'user', { allowed: ['select'] });
	const access = userAccess(principal.roles);
	const resource = userResource(user, options.select, access === 'limited' ? 'basic' : access);
	if (options.select?.includes('mailboxSettings')) {
		if (!expandRoles(principal.roles).has('MailboxSettings.Read')) {
			throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
		}
		if (!user.hasMailbox) throw new MailboxNotEnabledError(user.id);
		services.store.checkMailboxAccess(user.id, principal.appId);
		resource.mailboxSettings = embeddedMailboxSettings(context);
	}
	return {
		status: 200,
		body: { '@odata.context': odataContext(services.baseUrl, 'users', options.select, true), ...resource },
	};
}

/**
 * GET /users: the tenant's users, with `$select`, `$filter`, `$search`, `$orderby`, `$count` and `$top` (1 to 999,
 * default 100) as Entra ID's query engine takes them (graph/directory-query.ts), paged by `$skiptoken`.
 */
export function listUsers(context: TenantContext): HandlerResult {
	const { request, services, principal } = context;
	const query = parseDirectoryQuery(request, {
		typeName: 'user',
		resourceName: 'User',
		filterRules: USER_FILTER_RULES,
		orderBy: ['displayName', 'userPrincipalName'],
	});
	const access = userAccess(principal.roles);
	checkUserFilterAccess(query, access);
	if (query.select?.includes('mailboxSettings')) {
		throw new GraphError(400, 'Request_BadRequest', "Selecting 'mailboxSettings' is supported on a single user only: GET /users/{id}/mailboxSettings.");
	}
	const users = applyDirectoryQuery(services.store.tenantUsers(principal.tenantId) as unknown as Resource[], query);
	const { value, nextLink } = directoryPage(users, request, services.baseUrl, query);
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, 'users', query.select),
			...(query.count ? { '@odata.count': users.length } : {}),
			value: value.map((user) => userResource(user as unknown as Parameters<typeof userResource>[0], query.select, access === 'limited' ? 'basic' : access)),
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}
