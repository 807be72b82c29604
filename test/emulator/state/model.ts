/**
 * What the store holds: tenants with their app registrations and users, and mailboxes with folders and messages.
 * Message fields are named and shaped as Graph's v1.0 `message` resource, so shaping a response is picking fields.
 */

// ---------- seeds: the data a tenant starts from ----------

export interface TenantSeed {
	/** Tenant id (GUID). */
	id: string;
	displayName: string;
	/** Verified domains; the first is the initial `*.onmicrosoft.com` domain. Any of them names the tenant. */
	domains: string[];
	apps: AppSeed[];
	users: UserSeed[];
	/** Directory groups, with their direct members (users and other groups) by object id. */
	groups?: GroupSeed[];
}

export interface AppSeed {
	/** Application (client) id. */
	clientId: string;
	displayName: string;
	/** Object id of the app's service principal in this tenant: the token's `oid` and `sub`. */
	servicePrincipalId: string;
	/** Application permissions granted and admin-consented. Empty: the token has no `roles` claim. */
	roles: string[];
	secrets: SecretSeed[];
	certificates: CertificateSeed[];
}

export interface SecretSeed {
	value: string;
	/** ISO date-time; the secret is refused from then on. */
	expiresAt: string;
}

export interface CertificateSeed {
	certificatePem: string;
	/** The key credential's validity as registered on the app (ISO date-times). */
	startsAt: string;
	expiresAt: string;
}

export interface UserSeed {
	id: string;
	userPrincipalName: string;
	mail: string | null;
	displayName: string;
	givenName?: string;
	surname?: string;
	jobTitle?: string;
	officeLocation?: string;
	preferredLanguage?: string;
	businessPhones?: string[];
	mobilePhone?: string | null;
	department?: string | null;
	companyName?: string | null;
	/** Default true. Shared, room and equipment mailboxes are usually disabled accounts (sign-in blocked). */
	accountEnabled?: boolean;
	/** Default `Member`. */
	userType?: 'Member' | 'Guest';
	/** ISO date-time; default 2023-01-16T09:00:00Z. */
	createdDateTime?: string;
	/** An Exchange Online mailbox, or null for a user without one (Graph: MailboxNotEnabledForRESTAPI). */
	mailbox: MailboxSeed | null;
}

/** Graph's mailboxSettings.userPurpose: what kind of recipient the mailbox is. */
export type UserPurpose = 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others';

export interface DateTimeTimeZone {
	dateTime: string;
	timeZone: string;
}

/**
 * A mailbox's settings, exactly as Graph's `mailboxSettings` names and shapes them (`archiveFolder` is computed
 * from the mailbox's Archive folder when read). A plain value in the store: a PATCH changes it in place.
 */
export interface MailboxSettings {
	timeZone: string;
	language: { locale: string; displayName: string };
	dateFormat: string;
	timeFormat: string;
	workingHours: {
		daysOfWeek: ('sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday')[];
		startTime: string;
		endTime: string;
		timeZone: { name: string };
	};
	automaticRepliesSetting: {
		status: 'disabled' | 'alwaysEnabled' | 'scheduled';
		externalAudience: 'none' | 'contactsOnly' | 'all';
		scheduledStartDateTime: DateTimeTimeZone;
		scheduledEndDateTime: DateTimeTimeZone;
		internalReplyMessage: string;
		externalReplyMessage: string;
	};
	userPurpose: UserPurpose;
	delegateMeetingMessageDeliveryOptions: 'sendToDelegateAndInformationToPrincipal' | 'sendToDelegateAndPrincipal' | 'sendToDelegateOnly';
}

/** A group of the directory. Members are object ids of users or groups of the same tenant (nesting allowed). */
export interface GroupSeed {
	id: string;
	displayName: string;
	description?: string | null;
	mail: string | null;
	mailEnabled: boolean;
	mailNickname: string;
	securityEnabled: boolean;
	/** `['Unified']` for a Microsoft 365 group; default [] (a security or distribution group). */
	groupTypes?: string[];
	members: string[];
}

export interface MailboxSeed {
	/** Seed of the PRNG that writes the sample messages. */
	seed: number;
	/** How many sample messages to write across the folders. */
	messages: number;
	/** Extra folders: displayName and the well-known name or displayName of the parent. */
	folders?: { displayName: string; parent: string }[];
	/** Default `user`. */
	purpose?: UserPurpose;
	/** Settings that differ from the defaults (store.ts `defaultMailboxSettings`). */
	settings?: Partial<MailboxSettings>;
}

// ---------- mailbox content, as Graph shapes it ----------

export interface EmailAddress {
	name: string;
	address: string;
}

export interface Recipient {
	emailAddress: EmailAddress;
}

export interface ItemBody {
	contentType: 'text' | 'html';
	content: string;
}

export interface FollowupFlag {
	flagStatus: 'notFlagged' | 'complete' | 'flagged';
	startDateTime?: { dateTime: string; timeZone: string };
	dueDateTime?: { dateTime: string; timeZone: string };
	completedDateTime?: { dateTime: string; timeZone: string };
}

export interface InternetMessageHeader {
	name: string;
	value: string;
}

/** A message's fields, exactly as Graph names them (attachments are kept apart). */
export interface MessageData {
	createdDateTime: string;
	lastModifiedDateTime: string;
	changeKey: string;
	categories: string[];
	receivedDateTime: string;
	sentDateTime: string;
	hasAttachments: boolean;
	internetMessageId: string;
	subject: string;
	bodyPreview: string;
	importance: 'low' | 'normal' | 'high';
	parentFolderId: string;
	conversationId: string;
	conversationIndex: string;
	isDeliveryReceiptRequested: boolean;
	isReadReceiptRequested: boolean;
	isRead: boolean;
	isDraft: boolean;
	webLink: string;
	inferenceClassification: 'focused' | 'other';
	body: ItemBody;
	uniqueBody: ItemBody;
	sender: Recipient | null;
	from: Recipient | null;
	toRecipients: Recipient[];
	ccRecipients: Recipient[];
	bccRecipients: Recipient[];
	replyTo: Recipient[];
	flag: FollowupFlag;
	internetMessageHeaders: InternetMessageHeader[];
}

export interface StoredMessage extends MessageData {
	id: string;
	attachments: StoredAttachment[];
	/** Bumped on every change: drives changeKey and the etag. */
	version: number;
}

interface StoredAttachmentBase {
	id: string;
	name: string;
	/** MIME type; null for item attachments, as Graph answers. */
	contentType: string | null;
	/** Bytes, as Graph reports them (for a file, the content length; for an item, the size of its MIME). */
	size: number;
	isInline: boolean;
	lastModifiedDateTime: string;
}

/**
 * A file attached to a message. Its bytes are kept as a Buffer (a 100 MB attachment costs 100 MB, not a JS array);
 * `contentBytes` (base64) is computed when read, and is not an own enumerable property.
 */
export interface StoredFileAttachment extends StoredAttachmentBase {
	kind: 'file';
	content: Buffer;
	contentId: string | null;
	contentLocation: string | null;
	readonly contentBytes: string;
}

/** An Outlook item (here: a message) attached to a message. */
export interface StoredItemAttachment extends StoredAttachmentBase {
	kind: 'item';
	item: AttachedItem;
}

/** A link to a file in the cloud. Graph v1.0's referenceAttachment has no property beyond attachment's. */
export interface StoredReferenceAttachment extends StoredAttachmentBase {
	kind: 'reference';
}

export type StoredAttachment = StoredFileAttachment | StoredItemAttachment | StoredReferenceAttachment;

/** The message inside an item attachment: a message without a mailbox id of its own. */
export interface AttachedItem extends MessageData {
	attachments: StoredAttachment[];
}

/** A file attachment with `contentBytes` readable (base64 of `content`, computed on access). */
export function fileAttachment(fields: Omit<StoredFileAttachment, 'kind' | 'contentBytes'>): StoredFileAttachment {
	const attachment = { kind: 'file', ...fields } as StoredFileAttachment;
	Object.defineProperty(attachment, 'contentBytes', {
		get(this: StoredFileAttachment) {
			return this.content.toString('base64');
		},
		enumerable: false,
	});
	return attachment;
}

export interface StoredFolder {
	id: string;
	displayName: string;
	/** Id of the parent folder; the mailbox root has none. */
	parentFolderId: string | null;
	/** Graph's well-known folder name (inbox, sentitems...), when this is one. */
	wellKnownName: string | null;
	isHidden: boolean;
}

/**
 * A copy of an attachment under a new id. File content is shared, not copied: stored Buffers are never written
 * to after they are stored, so a copied or forwarded 100 MB attachment costs no more memory.
 */
export function cloneAttachment(attachment: StoredAttachment, id: string): StoredAttachment {
	switch (attachment.kind) {
		case 'file': {
			const { name, contentType, size, isInline, lastModifiedDateTime, content, contentId, contentLocation } = attachment;
			return fileAttachment({ id, name, contentType, size, isInline, lastModifiedDateTime, content, contentId, contentLocation });
		}
		case 'item':
			return { ...attachment, id, item: cloneItem(attachment.item) };
		case 'reference':
			return { ...attachment, id };
	}
}

function cloneItem(item: AttachedItem): AttachedItem {
	const { attachments, ...data } = item;
	return { ...structuredClone(data), attachments: attachments.map((attachment) => cloneAttachment(attachment, attachment.id)) };
}

/** A message's Graph fields, deep-copied, without its id, attachments or version. */
export function messageData(message: MessageData & { id?: string; attachments?: unknown; version?: number }): MessageData {
	const { id, attachments, version, ...data } = message;
	void id;
	void attachments;
	void version;
	return structuredClone(data);
}
