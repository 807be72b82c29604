import type { GraphContext, HandlerResult } from '../http/context';
import { matchesFilter } from '../graph/filter';
import { readRule, ruleResource } from '../graph/inbox-rules';
import { parseQueryOptions } from '../graph/odata';
import { odataContext, page, usersSegment, type Resource } from '../graph/resources';
import { ReadOnlyRuleError, type StoredRule } from '../state/rules';

/**
 * /users/{user}/mailFolders/inbox/messageRules[/{id}]: the mailbox's Inbox rules. List (in sequence), get,
 * create (201), update (200; conditions, exceptions and actions are replaced whole) and delete (204). The rules run
 * when mail is delivered (graph/inbox-rules.ts).
 */

const contextPath = (context: GraphContext): string => `${usersSegment(context.params.user)}/mailFolders('inbox')/messageRules`;

function pick(resource: Resource, select?: readonly string[]): Resource {
	if (!select) return resource;
	return Object.fromEntries(['id', ...select.filter((name) => name !== 'id')].filter((name) => name in resource).map((name) => [name, resource[name]]));
}

function ruleAnswer(context: GraphContext, rule: StoredRule, status: number): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'messageRule', { allowed: ['select'] });
	return {
		status,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath(context), options.select, true),
			...pick(ruleResource(rule, services.store, user.id), options.select),
		},
	};
}

/** Graph answers every rule in one page unless `$top` asks for less. */
export function listRules(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'messageRule', { allowed: ['select', 'top', 'skip', 'filter'] });
	let all = services.store.rules.list(user.id).map((rule) => ruleResource(rule, services.store, user.id));
	const { filter } = options;
	if (filter) all = all.filter((resource) => matchesFilter(filter, resource));
	const shaped = all.map((resource) => pick(resource, options.select));
	const { value, nextLink } = page(shaped, request, services.baseUrl, options.skip, options.top ?? Math.max(shaped.length, 1));
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath(context), options.select),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

export function getRule(context: GraphContext): HandlerResult {
	return ruleAnswer(context, context.services.store.rules.get(context.user.id, context.params.rule), 200);
}

export function createRule(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const fields = readRule(request.body, services.store, user.id);
	return ruleAnswer(context, services.store.rules.add(user.id, fields), 201);
}

export function updateRule(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const existing = services.store.rules.get(user.id, params.rule);
	if (existing.isReadOnly) throw new ReadOnlyRuleError(existing.id);
	const fields = readRule(request.body, services.store, user.id, existing);
	return ruleAnswer(context, services.store.rules.update(user.id, existing.id, fields), 200);
}

export function deleteRule(context: GraphContext): HandlerResult {
	context.services.store.rules.delete(context.user.id, context.params.rule);
	return { status: 204 };
}
