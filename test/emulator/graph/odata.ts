import { badRequest } from '../http/errors';
import { parseFilter, type ParsedFilter } from './filter';
import { collectionElement, resolvePropertyPath, structuredType, validateSelect } from './metadata';
import { parseSearch, type ParsedSearch } from './search';

/**
 * OData system query options as Graph's mail API reads them: $select, $top, $skip, $filter, $orderby, $search,
 * $count, $expand. Each is checked against the metadata of the resource type; the rules Exchange adds on top
 * (no $search with $filter or $orderby, $orderby properties leading $filter) are checked here too.
 */

export interface OrderBy {
	path: string[];
	descending: boolean;
}

export interface QueryOptions {
	select?: string[];
	top?: number;
	skip: number;
	filter?: ParsedFilter;
	orderBy?: OrderBy[];
	search?: ParsedSearch;
	count: boolean;
	expand?: string[];
}

export type QueryOption = 'select' | 'top' | 'skip' | 'filter' | 'orderby' | 'search' | 'count' | 'expand';

const SYSTEM_OPTIONS = new Set(['$select', '$top', '$skip', '$filter', '$orderby', '$search', '$count', '$expand', '$skiptoken', '$format']);

/** The most items one page of messages may hold; Graph documents $top as 1 to 1000. */
export const MAX_PAGE_SIZE = 1000;

const parseError = (message: string) => badRequest('RequestBroker--ParseUri', message);

function parseInteger(name: string, value: string): number {
	if (!/^\d+$/.test(value.trim())) {
		throw parseError(`Invalid value '${value}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
	}
	return Number(value.trim());
}

const list = (value: string): string[] =>
	value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');

function parseOrderBy(value: string, typeName: string): OrderBy[] {
	return list(value).map((clause) => {
		const [path, direction, ...rest] = clause.split(/\s+/);
		const lower = direction?.toLowerCase();
		if (rest.length > 0 || (lower !== undefined && lower !== 'asc' && lower !== 'desc')) {
			throw parseError(`Syntax error at position ${clause.length} in '${clause}'.`);
		}
		const resolved = resolvePropertyPath(typeName, path.split('/'));
		if (typeof resolved === 'string') throw parseError(resolved);
		if (collectionElement(resolved.type) || structuredType(resolved.type)) {
			throw parseError(`The $orderby expression must evaluate to a single value of primitive type.`);
		}
		return { path: resolved.path, descending: lower === 'desc' };
	});
}

export interface ParseOptions {
	/** Options the route accepts; others are refused as Graph refuses them on that resource. */
	allowed: readonly QueryOption[];
	/** Apply Exchange's message rules (InefficientFilter, $search exclusivity). */
	messageRules?: boolean;
}

export function parseQueryOptions(query: Readonly<Record<string, string>>, typeName: string, options: ParseOptions): QueryOptions {
	for (const key of Object.keys(query)) {
		if (key.startsWith('$') && !SYSTEM_OPTIONS.has(key.toLowerCase())) {
			throw badRequest('BadRequest', `The query parameter '${key}' is not supported.`);
		}
	}
	const get = (name: QueryOption): string | undefined => {
		const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === `$${name}`);
		if (key === undefined) return undefined;
		if (!options.allowed.includes(name)) throw badRequest('BadRequest', `The query parameter '${key}' is not supported.`);
		return query[key];
	};
	const result: QueryOptions = { skip: 0, count: false };
	const select = get('select');
	if (select !== undefined) result.select = validateSelect(typeName, list(select));
	const expand = get('expand');
	if (expand !== undefined) result.expand = validateSelect(typeName, list(expand));
	const top = get('top');
	if (top !== undefined) result.top = Math.min(parseInteger('$top', top), MAX_PAGE_SIZE);
	const skip = get('skip');
	if (skip !== undefined) result.skip = parseInteger('$skip', skip);
	const count = get('count');
	if (count !== undefined) {
		if (!/^(true|false)$/i.test(count)) throw parseError(`'${count}' is not a valid count option.`);
		result.count = count.toLowerCase() === 'true';
	}
	const filter = get('filter');
	if (filter !== undefined) result.filter = parseFilter(filter, typeName);
	const orderBy = get('orderby');
	if (orderBy !== undefined) result.orderBy = parseOrderBy(orderBy, typeName);
	const search = get('search');
	if (search !== undefined) result.search = parseSearch(search);

	if (options.messageRules) checkMessageRules(result);
	return result;
}

function checkMessageRules(options: QueryOptions): void {
	if (options.search && options.orderBy) {
		throw badRequest('SearchWithOrderBy', "The query parameter '$orderBy' is not supported with '$search'.");
	}
	if (options.search && options.filter) {
		throw badRequest('SearchWithFilter', "The query parameter '$filter' is not supported with '$search'.");
	}
	// "Update to filtering and sorting" (Microsoft Graph blog): with both $filter and $orderby, every $orderby
	// property must also be in $filter, in the same order, before any other property.
	if (options.filter && options.orderBy) {
		const sorted = options.orderBy.map((clause) => clause.path.join('/'));
		const leading = options.filter.properties.slice(0, sorted.length);
		if (sorted.some((path, index) => leading[index]?.toLowerCase() !== path.toLowerCase())) {
			throw badRequest('InefficientFilter', 'The restriction or sort order is too complex for this operation.');
		}
	}
}

const STRING_LITERAL = /^'((?:[^']|'')*)'$/;

/**
 * A function's string parameter as the URL wrote it (`getDetailsByRecipient(recipientAddress='a@b.com')`): an OData
 * string literal (`''` escapes `'`), or a parameter alias `@name` whose value is given in the query
 * (`(recipientAddress=@a)?@a='a@b.com'`). Anything else is Graph's 400.
 */
export function functionString(functionName: string, parameter: string, raw: string, query: Readonly<Record<string, string>>): string {
	const aliased = raw.startsWith('@') ? query[raw] : raw;
	const literal = aliased === undefined ? undefined : STRING_LITERAL.exec(aliased.trim());
	if (!literal) {
		throw badRequest(
			'BadRequest',
			`The value of the parameter '${parameter}' of the function 'microsoft.graph.${functionName}' must be a string literal in single quotes.`,
		);
	}
	return literal[1].replace(/''/g, "'");
}
