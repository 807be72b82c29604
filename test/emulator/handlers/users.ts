import type { GraphContext, HandlerResult, TenantContext } from '../http/context';
import { parseQueryOptions } from '../graph/odata';
import { odataContext, page, userResource } from '../graph/resources';

/** Graph's default page of users. */
const USERS_PAGE_SIZE = 100;

/** GET /users/{user}: the directory's view of a user, by object id or userPrincipalName. */
export function getUser(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'user', { allowed: ['select'] });
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, 'users', options.select, true),
			...userResource(user, options.select),
		},
	};
}

/** GET /users: the tenant's users, `$select`, `$top` and paging. */
export function listUsers(context: TenantContext): HandlerResult {
	const { request, services, principal } = context;
	const options = parseQueryOptions(request.query, 'user', { allowed: ['select', 'top', 'skip'] });
	const users = services.store.tenantUsers(principal.tenantId).map((user) => userResource(user, options.select));
	const { value, nextLink } = page(users, request, services.baseUrl, options.skip, options.top ?? USERS_PAGE_SIZE);
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, 'users', options.select),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}
