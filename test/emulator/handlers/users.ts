import type { GraphContext, HandlerResult } from '../http/context';
import { parseQueryOptions } from '../graph/odata';
import { odataContext, userResource } from '../graph/resources';

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
