import { badRequest } from '../http/errors';
import { collectionElement, enumMembers, qualified, resolvePropertyPath, structuredType } from './metadata';

/**
 * OData `$filter`: a parser for the forms a Graph mail client sends, type-checked against Graph's metadata, and an
 * evaluator over stored items. Comparisons, and/or/not, parentheses, contains/startswith/endswith, and any/all over
 * collections; string literals escape `'` as `''`. Errors are Graph's 400 "Invalid filter clause: ...".
 */

export type FilterExpr =
	| { kind: 'literal'; value: string | number | boolean | null; type: string }
	| { kind: 'property'; path: string[]; type: string; variable?: string }
	| { kind: 'compare'; op: CompareOp; left: FilterExpr; right: FilterExpr }
	| { kind: 'logical'; op: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
	| { kind: 'not'; operand: FilterExpr }
	| { kind: 'call'; name: StringFunction; args: FilterExpr[] }
	| { kind: 'lambda'; op: 'any' | 'all'; collection: FilterExpr & { kind: 'property' }; variable?: string; predicate?: FilterExpr };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type StringFunction = 'contains' | 'startswith' | 'endswith';

export interface ParsedFilter {
	expression: FilterExpr;
	/** Top-level property paths (`a/b`) in the order they first appear: the InefficientFilter rule needs them. */
	properties: string[];
}

const OPERATOR_KIND: Record<CompareOp | 'and' | 'or', string> = {
	eq: 'Equal',
	ne: 'NotEqual',
	gt: 'GreaterThan',
	ge: 'GreaterThanOrEqual',
	lt: 'LessThan',
	le: 'LessThanOrEqual',
	and: 'And',
	or: 'Or',
};

const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const STRING_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const NUMERIC = new Set(['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.Double', 'Edm.Single', 'Edm.Decimal']);

type Token =
	| { kind: 'string'; value: string; at: number }
	| { kind: 'number'; value: number; text: string; at: number }
	| { kind: 'datetime'; value: string; at: number }
	| { kind: 'word'; value: string; at: number }
	| { kind: 'punct'; value: '(' | ')' | ',' | ':' | '/'; at: number }
	| { kind: 'end'; at: number };

const filterError = (message: string) => badRequest('BadRequest', `Invalid filter clause: ${message}`);

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let at = 0;
	while (at < text.length) {
		const char = text[at];
		if (/\s/.test(char)) {
			at++;
			continue;
		}
		if (char === "'") {
			let value = '';
			let end = at + 1;
			for (;;) {
				if (end >= text.length) throw filterError(`There is an unterminated string literal at position ${at} in '${text}'.`);
				if (text[end] === "'") {
					if (text[end + 1] === "'") {
						value += "'";
						end += 2;
						continue;
					}
					break;
				}
				value += text[end++];
			}
			tokens.push({ kind: 'string', value, at });
			at = end + 1;
			continue;
		}
		if ('(),:/'.includes(char)) {
			tokens.push({ kind: 'punct', value: char as '(' | ')' | ',' | ':' | '/', at });
			at++;
			continue;
		}
		const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/.exec(text.slice(at));
		if (dateTime) {
			tokens.push({ kind: 'datetime', value: dateTime[0], at });
			at += dateTime[0].length;
			continue;
		}
		const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
		if (number) {
			tokens.push({ kind: 'number', value: Number(number[0]), text: number[0], at });
			at += number[0].length;
			continue;
		}
		const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(at));
		if (word) {
			tokens.push({ kind: 'word', value: word[0], at });
			at += word[0].length;
			continue;
		}
		throw filterError(`Syntax error: character '${char}' is not valid at position ${at} in '${text}'.`);
	}
	tokens.push({ kind: 'end', at: text.length });
	return tokens;
}

class Parser {
	private index = 0;
	private readonly tokens: Token[];
	private readonly variables = new Map<string, string>(); // lambda variable -> element type
	readonly properties: string[] = [];

	constructor(
		private readonly text: string,
		private readonly typeName: string,
	) {
		this.tokens = tokenize(text);
	}

	parse(): FilterExpr {
		const expression = this.orExpression();
		const next = this.peek();
		if (next.kind !== 'end') throw this.syntaxError(next);
		if (typeOf(expression) !== 'Edm.Boolean') throw filterError('The $filter expression must evaluate to a single boolean value.');
		return expression;
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private take(): Token {
		return this.tokens[this.index++];
	}

	private isWord(value: string): boolean {
		const token = this.peek();
		return token.kind === 'word' && token.value.toLowerCase() === value;
	}

	private isPunct(value: string): boolean {
		const token = this.peek();
		return token.kind === 'punct' && token.value === value;
	}

	private expectPunct(value: string): void {
		if (!this.isPunct(value)) throw this.syntaxError(this.peek());
		this.index++;
	}

	private syntaxError(token: Token) {
		return filterError(`Syntax error at position ${token.at} in '${this.text}'.`);
	}

	private orExpression(): FilterExpr {
		let left = this.andExpression();
		while (this.isWord('or')) {
			this.index++;
			left = logical('or', left, this.andExpression());
		}
		return left;
	}

	private andExpression(): FilterExpr {
		let left = this.unary();
		while (this.isWord('and')) {
			this.index++;
			left = logical('and', left, this.unary());
		}
		return left;
	}

	private unary(): FilterExpr {
		if (this.isWord('not')) {
			this.index++;
			const operand = this.unary();
			if (typeOf(operand) !== 'Edm.Boolean') {
				throw filterError(`A unary operator with an incompatible type was detected. Found operand type '${typeOf(operand)}' for operator kind 'Not'.`);
			}
			return { kind: 'not', operand };
		}
		return this.comparison();
	}

	private comparison(): FilterExpr {
		const left = this.primary();
		const token = this.peek();
		if (token.kind === 'word' && COMPARE_OPS.has(token.value.toLowerCase())) {
			this.index++;
			const op = token.value.toLowerCase() as CompareOp;
			const right = this.primary();
			checkComparable(op, left, right);
			return { kind: 'compare', op, left, right };
		}
		return left;
	}

	private primary(): FilterExpr {
		const token = this.take();
		switch (token.kind) {
			case 'string':
				return { kind: 'literal', value: token.value, type: 'Edm.String' };
			case 'number':
				return { kind: 'literal', value: token.value, type: /[.eE]/.test(token.text) ? 'Edm.Double' : 'Edm.Int32' };
			case 'datetime':
				return { kind: 'literal', value: token.value, type: 'Edm.DateTimeOffset' };
			case 'punct':
				if (token.value !== '(') throw this.syntaxError(token);
				{
					const inner = this.orExpression();
					this.expectPunct(')');
					return inner;
				}
			case 'word':
				return this.wordExpression(token);
			default:
				throw this.syntaxError(token);
		}
	}

	private wordExpression(token: Token & { kind: 'word' }): FilterExpr {
		const lower = token.value.toLowerCase();
		if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true', type: 'Edm.Boolean' };
		if (lower === 'null') return { kind: 'literal', value: null, type: 'null' };
		if (this.isPunct('(')) return this.call(token);
		return this.pathExpression(token);
	}

	private call(token: Token & { kind: 'word' }): FilterExpr {
		const name = token.value.toLowerCase();
		if (!STRING_FUNCTIONS.has(name)) {
			throw filterError(
				`An unknown function with name '${token.value}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
			);
		}
		this.expectPunct('(');
		const args: FilterExpr[] = [this.orExpression()];
		while (this.isPunct(',')) {
			this.index++;
			args.push(this.orExpression());
		}
		this.expectPunct(')');
		if (args.length !== 2 || args.some((arg) => typeOf(arg) !== 'Edm.String')) {
			throw filterError(`No function signature for the function with name '${name}' matches the specified arguments.`);
		}
		return { kind: 'call', name: name as StringFunction, args };
	}

	private pathExpression(first: Token & { kind: 'word' }): FilterExpr {
		const segments = [first.value];
		let lambda: 'any' | 'all' | undefined;
		while (this.isPunct('/')) {
			this.index++;
			const next = this.take();
			if (next.kind !== 'word') throw this.syntaxError(next);
			const lower = next.value.toLowerCase();
			if ((lower === 'any' || lower === 'all') && this.isPunct('(')) {
				lambda = lower;
				break;
			}
			segments.push(next.value);
		}
		const variable = this.variables.has(segments[0]) ? segments[0] : undefined;
		const property = this.resolve(segments, variable);
		if (!lambda) {
			if (!variable) this.note(property.path);
			return property;
		}
		const element = collectionElement(property.type);
		if (!element) throw filterError('Any/All may only be used following a collection.');
		if (!variable) this.note(property.path);
		this.expectPunct('(');
		if (this.isPunct(')')) {
			this.index++;
			return { kind: 'lambda', op: lambda, collection: property };
		}
		const name = this.take();
		if (name.kind !== 'word') throw this.syntaxError(name);
		this.expectPunct(':');
		this.variables.set(name.value, element);
		const predicate = this.orExpression();
		this.variables.delete(name.value);
		this.expectPunct(')');
		if (typeOf(predicate) !== 'Edm.Boolean') throw filterError('The Any/All query expression must evaluate to a single boolean value.');
		return { kind: 'lambda', op: lambda, collection: property, variable: name.value, predicate };
	}

	private resolve(segments: string[], variable: string | undefined): FilterExpr & { kind: 'property' } {
		if (variable) {
			const elementType = this.variables.get(variable) as string;
			if (segments.length === 1) return { kind: 'property', path: [], type: elementType, variable };
			const resolved = resolvePropertyPath(elementType, segments.slice(1));
			if (typeof resolved === 'string') throw filterError(resolved);
			return { kind: 'property', path: resolved.path, type: resolved.type, variable };
		}
		const resolved = resolvePropertyPath(this.typeName, segments);
		if (typeof resolved === 'string') throw filterError(resolved);
		return { kind: 'property', path: resolved.path, type: resolved.type };
	}

	private note(path: string[]): void {
		const joined = path.join('/');
		if (!this.properties.includes(joined)) this.properties.push(joined);
	}
}

function logical(op: 'and' | 'or', left: FilterExpr, right: FilterExpr): FilterExpr {
	if (typeOf(left) !== 'Edm.Boolean' || typeOf(right) !== 'Edm.Boolean') {
		throw filterError(
			`A binary operator with incompatible types was detected. Found operand types '${typeOf(left)}' and '${typeOf(right)}' for operator kind '${OPERATOR_KIND[op]}'.`,
		);
	}
	return { kind: 'logical', op, left, right };
}

export function typeOf(expression: FilterExpr): string {
	switch (expression.kind) {
		case 'literal':
		case 'property':
			return expression.type;
		default:
			return 'Edm.Boolean';
	}
}

function checkComparable(op: CompareOp, left: FilterExpr, right: FilterExpr): void {
	const a = typeOf(left);
	const b = typeOf(right);
	const isEnum = (type: string) => enumMembers(type) !== undefined;
	if ((a === 'null' && !collectionElement(b)) || (b === 'null' && !collectionElement(a))) return;
	const compatible =
		a === b ||
		(NUMERIC.has(a) && NUMERIC.has(b)) ||
		(isEnum(a) && b === 'Edm.String') ||
		(isEnum(b) && a === 'Edm.String');
	const shown = (type: string) => (type === 'null' ? '<null>' : qualified(type));
	if (!compatible || collectionElement(a) || collectionElement(b) || structuredType(a) || structuredType(b)) {
		throw filterError(
			`A binary operator with incompatible types was detected. Found operand types '${shown(a)}' and '${shown(b)}' for operator kind '${OPERATOR_KIND[op]}'.`,
		);
	}
	for (const [literal, other] of [
		[right, a],
		[left, b],
	] as const) {
		const members = enumMembers(other);
		if (members && literal.kind === 'literal' && typeof literal.value === 'string' && !members.some((m) => m.toLowerCase() === String(literal.value).toLowerCase())) {
			throw filterError(`The string '${literal.value}' is not a valid enumerated type constant.`);
		}
	}
}

export function parseFilter(text: string, typeName: string): ParsedFilter {
	const parser = new Parser(text, typeName);
	const expression = parser.parse();
	return { expression, properties: parser.properties };
}

// ---------- evaluation ----------

type Scope = ReadonlyMap<string, unknown>;

function read(value: unknown, path: readonly string[]): unknown {
	let current = value;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return null;
		current = (current as Record<string, unknown>)[segment];
	}
	return current ?? null;
}

function valueOf(expression: FilterExpr, item: unknown, scope: Scope): unknown {
	if (expression.kind === 'literal') return expression.value;
	if (expression.kind === 'property') {
		return read(expression.variable ? scope.get(expression.variable) : item, expression.path);
	}
	return test(expression, item, scope);
}

function compareValues(left: unknown, right: unknown, type: string): number {
	if (type === 'Edm.DateTimeOffset') return Date.parse(String(left)) - Date.parse(String(right));
	if (typeof left === 'number' && typeof right === 'number') return left - right;
	if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
	// Exchange compares strings (and enum names) without regard to case.
	return String(left).toLowerCase().localeCompare(String(right).toLowerCase());
}

function test(expression: FilterExpr, item: unknown, scope: Scope): boolean {
	switch (expression.kind) {
		case 'logical':
			return expression.op === 'and'
				? test(expression.left, item, scope) && test(expression.right, item, scope)
				: test(expression.left, item, scope) || test(expression.right, item, scope);
		case 'not':
			return !test(expression.operand, item, scope);
		case 'compare': {
			const left = valueOf(expression.left, item, scope);
			const right = valueOf(expression.right, item, scope);
			if (left === null || right === null) {
				const same = left === right;
				return expression.op === 'eq' ? same : expression.op === 'ne' ? !same : false;
			}
			const type = typeOf(expression.left) === 'null' ? typeOf(expression.right) : typeOf(expression.left);
			const order = compareValues(left, right, type);
			return { eq: order === 0, ne: order !== 0, gt: order > 0, ge: order >= 0, lt: order < 0, le: order <= 0 }[expression.op];
		}
		case 'call': {
			const [haystack, needle] = expression.args.map((arg) => valueOf(arg, item, scope));
			if (typeof haystack !== 'string' || typeof needle !== 'string') return false;
			const h = haystack.toLowerCase();
			const n = needle.toLowerCase();
			return expression.name === 'contains' ? h.includes(n) : expression.name === 'startswith' ? h.startsWith(n) : h.endsWith(n);
		}
		case 'lambda': {
			const collection = valueOf(expression.collection, item, scope);
			const elements = Array.isArray(collection) ? collection : [];
			if (!expression.predicate || !expression.variable) return expression.op === 'any' ? elements.length > 0 : true;
			const { predicate, variable } = expression;
			const holds = (element: unknown) => test(predicate, item, new Map([...scope, [variable, element]]));
			return expression.op === 'any' ? elements.some(holds) : elements.every(holds);
		}
		case 'property':
			return valueOf(expression, item, scope) === true;
		case 'literal':
			return expression.value === true;
	}
}

/** Whether a stored item (shaped as its Graph resource) matches the filter. */
export function matchesFilter(filter: ParsedFilter, item: unknown): boolean {
	return test(filter.expression, item, new Map());
}
