/**
 * The tenant's mailboxes as the directory lists them: users (or a group's members at any depth) with a mail
 * address, and, when asked, checked to have an Exchange mailbox by reading their mailbox settings in `$batch`
 * requests (20 users per request through the client's batching). Used by the Mailbox resource's Get Many and by
 * the trigger watching a group's members.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient, GraphRequest } from '../graph/client';
import { GraphInputError, settle } from '../graph/errors';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { isGraphError } from '../graph/graphError';
import { GraphPath, segment } from '../graph/paths';
import { encodableText } from '../graph/text';
import { odataString } from './odata';
import { userPath } from './paths';

/** Graph's largest page for directory collections (`$top` 1 to 999). */
export const DIRECTORY_PAGE_SIZE = 999;
/** Mailbox checks in flight at once: enough for 10 `$batch` requests of 20. */
const CHECKS_IN_FLIGHT = 200;
/** What a listed user carries: the basic profile, which User.ReadBasic.All reads. */
export const MAILBOX_USER_SELECT = 'id,userPrincipalName,mail,displayName';

export interface DirectoryFilters {
	/** Members of this group, nested groups' members included. */
	groupId?: string;
	/** Only mail addresses of this domain (`contoso.com`). */
	domain?: string;
	/** Only enabled accounts (needs User.Read.All: `accountEnabled` is not in the basic profile). */
	enabledOnly?: boolean;
	/** A further OData `$filter` on users, as the user wrote it. */
	filter?: string;
}

export interface MailboxUser {
	id: string;
	userPrincipalName: string | null;
	mail: string | null;
	displayName: string | null;
	/** The mailbox's `userPurpose` (user, shared, room, equipment, ...), when its settings were read. */
	purpose?: string | null;
}

const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** A domain name as the Domain filter takes it (a leading `@` allowed), or the error naming the field. */
export function domainValue(value: string, field = 'Domain'): string {
	const domain = encodableText(value, field).trim().replace(/^@/, '');
	if (!DOMAIN.test(domain)) throw new GraphInputError(field, INPUT_TEXTS.notDomain(field));
	return domain.toLowerCase();
}

/**
 * The request listing users with these filters. Graph needs its advanced query parameters (`ConsistencyLevel:
 * eventual` and `$count=true`) for `endsWith`, for the cast of transitive members to users, and for most free
 * filters (`ne`, `not`, `endsWith`): they are sent whenever one of those is used, and only then (an advanced query
 * reads an eventually consistent copy of the directory).
 */
export function usersRequest(filters: DirectoryFilters): GraphRequest {
	const path = filters.groupId
		? GraphPath.of('groups', segment(filters.groupId, 'Group'), 'transitiveMembers', 'microsoft.graph.user')
		: GraphPath.of('users');
	const clauses: string[] = [];
	if (filters.domain) clauses.push(`endsWith(mail,${odataString(`@${filters.domain}`)})`);
	if (filters.enabledOnly) clauses.push('accountEnabled eq true');
	if (filters.filter) clauses.push(`(${filters.filter})`);
	const advanced = Boolean(filters.groupId || filters.domain || filters.filter);
	return {
		method: 'GET',
		path,
		query: { $select: MAILBOX_USER_SELECT, $filter: clauses.join(' and ') || undefined, ...(advanced ? { $count: 'true' } : {}) },
		...(advanced ? { headers: { ConsistencyLevel: 'eventual' } } : {}),
	};
}

function mailboxUser(raw: IDataObject): MailboxUser | undefined {
	if (typeof raw.id !== 'string' || !raw.id) return undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	return { id: raw.id, userPrincipalName: text(raw.userPrincipalName), mail: text(raw.mail), displayName: text(raw.displayName) };
}

/**
 * Users with a mail address (a user without one has no mailbox), page by page over `@odata.nextLink` with `$top`
 * 999, until `limit` are found. With `onlyWithMailbox`, each page's users are checked (`withExchangeMailbox`) before
 * the next page is read; `skipped` counts those left out for having no mailbox the app may use.
 */
export async function listMailboxUsers(
	client: GraphClient,
	filters: DirectoryFilters,
	options: { limit?: number; onlyWithMailbox?: boolean; itemIndex?: number } = {},
): Promise<{ users: MailboxUser[]; skipped: number }> {
	const users: MailboxUser[] = [];
	let skipped = 0;
	const request = { ...usersRequest(filters), itemIndex: options.itemIndex };
	for await (const page of client.pages<IDataObject>(request, { pageSize: DIRECTORY_PAGE_SIZE })) {
		let found = page.items.map((raw) => (raw && typeof raw === 'object' ? mailboxUser(raw) : undefined)).filter((user): user is MailboxUser => Boolean(user?.mail));
		if (options.onlyWithMailbox) {
			const checked = await withExchangeMailbox(client, found, options.itemIndex);
			found = checked.users;
			skipped += checked.skipped;
		}
		for (const user of found) {
			if (options.limit !== undefined && users.length >= options.limit) return { users, skipped };
			users.push(user);
		}
		if (options.limit !== undefined && users.length >= options.limit) return { users, skipped };
	}
	return { users, skipped };
}

/** One mailbox's settings; undefined when the user has no Exchange mailbox (404) or it is outside the app's scope (403). */
export async function readMailboxSettings(client: GraphClient, mailbox: string, itemIndex?: number): Promise<IDataObject | undefined> {
	const settings = await settle(client.request<IDataObject>({ method: 'GET', path: userPath(mailbox).child('mailboxSettings'), itemIndex }));
	if (!(settings instanceof Error)) return settings;
	if (isGraphError(settings, { status: [403, 404] })) return undefined;
	throw settings;
}

/**
 * The users that have an Exchange mailbox this app may use, each with its purpose: one mailbox settings read per
 * user, sent side by side so the client's batching packs 20 into each `$batch` request. Users whose mailbox does
 * not exist (404) or lies outside the app's scope (403) are left out; `skipped` counts them.
 */
export async function withExchangeMailbox(
	client: GraphClient,
	users: MailboxUser[],
	itemIndex?: number,
): Promise<{ users: MailboxUser[]; skipped: number }> {
	const checked: Array<MailboxUser | undefined> = new Array(users.length);
	let next = 0;
	const worker = async () => {
		while (next < users.length) {
			const index = next++;
			const settings = await readMailboxSettings(client, users[index].id, itemIndex);
			checked[index] = settings ? { ...users[index], purpose: typeof settings.userPurpose === 'string' ? settings.userPurpose : null } : undefined;
		}
	};
	await Promise.all(Array.from({ length: Math.min(CHECKS_IN_FLIGHT, users.length) }, worker));
	const found = checked.filter((user): user is MailboxUser => user !== undefined);
	return { users: found, skipped: users.length - found.length };
}
