import { createHash } from 'node:crypto';
import { makeChangeKey, makeItemId, parseItemId } from '../seed/ids';
import {
	cloneAttachment,
	fileAttachment,
	messageData,
	type AppSeed,
	type GroupSeed,
	type MailboxSeed,
	type MailboxSettings,
	type MessageData,
	type StoredAttachment,
	type StoredFolder,
	type StoredMessage,
	type TenantSeed,
	type UserPurpose,
	type UserSeed,
} from './model';
import { seededRandom } from '../seed/random';
import { sampleMessage, type FolderRole } from '../seed/sample-mail';
import { generatedUsers, type AddUsersOptions } from '../seed/sample-users';
import { AutomaticReplyLog } from './automatic-replies';
import { MasterCategories } from './categories';
import { MailTipStates } from './mail-tips';
import { InboxRules } from './rules';
import { MessageTraces } from './traces';

/**
 * The in-memory directory and mailboxes. It knows nothing about HTTP: it answers with data or throws one of the
 * typed errors below, which the Graph handlers map to Graph's answers in one table (graph-errors.ts).
 */

export class UnknownUserError extends Error {
	constructor(readonly user: string) {
		super(`no user '${user}' in this tenant`);
		this.name = 'UnknownUserError';
	}
}

export class MailboxNotEnabledError extends Error {
	constructor(readonly userId: string) {
		super(`user ${userId} has no mailbox`);
		this.name = 'MailboxNotEnabledError';
	}
}

/**
 * How Exchange keeps an app out of a mailbox it holds a tenant-wide permission for: an application access policy
 * (legacy) or RBAC for Applications with a management scope that leaves the mailbox out.
 */
export type MailboxRestriction = 'applicationAccessPolicy' | 'rbacScope';

/** The mailbox is outside the app's Exchange scope (Graph: 403 ErrorAccessDenied). */
export class MailboxAccessDeniedError extends Error {
	constructor(
		readonly userId: string,
		readonly restriction: MailboxRestriction,
	) {
		super(`the app may not use the mailbox of ${userId} (${restriction})`);
		this.name = 'MailboxAccessDeniedError';
	}
}

/** No group with that id in the tenant (Graph: 404 Request_ResourceNotFound). */
export class UnknownGroupError extends Error {
	constructor(readonly group: string) {
		super(`no group '${group}' in this tenant`);
		this.name = 'UnknownGroupError';
	}
}

/**
 * What a test can make one mailbox fail with: outside the app's application access policy or RBAC scope (403),
 * no Exchange mailbox (404 MailboxNotEnabledForRESTAPI), or the user deleted from the directory (404).
 */
export type MailboxFailure = 'outsideAccessPolicy' | 'outsideRbacScope' | 'noMailbox' | 'deleted';

/** The value cannot be an id at all (Graph: ErrorInvalidIdMalformed). */
export class MalformedIdError extends Error {
	constructor(readonly value: string) {
		super(`'${value}' is not a well-formed id`);
		this.name = 'MalformedIdError';
	}
}

/** A well-formed id that names no item in this mailbox (Graph: ErrorItemNotFound). */
export class ItemNotFoundError extends Error {
	constructor(readonly value: string) {
		super(`no item '${value}' in this mailbox`);
		this.name = 'ItemNotFoundError';
	}
}

/** A sibling folder already has that name, compared case-insensitively (Graph: 409 ErrorFolderExists). */
export class FolderExistsError extends Error {
	constructor(readonly displayName: string) {
		super(`a folder named '${displayName}' already exists there`);
		this.name = 'FolderExistsError';
	}
}

/** Well-known (distinguished) folders and the mailbox root cannot be deleted, moved or renamed. */
export class DistinguishedFolderError extends Error {
	constructor(readonly operation: 'delete' | 'move' | 'rename') {
		super(`a distinguished folder cannot be ${operation === 'move' ? 'moved' : `${operation}d`}`);
		this.name = 'DistinguishedFolderError';
	}
}

/** A folder cannot be moved or copied into itself or one of its own subfolders. */
export class FolderCycleError extends Error {
	constructor() {
		super('a folder cannot go into itself or one of its subfolders');
		this.name = 'FolderCycleError';
	}
}

/**
 * A change to a message as change notifications see it: a message stored in a folder (`created`, also the new id
 * of a moved message), changed in place (`updated`: any new version), or gone from a folder (`deleted`, also the
 * old id of a moved message).
 */
export interface MessageChange {
	userId: string;
	messageId: string;
	folderId: string;
	changeType: 'created' | 'updated' | 'deleted';
}

export type MessageChangeListener = (change: MessageChange) => void;

export interface Tenant {
	id: string;
	displayName: string;
	domains: string[];
}

export interface User extends Omit<UserSeed, 'mailbox' | 'accountEnabled' | 'userType' | 'createdDateTime'> {
	tenantId: string;
	/** Whether the user has an Exchange Online mailbox now (store.setMailboxEnabled changes it). */
	hasMailbox: boolean;
	accountEnabled: boolean;
	userType: 'Member' | 'Guest';
	createdDateTime: string;
	/** Set while the user is deleted (soft-deleted, restorable): it is then gone from every lookup. */
	deletedDateTime: string | null;
}

export interface Group extends Omit<GroupSeed, 'groupTypes' | 'description'> {
	tenantId: string;
	description: string | null;
	groupTypes: string[];
	createdDateTime: string;
}

/** A member of a group, as transitiveMembers lists it. */
export type DirectoryMember = { type: 'user'; user: User } | { type: 'group'; group: Group };

export type App = AppSeed;

interface Mailbox {
	owner: User;
	folders: Map<string, StoredFolder>;
	messages: Map<string, StoredMessage>;
	serial: number;
	settings: MailboxSettings;
	/** Folders and sample mail still to write: a mailbox is filled when first used, so 10,000 cost little. */
	pending?: MailboxSeed;
}

const LANGUAGE_NAMES: Record<string, string> = {
	'en-US': 'English (United States)',
	'en-GB': 'English (United Kingdom)',
	'de-DE': 'German (Germany)',
	'fr-FR': 'French (France)',
	'nl-NL': 'Dutch (Netherlands)',
};

/** A new mailbox's settings, as Exchange gives a mailbox in the user's language, before anyone changes them. */
export function defaultMailboxSettings(preferredLanguage: string | undefined, purpose: UserPurpose): MailboxSettings {
	const locale = preferredLanguage ?? 'en-US';
	return {
		timeZone: 'Pacific Standard Time',
		language: { locale, displayName: LANGUAGE_NAMES[locale] ?? locale },
		dateFormat: 'M/d/yyyy',
		timeFormat: 'h:mm tt',
		workingHours: {
			daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
			startTime: '08:00:00.0000000',
			endTime: '17:00:00.0000000',
			timeZone: { name: 'Pacific Standard Time' },
		},
		automaticRepliesSetting: {
			status: 'disabled',
			externalAudience: 'all',
			scheduledStartDateTime: { dateTime: '2024-06-28T09:00:00.0000000', timeZone: 'UTC' },
			scheduledEndDateTime: { dateTime: '2024-06-29T09:00:00.0000000', timeZone: 'UTC' },
			internalReplyMessage: '',
			externalReplyMessage: '',
		},
		userPurpose: purpose,
		delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
	};
}

const DEFAULT_CREATED = '2023-01-16T09:00:00Z';

export interface FolderCounts {
	childFolderCount: number;
	totalItemCount: number;
	unreadItemCount: number;
}

/** Graph's well-known folder names (mailFolder docs). Any of them may be used in place of a folder id. */
export const WELL_KNOWN_FOLDER_NAMES: ReadonlySet<string> = new Set([
	'archive',
	'clutter',
	'conflicts',
	'conversationhistory',
	'deleteditems',
	'drafts',
	'inbox',
	'junkemail',
	'localfailures',
	'msgfolderroot',
	'outbox',
	'recoverableitemsdeletions',
	'scheduled',
	'searchfolders',
	'sentitems',
	'serverfailures',
	'syncissues',
]);

/** The folders every sample mailbox starts with, under msgfolderroot, in the order Outlook lists them. */
const STANDARD_FOLDERS: readonly [wellKnownName: string | null, displayName: string, isHidden: boolean][] = [
	['archive', 'Archive', false],
	[null, 'Conversation Action Settings', true],
	['conversationhistory', 'Conversation History', false],
	['deleteditems', 'Deleted Items', false],
	['drafts', 'Drafts', false],
	['inbox', 'Inbox', false],
	['junkemail', 'Junk Email', false],
	['outbox', 'Outbox', false],
	['sentitems', 'Sent Items', false],
];

/** Sample mail is dated back from here, so mailboxes are the same whatever the clock says. */
export const SAMPLE_MAIL_LATEST = Date.UTC(2024, 5, 28, 9, 30);

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Store {
	private tenantList: Tenant[] = [];
	private appsByTenant = new Map<string, Map<string, App>>();
	/** Users by tenant, in the order they were added (deleted ones included, flagged). */
	private usersByTenant = new Map<string, User[]>();
	private usersById = new Map<string, User>();
	/** `${tenantId} ${upn, lower case}` -> user. */
	private usersByUpn = new Map<string, User>();
	/** Mail address or UPN, lower case -> users, in the order they were added. */
	private usersByAddress = new Map<string, User[]>();
	private groupsByTenant = new Map<string, Group[]>();
	private groupsById = new Map<string, Group>();
	private mailboxes = new Map<string, Mailbox>();
	/** userId -> (appId, or '*' for every app) -> how the mailbox is kept out of the app's reach. */
	private restrictions = new Map<string, Map<string, MailboxRestriction>>();
	private updates = new Map<string, number>();
	private listeners: MessageChangeListener[] = [];
	/** While seeding (reset), nothing is reported: seed data is not a change. */
	private seeding = false;
	/** Each mailbox's master list of categories (state/categories.ts). */
	categories = new MasterCategories();
	/** Each mailbox's Inbox rules (state/rules.ts); graph/inbox-rules.ts runs them on delivery. */
	rules = new InboxRules();
	/** What mailboxes say through MailTips besides automatic replies (state/mail-tips.ts). */
	mailTips = new MailTipStates();
	/** Message trace of the mail sent through the emulator (state/traces.ts). */
	traces = new MessageTraces();
	/** The senders each mailbox has sent an automatic reply to (state/automatic-replies.ts). */
	automaticReplies = new AutomaticReplyLog();

	constructor(
		private readonly seeds: readonly TenantSeed[],
		/** The emulator's clock. */
		readonly now: () => number,
	) {
		this.reset();
	}

	/** Back to the seed data: every change made since is dropped. */
	reset(): void {
		this.tenantList = [];
		this.appsByTenant = new Map();
		this.usersByTenant = new Map();
		this.usersById = new Map();
		this.usersByUpn = new Map();
		this.usersByAddress = new Map();
		this.groupsByTenant = new Map();
		this.groupsById = new Map();
		this.mailboxes = new Map();
		this.restrictions = new Map();
		this.updates = new Map();
		this.categories = new MasterCategories();
		this.rules = new InboxRules();
		this.mailTips = new MailTipStates();
		this.traces = new MessageTraces();
		this.automaticReplies = new AutomaticReplyLog();
		this.seeding = true;
		try {
			for (const seed of this.seeds) this.addTenant(seed);
		} finally {
			this.seeding = false;
		}
	}

	/**
	 * Calls `listener` after every change to a message (the change notifications of subscriptions.ts); returns the
	 * function that stops it. Seeding a tenant reports nothing.
	 */
	onMessageChange(listener: MessageChangeListener): () => void {
		this.listeners.push(listener);
		return () => {
			this.listeners = this.listeners.filter((candidate) => candidate !== listener);
		};
	}

	addTenant(seed: TenantSeed): void {
		const tenantId = seed.id.toLowerCase();
		this.tenantList.push({ id: tenantId, displayName: seed.displayName, domains: [...seed.domains] });
		const apps = new Map<string, App>();
		for (const app of seed.apps) apps.set(app.clientId.toLowerCase(), structuredClone(app));
		this.appsByTenant.set(tenantId, apps);
		this.usersByTenant.set(tenantId, []);
		this.groupsByTenant.set(tenantId, []);
		for (const userSeed of seed.users) this.addUser(tenantId, userSeed);
		for (const groupSeed of seed.groups ?? []) this.addGroup(tenantId, groupSeed);
	}

	// ---------- directory ----------

	tenants(): readonly Tenant[] {
		return this.tenantList;
	}

	/** A tenant by id or by any of its domains, case-insensitively. */
	findTenant(idOrDomain: string): Tenant | undefined {
		const key = idOrDomain.toLowerCase();
		return this.tenantList.find((tenant) => tenant.id === key || tenant.domains.some((domain) => domain.toLowerCase() === key));
	}

	findApp(tenantId: string, clientId: string): App | undefined {
		return this.appsByTenant.get(tenantId.toLowerCase())?.get(clientId.toLowerCase());
	}

	/** A user of the tenant by object id or userPrincipalName, case-insensitively; deleted users are not found. */
	findUser(tenantId: string, idOrUpn: string): User | undefined {
		const key = idOrUpn.toLowerCase();
		const tenant = tenantId.toLowerCase();
		const byId = this.usersById.get(key);
		const user = byId?.tenantId === tenant ? byId : this.usersByUpn.get(`${tenant} ${key}`);
		return user && user.deletedDateTime === null ? user : undefined;
	}

	/** Every user of the tenant (deleted ones left out), in the order they were added. */
	tenantUsers(tenantId: string): User[] {
		return (this.usersByTenant.get(tenantId.toLowerCase()) ?? []).filter((user) => user.deletedDateTime === null);
	}

	user(tenantId: string, idOrUpn: string): User {
		const user = this.findUser(tenantId, idOrUpn);
		if (!user) throw new UnknownUserError(idOrUpn);
		return user;
	}

	/**
	 * The user, in any tenant, whose mail or userPrincipalName is this address (case-insensitively): where mail
	 * sent to the address is delivered when `withMailbox`, whose display name it shows otherwise.
	 */
	userByAddress(address: string, withMailbox = true): User | undefined {
		const key = address.trim().toLowerCase();
		if (key === '') return undefined;
		return this.usersByAddress.get(key)?.find((user) => user.deletedDateTime === null && (!withMailbox || user.hasMailbox));
	}

	/** Adds a user (and its mailbox, filled when first used) to a tenant of the store. */
	addUser(tenantId: string, seed: UserSeed): User {
		const tenant = tenantId.toLowerCase();
		const list = this.usersByTenant.get(tenant);
		if (!list) throw new Error(`store: no tenant ${tenantId}`);
		const { mailbox, accountEnabled, userType, createdDateTime, ...fields } = seed;
		const id = fields.id.toLowerCase();
		if (this.usersById.has(id)) throw new Error(`store: a user with id ${id} exists already`);
		if (this.usersByUpn.has(`${tenant} ${fields.userPrincipalName.toLowerCase()}`)) {
			throw new Error(`store: a user ${fields.userPrincipalName} exists already`);
		}
		const user: User = {
			...structuredClone(fields),
			id,
			tenantId: tenant,
			hasMailbox: mailbox !== null,
			accountEnabled: accountEnabled ?? true,
			userType: userType ?? 'Member',
			createdDateTime: createdDateTime ?? DEFAULT_CREATED,
			deletedDateTime: null,
		};
		list.push(user);
		this.usersById.set(id, user);
		this.usersByUpn.set(`${tenant} ${user.userPrincipalName.toLowerCase()}`, user);
		for (const address of new Set([user.mail?.toLowerCase(), user.userPrincipalName.toLowerCase()])) {
			if (address === undefined) continue;
			const users = this.usersByAddress.get(address) ?? [];
			users.push(user);
			this.usersByAddress.set(address, users);
		}
		if (mailbox) {
			const settings = { ...defaultMailboxSettings(user.preferredLanguage, mailbox.purpose ?? 'user'), ...structuredClone(mailbox.settings ?? {}) };
			this.mailboxes.set(id, { owner: user, folders: new Map(), messages: new Map(), serial: 0, settings, pending: mailbox });
		}
		return user;
	}

	/**
	 * Adds `count` generated users to the tenant (10,000 in well under a second: their mailboxes are filled when
	 * first used): `user00001@<domain>` and on, names and the share of each kind of mailbox drawn from `seed`.
	 * The same options give the same users. Returns them in order.
	 */
	addUsers(tenantId: string, count: number, options: AddUsersOptions = {}): User[] {
		const tenant = this.tenants().find((candidate) => candidate.id === tenantId.toLowerCase());
		if (!tenant) throw new Error(`store: no tenant ${tenantId}`);
		const start = this.usersByTenant.get(tenant.id)?.length ?? 0;
		const users = generatedUsers(tenant, count, options, start).map((seed) => this.addUser(tenant.id, seed));
		if (options.group !== undefined) this.addGroupMembers(tenant.id, options.group, users.map((user) => user.id));
		return users;
	}

	/**
	 * Soft-deletes a user, as Entra ID does: gone from every lookup (directory and mail routes answer 404 for it),
	 * from /users and from every group's members, until restoreUser. Its mailbox and memberships are kept.
	 */
	deleteUser(tenantId: string, idOrUpn: string): User {
		const user = this.user(tenantId, idOrUpn);
		user.deletedDateTime = isoSeconds(this.now());
		return user;
	}

	restoreUser(tenantId: string, id: string): User {
		const user = this.usersById.get(id.toLowerCase());
		if (!user || user.tenantId !== tenantId.toLowerCase()) throw new UnknownUserError(id);
		user.deletedDateTime = null;
		return user;
	}

	/**
	 * Takes a user's Exchange mailbox away (false: Graph answers MailboxNotEnabledForRESTAPI, as for a user whose
	 * licence was removed) or gives one back; a mailbox given back keeps its content, a new one is empty.
	 */
	setMailboxEnabled(userId: string, enabled: boolean): void {
		const user = this.usersById.get(userId.toLowerCase());
		if (!user) throw new UnknownUserError(userId);
		user.hasMailbox = enabled;
		if (enabled && !this.mailboxes.has(user.id)) {
			this.mailboxes.set(user.id, {
				owner: user,
				folders: new Map(),
				messages: new Map(),
				serial: 0,
				settings: defaultMailboxSettings(user.preferredLanguage, 'user'),
				pending: { seed: 1, messages: 0 },
			});
		}
	}

	/**
	 * Keeps a mailbox out of an app's reach (or, without appId, of every app's), as an application access policy or
	 * an RBAC management scope does: its mail routes then answer 403 ErrorAccessDenied; the directory still lists
	 * the user. `null` lifts it.
	 */
	restrictMailbox(userId: string, restriction: MailboxRestriction | null, appId?: string): void {
		const key = userId.toLowerCase();
		const app = appId?.toLowerCase() ?? '*';
		const byApp = this.restrictions.get(key) ?? new Map<string, MailboxRestriction>();
		if (restriction === null) byApp.delete(app);
		else byApp.set(app, restriction);
		if (byApp.size === 0) this.restrictions.delete(key);
		else this.restrictions.set(key, byApp);
	}

	/** Throws MailboxAccessDeniedError when the mailbox is outside this app's scope. */
	checkMailboxAccess(userId: string, appId: string): void {
		const byApp = this.restrictions.get(userId.toLowerCase());
		const restriction = byApp?.get(appId.toLowerCase()) ?? byApp?.get('*');
		if (restriction) throw new MailboxAccessDeniedError(userId, restriction);
	}

	/**
	 * One switch for the per-mailbox failures a test needs (for every app, or one): outside an access policy or RBAC
	 * scope (403), no mailbox (404 MailboxNotEnabledForRESTAPI), deleted (404). `null` undoes them all.
	 */
	setMailboxFailure(userId: string, failure: MailboxFailure | null, appId?: string): void {
		const user = this.usersById.get(userId.toLowerCase());
		if (!user) throw new UnknownUserError(userId);
		switch (failure) {
			case 'outsideAccessPolicy':
				return this.restrictMailbox(user.id, 'applicationAccessPolicy', appId);
			case 'outsideRbacScope':
				return this.restrictMailbox(user.id, 'rbacScope', appId);
			case 'noMailbox':
				return this.setMailboxEnabled(user.id, false);
			case 'deleted':
				user.deletedDateTime = isoSeconds(this.now());
				return;
			case null:
				this.restrictions.delete(user.id);
				user.deletedDateTime = null;
				if (this.mailboxes.has(user.id)) user.hasMailbox = true;
		}
	}

	// ---------- groups ----------

	addGroup(tenantId: string, seed: GroupSeed): Group {
		const tenant = tenantId.toLowerCase();
		const list = this.groupsByTenant.get(tenant);
		if (!list) throw new Error(`store: no tenant ${tenantId}`);
		const id = seed.id.toLowerCase();
		if (this.groupsById.has(`${tenant} ${id}`)) throw new Error(`store: a group with id ${id} exists already`);
		const group: Group = {
			...structuredClone(seed),
			id,
			tenantId: tenant,
			description: seed.description ?? null,
			groupTypes: [...(seed.groupTypes ?? [])],
			members: seed.members.map((member) => member.toLowerCase()),
			createdDateTime: DEFAULT_CREATED,
		};
		list.push(group);
		this.groupsById.set(`${tenant} ${id}`, group);
		return group;
	}

	findGroup(tenantId: string, id: string): Group | undefined {
		return this.groupsById.get(`${tenantId.toLowerCase()} ${id.toLowerCase()}`);
	}

	group(tenantId: string, id: string): Group {
		const group = this.findGroup(tenantId, id);
		if (!group) throw new UnknownGroupError(id);
		return group;
	}

	tenantGroups(tenantId: string): Group[] {
		return [...(this.groupsByTenant.get(tenantId.toLowerCase()) ?? [])];
	}

	/** Adds direct members (user or group object ids) to a group; ones already in it are left as they are. */
	addGroupMembers(tenantId: string, groupId: string, memberIds: readonly string[]): void {
		const group = this.group(tenantId, groupId);
		for (const raw of memberIds) {
			const id = raw.toLowerCase();
			if (this.usersById.get(id)?.tenantId !== group.tenantId && !this.findGroup(group.tenantId, id)) {
				throw new Error(`store: no user or group ${raw} to add to ${group.displayName}`);
			}
			if (!group.members.includes(id)) group.members.push(id);
		}
	}

	removeGroupMembers(tenantId: string, groupId: string, memberIds: readonly string[]): void {
		const group = this.group(tenantId, groupId);
		const gone = new Set(memberIds.map((id) => id.toLowerCase()));
		group.members = group.members.filter((id) => !gone.has(id));
	}

	/**
	 * Every member of the group and of the groups in it, at any depth, each once, in depth-first order of the
	 * member lists; nested groups are listed as members too. Deleted users, and ids the tenant does not have, are
	 * left out; cycles end.
	 */
	transitiveMembers(tenantId: string, groupId: string): DirectoryMember[] {
		const root = this.group(tenantId, groupId);
		const seen = new Set<string>([root.id]);
		const members: DirectoryMember[] = [];
		const walk = (group: Group): void => {
			for (const id of group.members) {
				if (seen.has(id)) continue;
				seen.add(id);
				const user = this.usersById.get(id);
				if (user && user.tenantId === root.tenantId) {
					if (user.deletedDateTime === null) members.push({ type: 'user', user });
					continue;
				}
				const nested = this.findGroup(root.tenantId, id);
				if (!nested) continue;
				members.push({ type: 'group', group: nested });
				walk(nested);
			}
		};
		walk(root);
		return members;
	}

	// ---------- mailbox settings ----------

	/** The mailbox's settings, the stored value itself (MailboxNotEnabledError without a mailbox). */
	mailboxSettings(userId: string): MailboxSettings {
		return this.mailbox(userId).settings;
	}

	/** Replaces top-level settings (a PATCH of mailboxSettings changes the ones it names). */
	updateMailboxSettings(userId: string, changes: Partial<MailboxSettings>): MailboxSettings {
		const settings = this.mailbox(userId).settings;
		Object.assign(settings, structuredClone(changes));
		return settings;
	}

	// ---------- folders ----------

	/** A folder by id or well-known name (case-insensitive). */
	folder(userId: string, idOrWellKnownName: string): StoredFolder {
		const box = this.mailbox(userId);
		const name = idOrWellKnownName.toLowerCase();
		if (WELL_KNOWN_FOLDER_NAMES.has(name)) {
			const folder = [...box.folders.values()].find((candidate) => candidate.wellKnownName === name);
			if (!folder) throw new ItemNotFoundError(idOrWellKnownName);
			return folder;
		}
		return this.itemIn(box, idOrWellKnownName, 'folder', box.folders);
	}

	childFolders(userId: string, folderId: string): StoredFolder[] {
		const box = this.mailbox(userId);
		return [...box.folders.values()].filter((folder) => folder.parentFolderId === folderId);
	}

	folderCounts(userId: string, folderId: string): FolderCounts {
		const box = this.mailbox(userId);
		let totalItemCount = 0;
		let unreadItemCount = 0;
		for (const message of box.messages.values()) {
			if (message.parentFolderId !== folderId) continue;
			totalItemCount++;
			if (!message.isRead) unreadItemCount++;
		}
		const childFolderCount = [...box.folders.values()].filter((folder) => folder.parentFolderId === folderId).length;
		return { childFolderCount, totalItemCount, unreadItemCount };
	}

	addFolder(userId: string, parent: string, displayName: string, isHidden = false): StoredFolder {
		const box = this.mailbox(userId);
		const parentFolder = this.folder(userId, parent);
		const folder: StoredFolder = {
			id: makeItemId('folder', box.owner.id, ++box.serial),
			displayName,
			parentFolderId: parentFolder.id,
			wellKnownName: null,
			isHidden,
		};
		box.folders.set(folder.id, folder);
		return folder;
	}

	/** Well-known folders and the mailbox root: they cannot be deleted, moved or renamed. */
	isDistinguished(folder: StoredFolder): boolean {
		return folder.wellKnownName !== null || folder.parentFolderId === null;
	}

	/** Whether `folderId` is `ancestorId` or lies anywhere below it. */
	isWithin(userId: string, folderId: string, ancestorId: string): boolean {
		const box = this.mailbox(userId);
		for (let current = box.folders.get(folderId); current; current = current.parentFolderId === null ? undefined : box.folders.get(current.parentFolderId)) {
			if (current.id === ancestorId) return true;
		}
		return false;
	}

	/** A new folder under `parent` (id or well-known name); a sibling of the same name is FolderExistsError. */
	createFolder(userId: string, parent: string, displayName: string, isHidden = false): StoredFolder {
		const parentFolder = this.folder(userId, parent);
		this.checkNameFree(userId, parentFolder.id, displayName);
		return this.addFolder(userId, parentFolder.id, displayName, isHidden);
	}

	renameFolder(userId: string, id: string, displayName: string): StoredFolder {
		const folder = this.folder(userId, id);
		if (this.isDistinguished(folder)) throw new DistinguishedFolderError('rename');
		this.checkNameFree(userId, folder.parentFolderId as string, displayName, folder.id);
		folder.displayName = displayName;
		return folder;
	}

	/** Moves a folder with everything in it under `destination`. Exchange keeps a folder's id when it moves. */
	moveFolder(userId: string, id: string, destination: string): StoredFolder {
		const folder = this.folder(userId, id);
		const target = this.folder(userId, destination);
		if (this.isDistinguished(folder)) throw new DistinguishedFolderError('move');
		if (this.isWithin(userId, target.id, folder.id)) throw new FolderCycleError();
		this.checkNameFree(userId, target.id, folder.displayName, folder.id);
		folder.parentFolderId = target.id;
		return folder;
	}

	/** Copies a folder with its messages and subfolders under `destination`; every copy gets a new id. */
	copyFolder(userId: string, id: string, destination: string): StoredFolder {
		const folder = this.folder(userId, id);
		const target = this.folder(userId, destination);
		if (this.isWithin(userId, target.id, folder.id)) throw new FolderCycleError();
		this.checkNameFree(userId, target.id, folder.displayName);
		return this.copyTree(this.mailbox(userId), folder, target.id);
	}

	/** Graph's DELETE of a folder: into Deleted Items with its content, or gone for good when already there. */
	deleteFolder(userId: string, id: string): void {
		const folder = this.folder(userId, id);
		if (this.isDistinguished(folder)) throw new DistinguishedFolderError('delete');
		const deletedItems = this.folder(userId, 'deleteditems');
		if (this.isWithin(userId, folder.id, deletedItems.id)) this.removeTree(this.mailbox(userId), folder);
		else folder.parentFolderId = deletedItems.id;
	}

	/** Removes a folder with its messages and subfolders. */
	permanentlyDeleteFolder(userId: string, id: string): void {
		const folder = this.folder(userId, id);
		if (this.isDistinguished(folder)) throw new DistinguishedFolderError('delete');
		this.removeTree(this.mailbox(userId), folder);
	}

	// ---------- messages ----------

	/** Messages of the whole mailbox, or of one folder, in the order they were stored. */
	messages(userId: string, folderId?: string): StoredMessage[] {
		const all = [...this.mailbox(userId).messages.values()];
		return folderId === undefined ? all : all.filter((message) => message.parentFolderId === folderId);
	}

	message(userId: string, id: string): StoredMessage {
		const box = this.mailbox(userId);
		return this.itemIn(box, id, 'message', box.messages);
	}

	/** Applies field changes, bumping lastModifiedDateTime and changeKey as Exchange does. */
	updateMessage(userId: string, id: string, changes: Partial<MessageData>): StoredMessage {
		const message = this.message(userId, id);
		Object.assign(message, structuredClone(changes));
		message.version++;
		message.changeKey = makeChangeKey(message.id, message.version);
		message.lastModifiedDateTime = isoSeconds(this.now());
		this.updates.set(message.id, (this.updates.get(message.id) ?? 0) + 1);
		this.report(userId, message, 'updated');
		return message;
	}

	/**
	 * How many times updateMessage changed the message with this id since the store was (re)seeded: through Graph,
	 * its successful PATCHes, in or out of a `$batch`. A move gives a message a new id, counted from 0.
	 */
	updateCount(messageId: string): number {
		return this.updates.get(messageId) ?? 0;
	}

	/** Removes a message for good (Graph's permanentDelete; no Recoverable Items folder is emulated). */
	deleteMessage(userId: string, id: string): void {
		const message = this.message(userId, id);
		this.mailbox(userId).messages.delete(message.id);
		this.report(userId, message, 'deleted');
	}

	/**
	 * Graph's DELETE of a message: moved into Deleted Items (under a new id, as any move), or removed when it is
	 * already in Deleted Items or below it. Returns the message in Deleted Items, or undefined when removed.
	 */
	deleteMessageToDeletedItems(userId: string, id: string): StoredMessage | undefined {
		const message = this.message(userId, id);
		const deletedItems = this.folder(userId, 'deleteditems');
		if (this.isWithin(userId, message.parentFolderId, deletedItems.id)) {
			this.deleteMessage(userId, message.id);
			return undefined;
		}
		return this.moveMessage(userId, message.id, deletedItems.id);
	}

	/**
	 * Stores a new message in a folder under a new id. Fields Exchange derives from the item are filled when
	 * empty (internetMessageId, conversationId, conversationIndex); webLink and hasAttachments always are.
	 * Attachments are stored under new ids.
	 */
	createMessage(userId: string, folder: string, data: MessageData, attachments: readonly StoredAttachment[] = []): StoredMessage {
		const box = this.mailbox(userId);
		const target = this.folder(userId, folder);
		return this.insertMessage(box, target.id, messageData(data), attachments);
	}

	/** Moves a message to another folder. As in Exchange, the moved message has a new id (and new attachment ids). */
	moveMessage(userId: string, id: string, destination: string): StoredMessage {
		const box = this.mailbox(userId);
		const message = this.message(userId, id);
		const target = this.folder(userId, destination);
		box.messages.delete(message.id);
		this.report(box.owner.id, message, 'deleted');
		const moved = this.insertMessage(box, target.id, messageData(message), message.attachments);
		moved.lastModifiedDateTime = isoSeconds(this.now());
		return moved;
	}

	/** Copies a message into a folder; the original keeps its id, the copy has a new one. */
	copyMessage(userId: string, id: string, destination: string): StoredMessage {
		const box = this.mailbox(userId);
		const message = this.message(userId, id);
		const target = this.folder(userId, destination);
		const copy = this.insertMessage(box, target.id, messageData(message), message.attachments);
		copy.createdDateTime = copy.lastModifiedDateTime = isoSeconds(this.now());
		return copy;
	}

	// ---------- attachments ----------

	attachment(userId: string, messageId: string, attachmentId: string): StoredAttachment {
		const message = this.message(userId, messageId);
		const parsed = parseItemId(attachmentId);
		if (!parsed) throw new MalformedIdError(attachmentId);
		const attachment = message.attachments.find((candidate) => candidate.id === attachmentId);
		if (!attachment) throw new ItemNotFoundError(attachmentId);
		return attachment;
	}

	/** Adds an attachment (its id is replaced by a new one); the message's hasAttachments and changeKey follow. */
	addAttachment(userId: string, messageId: string, attachment: StoredAttachment): StoredAttachment {
		const box = this.mailbox(userId);
		const message = this.message(userId, messageId);
		const stored = cloneAttachment(attachment, makeItemId('attachment', box.owner.id, ++box.serial));
		stored.lastModifiedDateTime = isoSeconds(this.now());
		message.attachments.push(stored);
		this.touch(userId, message);
		return stored;
	}

	/**
	 * Seeds a file attachment (tests and benchmarks: a 100 MB attachment to download). The Buffer is kept, not
	 * copied; do not change it afterwards.
	 */
	addFileAttachment(userId: string, messageId: string, name: string, content: Buffer, contentType = 'application/octet-stream'): StoredAttachment {
		return this.addAttachment(
			userId,
			messageId,
			fileAttachment({ id: '', name, contentType, size: content.length, isInline: false, lastModifiedDateTime: '', content, contentId: null, contentLocation: null }),
		);
	}

	removeAttachment(userId: string, messageId: string, attachmentId: string): void {
		const message = this.message(userId, messageId);
		const attachment = this.attachment(userId, messageId, attachmentId);
		message.attachments = message.attachments.filter((candidate) => candidate !== attachment);
		this.touch(userId, message);
	}

	/** Adds one message to a folder; fields not given are filled from a sample message. */
	addMessage(userId: string, folder: string, fields: Partial<MessageData> = {}, seed = 1): StoredMessage {
		const box = this.mailbox(userId);
		const target = this.folder(userId, folder);
		const role = roleOf(target);
		const message = this.writeSample(box, target.id, role, SAMPLE_MAIL_LATEST, seededRandom(seed));
		// Delivered at the receivedDateTime given: created and last changed then too, unless said otherwise.
		const at = fields.receivedDateTime;
		Object.assign(message, at ? { createdDateTime: at, lastModifiedDateTime: at } : {}, structuredClone(fields));
		return message;
	}

	/**
	 * Adds `count` generated messages to a folder (10,000 take well under a second), newest first, each a few
	 * minutes older than the one before. The same seed writes the same content.
	 */
	addMessages(userId: string, folder: string, count: number, seed = 1): StoredMessage[] {
		const box = this.mailbox(userId);
		const target = this.folder(userId, folder);
		const random = seededRandom(seed);
		const role = roleOf(target);
		const written: StoredMessage[] = [];
		let at = SAMPLE_MAIL_LATEST;
		for (let index = 0; index < count; index++) {
			at -= random.int(1, 30) * 60_000;
			written.push(this.writeSample(box, target.id, role, at, random));
		}
		return written;
	}

	// ---------- internals ----------

	private mailbox(userId: string): Mailbox {
		const key = userId.toLowerCase();
		const owner = this.usersById.get(key);
		if (!owner || owner.deletedDateTime !== null) throw new UnknownUserError(userId);
		const box = this.mailboxes.get(key);
		if (!box || !owner.hasMailbox) throw new MailboxNotEnabledError(userId);
		if (box.pending) {
			const { folders, seed, messages } = box.pending;
			box.pending = undefined;
			this.seedFolders(box, folders ?? []);
			this.seedMessages(box, seed, messages);
		}
		return box;
	}

	/** A new version of a changed message: changeKey, lastModifiedDateTime and hasAttachments follow. */
	private touch(userId: string, message: StoredMessage): void {
		message.version++;
		message.changeKey = makeChangeKey(message.id, message.version);
		message.lastModifiedDateTime = isoSeconds(this.now());
		message.hasAttachments = message.attachments.some((attachment) => !attachment.isInline);
		this.report(userId, message, 'updated');
	}

	private report(userId: string, message: StoredMessage, changeType: MessageChange['changeType']): void {
		if (this.seeding || this.listeners.length === 0) return;
		const change: MessageChange = { userId: userId.toLowerCase(), messageId: message.id, folderId: message.parentFolderId, changeType };
		for (const listener of this.listeners) listener(change);
	}

	private insertMessage(box: Mailbox, folderId: string, data: MessageData, attachments: readonly StoredAttachment[]): StoredMessage {
		const id = makeItemId('message', box.owner.id, ++box.serial);
		const digest = createHash('sha256').update(id).digest();
		const stored = attachments.map((attachment) => cloneAttachment(attachment, makeItemId('attachment', box.owner.id, ++box.serial)));
		const message: StoredMessage = {
			...data,
			id,
			parentFolderId: folderId,
			attachments: stored,
			version: 1,
			changeKey: makeChangeKey(id, 1),
			webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
			hasAttachments: stored.some((attachment) => !attachment.isInline),
		};
		if (!message.internetMessageId) {
			message.internetMessageId = `<${digest.subarray(0, 16).toString('hex').toUpperCase()}@${box.owner.id.slice(0, 8).toUpperCase()}.namprd00.prod.outlook.com>`;
		}
		if (!message.conversationId) message.conversationId = `AAQkAG${digest.subarray(16, 32).toString('base64')}`;
		if (!message.conversationIndex) message.conversationIndex = digest.subarray(0, 22).toString('base64');
		box.messages.set(id, message);
		this.report(box.owner.id, message, 'created');
		return message;
	}

	private copyTree(box: Mailbox, folder: StoredFolder, parentId: string): StoredFolder {
		const children = this.childFolders(box.owner.id, folder.id);
		const messages = this.messages(box.owner.id, folder.id);
		const copy = this.addFolder(box.owner.id, parentId, folder.displayName, folder.isHidden);
		for (const message of messages) this.insertMessage(box, copy.id, messageData(message), message.attachments);
		for (const child of children) this.copyTree(box, child, copy.id);
		return copy;
	}

	private removeTree(box: Mailbox, folder: StoredFolder): void {
		for (const child of this.childFolders(box.owner.id, folder.id)) this.removeTree(box, child);
		for (const message of this.messages(box.owner.id, folder.id)) {
			box.messages.delete(message.id);
			this.report(box.owner.id, message, 'deleted');
		}
		box.folders.delete(folder.id);
	}

	private checkNameFree(userId: string, parentId: string, displayName: string, except?: string): void {
		const name = displayName.toLowerCase();
		if (this.childFolders(userId, parentId).some((folder) => folder.id !== except && folder.displayName.toLowerCase() === name)) {
			throw new FolderExistsError(displayName);
		}
	}

	private itemIn<T>(box: Mailbox, value: string, kind: 'folder' | 'message', items: Map<string, T>): T {
		const parsed = parseItemId(value);
		if (!parsed) throw new MalformedIdError(value);
		const item = parsed.kind === kind && parsed.mailboxId === box.owner.id ? items.get(value) : undefined;
		if (!item) throw new ItemNotFoundError(value);
		return item;
	}

	private seedFolders(box: Mailbox, extra: readonly { displayName: string; parent: string }[]): void {
		const id = () => makeItemId('folder', box.owner.id, ++box.serial);
		const root: StoredFolder = { id: id(), displayName: 'Root', parentFolderId: null, wellKnownName: null, isHidden: true };
		const top: StoredFolder = {
			id: id(),
			displayName: 'Top of Information Store',
			parentFolderId: root.id,
			wellKnownName: 'msgfolderroot',
			isHidden: false,
		};
		box.folders.set(root.id, root);
		box.folders.set(top.id, top);
		for (const [wellKnownName, displayName, isHidden] of STANDARD_FOLDERS) {
			const folder: StoredFolder = { id: id(), displayName, parentFolderId: top.id, wellKnownName, isHidden };
			box.folders.set(folder.id, folder);
		}
		for (const folder of extra) {
			const parent = [...box.folders.values()].find(
				(candidate) => candidate.wellKnownName === folder.parent.toLowerCase() || candidate.displayName === folder.parent,
			);
			if (!parent) throw new Error(`seed: no parent folder '${folder.parent}' for '${folder.displayName}'`);
			const created: StoredFolder = { id: id(), displayName: folder.displayName, parentFolderId: parent.id, wellKnownName: null, isHidden: false };
			box.folders.set(created.id, created);
		}
	}

	/** Spreads the sample messages over the folders: mostly Inbox, some sent, drafts, archived, deleted. */
	private seedMessages(box: Mailbox, seed: number, count: number): void {
		const random = seededRandom(seed);
		const byName = (name: string) => [...box.folders.values()].find((folder) => folder.wellKnownName === name) as StoredFolder;
		const custom = [...box.folders.values()].filter((folder) => folder.wellKnownName === null && !folder.isHidden && folder.parentFolderId !== null);
		let at = SAMPLE_MAIL_LATEST;
		for (let index = 0; index < count; index++) {
			at -= random.int(20, 600) * 60_000;
			const roll = random.next();
			const folder =
				roll < 0.6 ? byName('inbox')
				: roll < 0.72 ? byName('sentitems')
				: roll < 0.79 ? byName('drafts')
				: roll < 0.86 ? byName('archive')
				: roll < 0.92 ? byName('deleteditems')
				: (custom[index % Math.max(custom.length, 1)] ?? byName('inbox'));
			this.writeSample(box, folder.id, roleOf(folder), at, random);
		}
	}

	private writeSample(box: Mailbox, folderId: string, role: FolderRole, receivedAt: number, random: ReturnType<typeof seededRandom>): StoredMessage {
		const id = makeItemId('message', box.owner.id, ++box.serial);
		const { attachments, ...data } = sampleMessage({
			id,
			role,
			parentFolderId: folderId,
			owner: { displayName: box.owner.displayName, address: box.owner.mail ?? box.owner.userPrincipalName },
			receivedAt,
			random,
			attachmentId: () => makeItemId('attachment', box.owner.id, ++box.serial),
		});
		const message: StoredMessage = { ...data, id, attachments: attachments as StoredAttachment[], version: 1, changeKey: makeChangeKey(id, 1) };
		box.messages.set(id, message);
		this.report(box.owner.id, message, 'created');
		return message;
	}
}

function roleOf(folder: StoredFolder): FolderRole {
	if (folder.wellKnownName === 'sentitems' || folder.wellKnownName === 'outbox') return 'sent';
	if (folder.wellKnownName === 'drafts') return 'draft';
	return 'received';
}

