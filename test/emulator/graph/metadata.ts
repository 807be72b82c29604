import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest } from '../http/errors';

/**
 * Graph's own v1.0 metadata for the mail types (data/mail-metadata.json, extracted from cleanMetadata.xml), and the
 * checks made against it: `$select` fields, `$filter`/`$orderby` property paths, and request bodies. Names are
 * looked up case-insensitively, as Graph does, and answered in their canonical spelling.
 */

interface PropertyJson {
	type: string;
	nullable?: boolean;
}

interface StructuredTypeJson {
	baseType?: string;
	abstract?: boolean;
	openType?: boolean;
	properties: Record<string, PropertyJson>;
	navigationProperties?: Record<string, PropertyJson>;
}

interface OperationJson {
	name: string;
	kind: 'action' | 'function';
	bindingType: string;
	parameters: Record<string, PropertyJson>;
	returnType?: string;
}

interface MetadataJson {
	entityTypes: Record<string, StructuredTypeJson>;
	complexTypes: Record<string, StructuredTypeJson>;
	enumTypes: Record<string, string[]>;
	operations: OperationJson[];
}

export interface PropertyInfo {
	name: string;
	/** Type name as in the metadata: `Edm.String`, `recipient`, `Collection(recipient)`... */
	type: string;
	nullable: boolean;
	navigation: boolean;
}

export interface StructuredType {
	name: string;
	kind: 'entity' | 'complex';
	/** Own and inherited properties, keyed by lower-cased name. */
	properties: ReadonlyMap<string, PropertyInfo>;
	/** This type and every type derived from it, by name. */
	derived: ReadonlySet<string>;
}

const json = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'mail-metadata.json'), 'utf8')) as MetadataJson;
const cache = new Map<string, StructuredType>();

export const qualified = (typeName: string): string =>
	typeName.startsWith('Edm.') || typeName.includes('.') ? typeName : `microsoft.graph.${typeName}`;

const unqualified = (typeName: string): string => typeName.replace(/^#?microsoft\.graph\./, '');

export function collectionElement(type: string): string | undefined {
	return /^Collection\((.+)\)$/.exec(type)?.[1];
}

export function enumMembers(typeName: string): readonly string[] | undefined {
	return json.enumTypes[unqualified(typeName)];
}

export function structuredType(typeName: string): StructuredType | undefined {
	const name = unqualified(typeName);
	const cached = cache.get(name);
	if (cached) return cached;
	const entity = json.entityTypes[name];
	const own = entity ?? json.complexTypes[name];
	if (!own) return undefined;
	const properties = new Map<string, PropertyInfo>();
	const chain: StructuredTypeJson[] = [];
	for (let type: StructuredTypeJson | undefined = own; type; ) {
		chain.unshift(type);
		type = type.baseType ? (json.entityTypes[type.baseType] ?? json.complexTypes[type.baseType]) : undefined;
	}
	for (const type of chain) {
		for (const [propertyName, property] of Object.entries(type.properties)) {
			properties.set(propertyName.toLowerCase(), {
				name: propertyName,
				type: property.type,
				nullable: property.nullable !== false,
				navigation: false,
			});
		}
		for (const [propertyName, property] of Object.entries(type.navigationProperties ?? {})) {
			properties.set(propertyName.toLowerCase(), { name: propertyName, type: property.type, nullable: true, navigation: true });
		}
	}
	const all = { ...json.entityTypes, ...json.complexTypes };
	const derived = new Set<string>([name]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [candidate, type] of Object.entries(all)) {
			if (type.baseType && derived.has(type.baseType) && !derived.has(candidate)) {
				derived.add(candidate);
				grew = true;
			}
		}
	}
	const result: StructuredType = { name, kind: entity ? 'entity' : 'complex', properties, derived };
	cache.set(name, result);
	return result;
}

function requireType(typeName: string): StructuredType {
	const type = structuredType(typeName);
	if (!type) throw new Error(`emulator bug: ${typeName} is not in data/mail-metadata.json`);
	return type;
}

export function findProperty(typeName: string, propertyName: string): PropertyInfo | undefined {
	return requireType(typeName).properties.get(propertyName.toLowerCase());
}

const notFoundOnType = (propertyName: string, typeName: string): string =>
	`Could not find a property named '${propertyName}' on type '${qualified(unqualified(typeName))}'.`;

/**
 * Canonical names for a `$select` list, or Graph's 400 RequestBroker--ParseUri naming the first unknown field.
 */
export function validateSelect(typeName: string, fields: readonly string[]): string[] {
	return fields.map((field) => {
		const property = findProperty(typeName, field);
		if (!property) throw badRequest('RequestBroker--ParseUri', notFoundOnType(field, typeName));
		return property.name;
	});
}

export interface ResolvedPath {
	/** Canonical path segments. */
	path: string[];
	type: string;
	nullable: boolean;
}

/**
 * Follows a property path such as `from/emailAddress/address` through complex types. Returns the error text
 * ("Could not find a property named ...") when a segment does not exist, so callers can wrap it in their own error.
 */
export function resolvePropertyPath(typeName: string, segments: readonly string[]): ResolvedPath | string {
	let current = typeName;
	const path: string[] = [];
	let info: PropertyInfo | undefined;
	for (const segment of segments) {
		const type = structuredType(current);
		info = type?.properties.get(segment.toLowerCase());
		if (!type || !info) return notFoundOnType(segment, current);
		path.push(info.name);
		current = info.type;
	}
	if (!info) return notFoundOnType('', typeName);
	return { path, type: info.type, nullable: info.nullable };
}

// ---------- request bodies ----------

const bodyError = (message: string) => badRequest('RequestBodyRead', message);

const primitiveMismatch = (type: string) =>
	bodyError(`Cannot convert a primitive value to the expected type '${type}'. See the inner exception for more details.`);

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function nodeKind(value: unknown): string {
	if (Array.isArray(value)) return 'StartArray';
	if (value !== null && typeof value === 'object') return 'StartObject';
	return 'PrimitiveValue';
}

function validatePrimitive(type: string, value: unknown): void {
	const ok = (() => {
		switch (type) {
			case 'Edm.String':
				return typeof value === 'string';
			case 'Edm.Boolean':
				return typeof value === 'boolean';
			case 'Edm.Int32':
			case 'Edm.Int64':
			case 'Edm.Int16':
			case 'Edm.Byte':
				return typeof value === 'number' && Number.isInteger(value);
			case 'Edm.Double':
			case 'Edm.Single':
			case 'Edm.Decimal':
				return typeof value === 'number';
			case 'Edm.DateTimeOffset':
				return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
			case 'Edm.Date':
				return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
			case 'Edm.Binary':
				return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
			case 'Edm.Guid':
				return typeof value === 'string' && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value);
			default:
				return true; // other Edm types are not used by the mail types
		}
	})();
	if (!ok) throw primitiveMismatch(type);
}

function validateValue(type: string, value: unknown, propertyName: string, nullable: boolean): void {
	if (value === null) {
		if (nullable) return;
		throw bodyError(
			`A null value was found for the property named '${propertyName}', which has the expected type ` +
				`'${qualified(type)}[Nullable=False]'. The expected type '${qualified(type)}[Nullable=False]' does not allow null values.`,
		);
	}
	const element = collectionElement(type);
	if (element) {
		if (!Array.isArray(value)) {
			throw bodyError(`An unexpected '${nodeKind(value)}' node was found when reading from the JSON reader. A 'StartArray' node was expected.`);
		}
		for (const item of value) validateValue(element, item, propertyName, true);
		return;
	}
	if (type.startsWith('Edm.')) {
		validatePrimitive(type, value);
		return;
	}
	const members = enumMembers(type);
	if (members) {
		if (typeof value !== 'string') throw primitiveMismatch(qualified(type));
		// Flags are written "a, b"; each part must be a member. Graph matches enum values case-insensitively.
		for (const part of value.split(',').map((item) => item.trim())) {
			if (!members.some((member) => member.toLowerCase() === part.toLowerCase())) {
				throw bodyError(`Requested value '${part}' was not found.`);
			}
		}
		return;
	}
	if (!structuredType(type)) return; // a type outside the mail metadata (reached only by navigation): not checked
	if (nodeKind(value) !== 'StartObject') {
		throw bodyError(`An unexpected '${nodeKind(value)}' node was found when reading from the JSON reader. A 'StartObject' node was expected.`);
	}
	validateBody(type, value);
}

/**
 * Checks a request body against a Graph type: every property must exist on the type (or on the derived type named
 * by `@odata.type`), and every value must have the property's type. Throws Graph's 400 RequestBodyRead.
 * Instance annotations (`@odata.type`, `name@odata.bind`...) are allowed.
 */
export function validateBody(typeName: string, body: unknown): void {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest('BadRequest', 'Empty Payload. JSON content expected.');
	}
	let type = requireType(typeName);
	const record = body as Record<string, unknown>;
	const declared = record['@odata.type'];
	if (declared !== undefined) {
		const derivedName = typeof declared === 'string' ? unqualified(declared) : '';
		if (!type.derived.has(derivedName)) {
			throw bodyError(
				`A type named '${String(declared).replace(/^#/, '')}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`,
			);
		}
		type = requireType(derivedName);
	}
	for (const [key, value] of Object.entries(record)) {
		if (key.includes('@')) continue;
		const property = type.properties.get(key.toLowerCase());
		if (!property) {
			throw bodyError(
				`The property '${key}' does not exist on type '${qualified(type.name)}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
			);
		}
		validateValue(property.type, value, property.name, property.nullable);
	}
}

// ---------- action parameters ----------

/**
 * Checks the body of a bound action (sendMail, reply, move, createUploadSession...) against the action's parameters
 * in the metadata, and returns the values under their canonical parameter names. Parameter names match
 * case-insensitively (Graph's docs write `destinationId`, the metadata `DestinationId`). An unknown parameter,
 * a value of the wrong type, or a missing non-nullable parameter is Graph's 400. An action without parameters
 * accepts an empty or absent body.
 */
export function validateAction(bindingType: string, actionName: string, body: unknown): Record<string, unknown> {
	const operation = json.operations.find(
		(candidate) => candidate.kind === 'action' && candidate.name === actionName && candidate.bindingType === bindingType,
	);
	if (!operation) throw new Error(`emulator bug: no action ${actionName} bound to ${bindingType} in data/mail-metadata.json`);
	const qualifiedName = `microsoft.graph.${operation.name}`;
	const parameters = Object.entries(operation.parameters);
	if (body === undefined || body === '') {
		if (parameters.length === 0) return {};
		body = {};
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest('BadRequest', 'Empty Payload. JSON content expected.');
	}
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (key.includes('@')) continue;
		const found = parameters.find(([name]) => name.toLowerCase() === key.toLowerCase());
		if (!found) {
			throw bodyError(`The parameter '${key}' in the request payload is not a valid parameter for the operation '${qualifiedName}'.`);
		}
		const [name, parameter] = found;
		// Graph's own sendMail example sends "saveToSentItems": "false": a Boolean written as a string is read as one.
		const read = parameter.type === 'Edm.Boolean' && (value === 'true' || value === 'false') ? value === 'true' : value;
		validateValue(parameter.type, read, name, parameter.nullable !== false);
		values[name] = read;
	}
	const missing = parameters.filter(([name, parameter]) => parameter.nullable === false && !(name in values)).map(([name]) => name);
	if (missing.length > 0) {
		throw bodyError(
			`One or more parameters of the operation '${qualifiedName}' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
		);
	}
	return values;
}
