import type { GraphContext, HandlerResult } from '../http/context';
import { badRequest } from '../http/errors';
import { canonicalEnum } from '../graph/compose';
import { matchesFilter } from '../graph/filter';
import { findProperty, validateBody } from '../graph/metadata';
import { parseQueryOptions } from '../graph/odata';
import { odataContext, page, usersSegment, type Resource } from '../graph/resources';
import type { StoredCategory } from '../state/categories';

/**
 * /users/{user}/outlook/masterCategories[/{id}]: the mailbox's master list of categories. List, get, create (a
 * displayName unique in the list and a colour preset), update (the colour only: Graph refuses to rename a
 * category) and delete.
 */

const contextPath = (context: GraphContext): string => `${usersSegment(context.params.user)}/outlook/masterCategories`;

function categoryResource(category: StoredCategory, select?: readonly string[]): Resource {
	const all: Resource = { id: category.id, displayName: category.displayName, color: category.color };
	const names = select ? ['id', ...select.filter((name) => name !== 'id')] : Object.keys(all);
	return Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]]));
}

function categoryAnswer(context: GraphContext, category: StoredCategory, status: number): HandlerResult {
	const options = parseQueryOptions(context.request.query, 'outlookCategory', { allowed: ['select'] });
	return {
		status,
		body: {
			'@odata.context': odataContext(context.services.baseUrl, contextPath(context), options.select, true),
			...categoryResource(category, options.select),
		},
	};
}

/** Graph answers the whole list in one page unless `$top` asks for less. */
export function listCategories(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const options = parseQueryOptions(request.query, 'outlookCategory', { allowed: ['select', 'top', 'skip', 'filter', 'count'] });
	let all = services.store.categories.list(user.id).map((category) => categoryResource(category));
	const { filter } = options;
	if (filter) all = all.filter((resource) => matchesFilter(filter, resource));
	const shaped = options.select ? all.map((resource) => pick(resource, options.select as string[])) : all;
	const { value, nextLink } = page(shaped, request, services.baseUrl, options.skip, options.top ?? Math.max(shaped.length, 1));
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, contextPath(context), options.select),
			...(options.count ? { '@odata.count': shaped.length } : {}),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

function pick(resource: Resource, select: readonly string[]): Resource {
	return Object.fromEntries(['id', ...select.filter((name) => name !== 'id')].map((name) => [name, resource[name]]));
}

export function getCategory(context: GraphContext): HandlerResult {
	const category = context.services.store.categories.get(context.user.id, context.params.category);
	return categoryAnswer(context, category, 200);
}

/** The body's properties under their canonical names; `id` is Graph's and cannot be set. */
function readCategoryBody(body: unknown): Record<string, unknown> {
	validateBody('outlookCategory', body);
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (key.includes('@')) continue;
		const name = findProperty('outlookCategory', key)?.name ?? key;
		if (name === 'id') throw badRequest('ErrorInvalidProperty', "The property 'id' is read-only and cannot be set.");
		values[name] = value;
	}
	return values;
}

export function createCategory(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const values = readCategoryBody(request.body);
	const displayName = values.displayName;
	if (typeof displayName !== 'string' || displayName.trim() === '') {
		throw badRequest('ErrorRequiredPropertyMissing', "The property 'displayName' is required to create a category.");
	}
	const color = values.color === undefined || values.color === null ? 'none' : String(canonicalEnum('categoryColor', values.color));
	const category = services.store.categories.create(user.id, displayName, color);
	return categoryAnswer(context, category, 201);
}

/** Only the colour can change: "You can't modify the displayName property once you have created the category." */
export function updateCategory(context: GraphContext): HandlerResult {
	const { request, services, user, params } = context;
	const category = services.store.categories.get(user.id, params.category);
	const values = readCategoryBody(request.body);
	if (values.displayName !== undefined && values.displayName !== category.displayName) {
		throw badRequest('ErrorInvalidProperty', "The property 'displayName' is read-only and cannot be set.");
	}
	if (values.color !== undefined && values.color !== null) {
		services.store.categories.setColor(user.id, category.id, String(canonicalEnum('categoryColor', values.color)));
	}
	return categoryAnswer(context, category, 200);
}

export function deleteCategory(context: GraphContext): HandlerResult {
	context.services.store.categories.delete(context.user.id, context.params.category);
	return { status: 204 };
}
