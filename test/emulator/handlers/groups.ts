import type { HandlerResult, TenantContext } from '../http/context';
import { parseQueryOptions } from '../graph/odata';
import { findProperty } from '../graph/metadata';
import { groupResource, odataContext, userResource, type Resource } from '../graph/resources';
import { GROUP_FILTER_RULES, applyDirectoryQuery, directoryPage, parseDirectoryQuery } from '../graph/directory-query';
import type { DirectoryMember, User } from '../state/store';
import { checkUserFilterAccess, userAccess } from './users';

/** GET /groups: the tenant's groups, with the directory's query options (graph/directory-query.ts). */
export function listGroups(context: TenantContext): HandlerResult {
	const { request, services, principal } = context;
	const query = parseDirectoryQuery(request, { typeName: 'group', resourceName: 'Group', filterRules: GROUP_FILTER_RULES, orderBy: ['displayName'] });
	const groups = applyDirectoryQuery(services.store.tenantGroups(principal.tenantId) as unknown as Resource[], query);
	const { value, nextLink } = directoryPage(groups, request, services.baseUrl, query);
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, 'groups', query.select),
			...(query.count ? { '@odata.count': groups.length } : {}),
			value: value.map((group) => groupResource(group as unknown as Parameters<typeof groupResource>[0], query.select)),
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

/** GET /groups/{group}: one group by object id. */
export function getGroup(context: TenantContext): HandlerResult {
	const { request, services, principal, params } = context;
	const options = parseQueryOptions(request.query, 'group', { allowed: ['select'] });
	const group = services.store.group(principal.tenantId, params.group);
	return {
		status: 200,
		body: { '@odata.context': odataContext(services.baseUrl, 'groups', options.select, true), ...groupResource(group, options.select) },
	};
}

/** The names of `select` that the type has (Graph leaves out, on each member, what its type does not have). */
const ownNames = (typeName: string, select: readonly string[] | undefined): string[] | undefined =>
	select?.filter((name) => findProperty(typeName, name) !== undefined || name === 'id');

/**
 * GET /groups/{group}/transitiveMembers and `.../transitiveMembers/microsoft.graph.user`: every member at any
 * depth (nested groups listed too), each once. `$filter`, `$search`, `$orderby` and the OData cast need the
 * advanced query parameters (group-list-transitivemembers.md): without them a `$filter` is refused, and the cast
 * is ignored (all members come back, as microsoft-graph-docs#17604 reports), `$count` too. Users come back with
 * the properties the app may read (User.Read.All: all; User.ReadBasic.All: the basic profile; neither: id only,
 * the rest null, "limited information returned for inaccessible member objects").
 */
function transitiveMembers(context: TenantContext, cast: 'user' | undefined): HandlerResult {
	const { request, services, principal, params } = context;
	const query = parseDirectoryQuery(request, {
		typeName: 'user',
		resourceName: cast ? 'User' : 'DirectoryObject',
		filterRules: 'reference',
		orderBy: ['displayName'],
		selectTypes: cast ? ['user'] : ['user', 'group'],
	});
	const access = userAccess(principal.roles);
	checkUserFilterAccess(query, access === 'limited' ? 'basic' : access);
	const castApplies = cast !== undefined && query.advanced;
	const all = services.store.transitiveMembers(principal.tenantId, params.group);
	const members = castApplies ? all.filter((member) => member.type === 'user') : all;
	const byResource = new Map<Resource, DirectoryMember>();
	const plain = members.map((member) => {
		const resource = (member.type === 'user' ? member.user : member.group) as unknown as Resource;
		byResource.set(resource, member);
		return resource;
	});
	const matched = applyDirectoryQuery(plain, query);
	const { value, nextLink } = directoryPage(matched, request, services.baseUrl, query);
	const shaped = value.map((resource) => {
		const member = byResource.get(resource) as DirectoryMember;
		if (member.type === 'user') {
			const user: User = member.user;
			const body = userResource(user, ownNames('user', query.select), access);
			return castApplies ? body : { '@odata.type': '#microsoft.graph.user', ...body };
		}
		return { '@odata.type': '#microsoft.graph.group', ...groupResource(member.group, ownNames('group', query.select)) };
	});
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, castApplies ? 'users' : 'directoryObjects', query.select),
			...(query.count ? { '@odata.count': matched.length } : {}),
			value: shaped,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

export const listTransitiveMembers = (context: TenantContext): HandlerResult => transitiveMembers(context, undefined);
export const listTransitiveUsers = (context: TenantContext): HandlerResult => transitiveMembers(context, 'user');
