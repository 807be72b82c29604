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
	/** An Exchange Online mailbox, or null for a user without one (Graph: MailboxNotEnabledForRESTAPI). */
	mailbox: MailboxSeed | null;
}

export interface MailboxSeed {
	/** Seed of the PRNG that writes the sample messages. */
	seed: number;
	/** How many sample messages to write across the folders. */
	messages: number;
	/** Extra folders: displayName and the well-known name or displayName of the parent. */
	folders?: { displayName: string; parent: string }[];
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

export interface StoredAttachment {
	id: string;
	name: string;
	contentType: string;
	size: number;
	isInline: boolean;
	lastModifiedDateTime: string;
	contentBytes: string;
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
