import { GraphError, badRequest } from '../http/errors';
import type { IncomingRequest } from '../http/context';
import { matchesFilter, parseFilter, type FilterExpr, type ParsedFilter } from './filter';
import { resolvePropertyPath, validateSelect } from './metadata';
import type { Resource } from './resources';

/**
 * Query options on directory collections (`/users`, `/groups`, `/groups/{id}/transitiveMembers`), with the rules
 * of Entra ID's query engine (aad-advanced-queries.md in microsoft-graph-docs-contrib): `$top` 1 to 999, paging by
 * `$skiptoken` only, and the *advanced query parameters* (`ConsistencyLevel: eventual` and `$count=true`) that
 * `ne`, `not`, `endsWith`, some properties, `$filter` with `$orderby`, `$search` (the header alone) and `$count`
 * need. Which `$filter` operator each property supports by default, with advanced parameters, or not at all is
 * the table of includes/filter-directory-objects.md.
 */

export type Support = 'default' | 'advanced';

/** Operators of `$filter` for one property; a missing entry: not supported for that property. */
export interface PropertyRule {
	eq?: Support;
	ge?: Support;
	le?: Support;
	startsWith?: Support;
	endsWith?: Support;
	/** Comparing with `null`. Missing: allowed with the advanced parameters only. */
	null?: Support;
}

const D: Support = 'default';
const A: Support = 'advanced';

/** User properties, from includes/filter-directory-objects.md (those the emulator stores). */
export const USER_FILTER_RULES: Readonly<Record<string, PropertyRule>> = {
	accountEnabled: { eq: D, ge: A, le: A },
	businessPhones: { eq: D },
	city: { eq: D, ge: D, startsWith: D, null: A },
	companyName: { eq: A, ge: A, le: A, startsWith: A, null: A },
	createdDateTime: { eq: D, ge: D, le: D },
	deletedDateTime: { eq: D, ge: D, le: D },
	department: { eq: D, ge: D, le: D, startsWith: D, null: A },
	displayName: { eq: D, startsWith: D, null: A },
	givenName: { eq: D, ge: D, le: D, startsWith: D, null: A },
	id: { eq: D },
	jobTitle: { eq: D, ge: D, le: D, null: A },
	mail: { eq: D, ge: D, le: D, startsWith: D, endsWith: A },
	mailNickname: { eq: D, ge: D, le: D, startsWith: D, null: A },
	mobilePhone: { eq: A, ge: A, le: A, startsWith: A, null: A },
	officeLocation: { eq: A, ge: A, le: A, startsWith: A, null: A },
	otherMails: { eq: D, ge: D, le: D, startsWith: D, endsWith: A },
	preferredLanguage: { eq: A, ge: A, le: A, startsWith: A, null: A },
	proxyAddresses: { eq: D, ge: D, le: D, startsWith: D, endsWith: A, null: A },
	surname: { eq: D, ge: D, le: D, startsWith: D, null: A },
	usageLocation: { eq: D, ge: D, le: D, startsWith: D },
	userPrincipalName: { eq: D, le: D, startsWith: D, endsWith: A },
	userType: { eq: D, null: A },
};

/** Group properties (the common ones; Graph's table is per property too, these follow the user table's pattern). */
export const GROUP_FILTER_RULES: Readonly<Record<string, PropertyRule>> = {
	createdDateTime: { eq: D, ge: D, le: D },
	description: { eq: D, startsWith: D, null: A },
	displayName: { eq: D, startsWith: D, null: A },
	groupTypes: { eq: D },
	id: { eq: D },
	mail: { eq: D, startsWith: D, endsWith: A, null: A },
	mailEnabled: { eq: D },
	mailNickname: { eq: D, startsWith: D, null: A },
	securityEnabled: { eq: D },
};

/** The properties of a user that User.ReadBasic.All may read (the basic profile; photo is not emulated). */
export const BASIC_USER_PROPERTIES: ReadonlySet<string> = new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName']);

/** Page size of directory collections when `$top` is not given, and the largest `$top`. */
export const DIRECTORY_PAGE_SIZE = 100;
export const DIRECTORY_MAX_PAGE_SIZE = 999;

const SYSTEM_OPTIONS = new Set(['$select', '$top', '$skip', '$filter', '$orderby', '$search', '$count', '$expand', '$skiptoken', '$format']);

export interface DirectorySearch {
	/** `"property:text"` clauses: all must match (AND) or any (OR). */
	clauses: { property: string; text: string }[];
	mode: 'and' | 'or';
}

export interface DirectoryQuery {
	select?: string[];
	top: number;
	/** Where this page starts: 0, or what the `$skiptoken` of a nextLink says. */
	offset: number;
	filter?: ParsedFilter;
	search?: DirectorySearch;
	orderBy?: { property: string; descending: boolean }[];
	/** `$count=true` with `ConsistencyLevel: eventual`: the answer carries `@odata.count`. Without the header Graph ignores `$count`. */
	count: boolean;
	/** The advanced query parameters are both there. */
	advanced: boolean;
}

export interface DirectoryQueryOptions {
	/** Metadata type the options are checked against (`user`, `group`, `directoryObject`). */
	typeName: string;
	/** The resource's name in Graph's messages (`User`, `Group`). */
	resourceName: string;
	/** `$filter` rules per property, or `reference` for a relationship (members): any `$filter` needs the advanced parameters. */
	filterRules: Readonly<Record<string, PropertyRule>> | 'reference';
	/** Property names `$orderby` may sort on by default (others, and with `$filter`, need the advanced parameters). */
	orderBy: readonly string[];
	/** For `$select` on a collection of several types (directoryObject): the types whose properties may be named. */
	selectTypes?: readonly string[];
}

const unsupported = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);

export const advancedMissing = (operator: string) =>
	unsupported(
		`Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
	);

const unsupportedClause = (property: string, resource: string) =>
	unsupported(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`);

function option(query: Readonly<Record<string, string>>, name: string): string | undefined {
	const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === `$${name}`);
	return key === undefined ? undefined : query[key];
}

const list = (value: string): string[] =>
	value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');

/** `$skiptoken` values: opaque to clients; here an offset in a recognisable wrapper. */
const SKIP_PREFIX = 'RFNwdAIAAQAAA';
export const skipToken = (offset: number): string => `${SKIP_PREFIX}${Buffer.from(`offset:${offset}`).toString('base64url')}`;

function parseSkipToken(value: string): number {
	const decoded = value.startsWith(SKIP_PREFIX) ? Buffer.from(value.slice(SKIP_PREFIX.length), 'base64url').toString('utf8') : '';
	const match = /^offset:(\d+)$/.exec(decoded);
	if (!match) throw new GraphError(400, 'Request_BadRequest', 'The specified page token value has expired or is invalid.');
	return Number(match[1]);
}

function parseSearch(value: string, resourceName: string, searchable: readonly string[]): DirectorySearch {
	const parts = value.trim().split(/\s+(AND|OR)\s+/i);
	const clauses: DirectorySearch['clauses'] = [];
	const modes = new Set<string>();
	for (let index = 0; index < parts.length; index++) {
		if (index % 2 === 1) {
			modes.add(parts[index].toLowerCase());
			continue;
		}
		const match = /^"([A-Za-z]+):([^"]*)"$/.exec(parts[index]);
		if (!match) throw badRequest('Request_UnsupportedQuery', `Syntax error: character '${parts[index][0] ?? ''}' is not valid at position 0 in '${value}'.`);
		const property = searchable.find((name) => name.toLowerCase() === match[1].toLowerCase());
		if (!property) throw unsupportedClause(match[1], resourceName);
		clauses.push({ property, text: match[2] });
	}
	if (modes.size > 1) throw unsupported('Mixing AND and OR in $search is not supported.');
	return { clauses, mode: modes.has('or') ? 'or' : 'and' };
}

/** Walks a parsed `$filter` and refuses what Entra ID's query engine refuses, as Graph words it. */
function checkFilter(expression: FilterExpr, rules: Readonly<Record<string, PropertyRule>>, resourceName: string, advanced: boolean): void {
	const need = (support: Support | undefined, property: string, operator: string): void => {
		if (support === undefined) throw unsupportedClause(property, resourceName);
		if (support === 'advanced' && !advanced) throw advancedMissing(operator);
	};
	const propertyName = (expr: FilterExpr, variables: ReadonlyMap<string, string>): string | undefined => {
		if (expr.kind !== 'property') return undefined;
		if (expr.variable !== undefined) return variables.get(expr.variable);
		return expr.path[0];
	};
	const walk = (expr: FilterExpr, variables: ReadonlyMap<string, string>): void => {
		switch (expr.kind) {
			case 'logical':
				walk(expr.left, variables);
				walk(expr.right, variables);
				return;
			case 'not':
				if (!advanced) throw advancedMissing('not');
				walk(expr.operand, variables);
				return;
			case 'compare': {
				const name = propertyName(expr.left, variables) ?? propertyName(expr.right, variables);
				if (name === undefined) throw unsupported('Unsupported Query.');
				const rule = rules[name] ?? {};
				const other = expr.left.kind === 'property' ? expr.right : expr.left;
				if (other.kind === 'literal' && other.value === null) {
					need(rule.null ?? (rule.eq ? A : undefined), name, expr.op);
					return;
				}
				switch (expr.op) {
					case 'eq':
						return need(rule.eq, name, 'eq');
					case 'ne':
						return need(rule.eq ? A : undefined, name, 'ne');
					case 'ge':
						return need(rule.ge, name, 'ge');
					case 'le':
						return need(rule.le, name, 'le');
					default:
						throw unsupportedClause(name, resourceName);
				}
			}
			case 'call': {
				const name = propertyName(expr.args[0], variables);
				if (name === undefined) throw unsupported('Unsupported Query.');
				const rule = rules[name] ?? {};
				if (expr.name === 'startswith') return need(rule.startsWith, name, 'startsWith');
				if (expr.name === 'endswith') return need(rule.endsWith, name, 'endsWith');
				throw unsupportedClause(name, resourceName);
			}
			case 'lambda': {
				const name = expr.collection.path[0];
				if (expr.op === 'all' || !expr.predicate || expr.variable === undefined) throw unsupportedClause(name, resourceName);
				walk(expr.predicate, new Map([...variables, [expr.variable, name]]));
				return;
			}
			case 'property': {
				const name = propertyName(expr, variables) as string;
				return need((rules[name] ?? {}).eq, name, 'eq');
			}
			case 'literal':
				throw unsupported('Unsupported Query.');
		}
	};
	walk(expression, new Map());
}

const SEARCHABLE = ['displayName', 'description', 'givenName', 'surname', 'mail', 'mailNickname', 'userPrincipalName'];

/** Parses and checks the query options of a directory collection request. */
export function parseDirectoryQuery(request: IncomingRequest, options: DirectoryQueryOptions): DirectoryQuery {
	const { query } = request;
	for (const key of Object.keys(query)) {
		if (key.startsWith('$') && !SYSTEM_OPTIONS.has(key.toLowerCase())) {
			throw badRequest('Request_BadRequest', `The query parameter '${key}' is not supported.`);
		}
	}
	if (option(query, 'skip') !== undefined) throw badRequest('Request_BadRequest', "'$skip' is not supported by the service.");
	if (option(query, 'expand') !== undefined) throw badRequest('Request_BadRequest', "The query parameter '$expand' is not supported here.");
	const eventual = (request.headers.consistencylevel ?? '').trim().toLowerCase() === 'eventual';
	const countText = option(query, 'count');
	if (countText !== undefined && !/^(true|false)$/i.test(countText)) {
		throw badRequest('Request_BadRequest', `'${countText}' is not a valid count option.`);
	}
	const countAsked = countText?.toLowerCase() === 'true';
	const advanced = eventual && countAsked;

	const topText = option(query, 'top');
	let top = DIRECTORY_PAGE_SIZE;
	if (topText !== undefined) {
		const value = /^\d+$/.test(topText.trim()) ? Number(topText.trim()) : NaN;
		if (!(value >= 1 && value <= DIRECTORY_MAX_PAGE_SIZE)) {
			throw unsupported(`Invalid page size specified: '${topText}'. Must be between 1 and ${DIRECTORY_MAX_PAGE_SIZE} inclusive.`);
		}
		top = value;
	}
	const skip = option(query, 'skiptoken');
	const result: DirectoryQuery = { top, offset: skip === undefined ? 0 : parseSkipToken(skip), count: advanced, advanced };

	const select = option(query, 'select');
	if (select !== undefined) {
		const types = options.selectTypes ?? [options.typeName];
		result.select = list(select).map((name) => {
			for (const type of types) {
				try {
					return validateSelect(type, [name])[0];
				} catch {
					// try the next type
				}
			}
			return validateSelect(options.typeName, [name])[0];
		});
	}

	const search = option(query, 'search');
	if (search !== undefined) {
		if (!eventual) {
			throw unsupported("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
		}
		result.search = parseSearch(search, options.resourceName, SEARCHABLE);
	}

	const filter = option(query, 'filter');
	if (filter !== undefined) {
		const parsed = parseFilter(filter, options.typeName);
		if (options.filterRules === 'reference') {
			if (!advanced) throw unsupported('The specified filter to the reference property query is currently not supported.');
		} else {
			checkFilter(parsed.expression, options.filterRules, options.resourceName, advanced);
		}
		result.filter = parsed;
	}

	const orderBy = option(query, 'orderby');
	if (orderBy !== undefined) {
		result.orderBy = list(orderBy).map((clause) => {
			const [path, direction, ...rest] = clause.split(/\s+/);
			const resolved = resolvePropertyPath(options.typeName, [path]);
			if (typeof resolved === 'string' || rest.length > 0 || (direction !== undefined && !/^(asc|desc)$/i.test(direction))) {
				throw badRequest('Request_BadRequest', typeof resolved === 'string' ? resolved : `Syntax error at position ${clause.length} in '${clause}'.`);
			}
			const property = resolved.path[0];
			if (!advanced && (!options.orderBy.includes(property) || filter !== undefined || search !== undefined)) {
				throw unsupported('Sorting not supported for current query.');
			}
			return { property, descending: direction?.toLowerCase() === 'desc' };
		});
	}
	return result;
}

/** Whether a directory object (shaped as its full resource) matches `$search`: each word of the property starting with the text. */
export function matchesSearch(search: DirectorySearch, item: Resource): boolean {
	const test = ({ property, text }: { property: string; text: string }): boolean => {
		const value = item[property];
		if (typeof value !== 'string') return false;
		const needle = text.toLowerCase();
		return value
			.toLowerCase()
			.split(/[\s.@_-]+/)
			.some((word) => word.startsWith(needle));
	};
	return search.mode === 'or' ? search.clauses.some(test) : search.clauses.every(test);
}

/** Applies `$filter`, `$search` and `$orderby` to full resources. */
export function applyDirectoryQuery(items: Resource[], directory: DirectoryQuery): Resource[] {
	let result = items;
	if (directory.filter) {
		const filter = directory.filter;
		result = result.filter((item) => matchesFilter(filter, item));
	}
	if (directory.search) {
		const search = directory.search;
		result = result.filter((item) => matchesSearch(search, item));
	}
	if (directory.orderBy) {
		const order = directory.orderBy;
		result = [...result].sort((a, b) => {
			for (const { property, descending } of order) {
				const left = String(a[property] ?? '').toLowerCase();
				const right = String(b[property] ?? '').toLowerCase();
				const compared = left < right ? -1 : left > right ? 1 : 0;
				if (compared !== 0) return descending ? -compared : compared;
			}
			return 0;
		});
	}
	return result;
}

export interface DirectoryPage {
	value: Resource[];
	nextLink?: string;
}

/** One page, with a nextLink repeating the request's query options and a `$skiptoken` for the next page. */
export function directoryPage(items: readonly Resource[], request: IncomingRequest, baseUrl: string, directory: DirectoryQuery): DirectoryPage {
	const { offset, top } = directory;
	const value = items.slice(offset, offset + top);
	if (offset + top >= items.length) return { value };
	const entries = Object.entries(request.query).filter(([key]) => key.toLowerCase() !== '$skiptoken');
	entries.push(['$skiptoken', skipToken(offset + top)]);
	const queryText = entries.map(([key, val]) => `${encodeURIComponent(key).replace(/%24/g, '$')}=${encodeURIComponent(val)}`).join('&');
	return { value, nextLink: `${baseUrl}${request.rawPathname}?${queryText}` };
}
