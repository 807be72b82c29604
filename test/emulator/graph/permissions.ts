import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which application permissions allow a Graph path and method, from Graph's permission reference
 * (data/mail-permissions.json). A token is allowed when it holds any permission listed for the path and method,
 * after expanding its roles with the broader-includes-narrower table (Mail.ReadWrite includes Mail.Read...).
 */

export interface PermissionEntry {
	permissions: string[];
	least: string[];
	derived?: string;
}

interface PermissionsJson {
	implies: Record<string, string[]>;
	paths: Record<string, Record<string, PermissionEntry>>;
}

const json = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'mail-permissions.json'), 'utf8')) as PermissionsJson;

/**
 * The permission reference's spelling of a route pattern: `/v1.0/users/{user}/mailFolders` -> `/users/{id}/mailfolders`.
 * A function's parameter is written `{value}`, as the reference does:
 * `.../getDetailsByRecipient(recipientAddress={address})` -> `.../getdetailsbyrecipient(recipientaddress={value})`.
 */
export function permissionPath(routePattern: string): string {
	return routePattern
		.replace(/^\/v1\.0/, '')
		.replace(/=\{[^}]+\}/g, '=\u0000')
		.replace(/\{[^}]+\}/g, '{id}')
		.replace(/\u0000/g, '{value}')
		.toLowerCase();
}

export function permissionEntry(method: string, path: string): PermissionEntry | undefined {
	return json.paths[path]?.[method.toUpperCase()];
}

/** The roles plus every permission they include. */
export function expandRoles(roles: readonly string[]): Set<string> {
	const expanded = new Set<string>();
	const add = (role: string) => {
		if (expanded.has(role)) return;
		expanded.add(role);
		for (const included of json.implies[role] ?? []) add(included);
	};
	roles.forEach(add);
	return expanded;
}

export function isAllowed(method: string, path: string, roles: readonly string[]): boolean {
	const entry = permissionEntry(method, path);
	if (!entry) return false;
	const held = expandRoles(roles);
	return entry.permissions.some((permission) => held.has(permission));
}
