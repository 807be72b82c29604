/**
 * A local stand-in for Entra ID's token endpoint and the Microsoft Graph v1.0 mail API, for tests, benchmarks and
 * the demo. See DESIGN.md ("The emulator"). Start one with startEmulator(); name the sample tenant's apps and users
 * through SAMPLE.
 */
export { startEmulator, type Emulator, type EmulatorOptions, type EmulatorNotifications, type NotificationOptions } from './emulator';
export {
	Subscriptions,
	MAX_MESSAGE_SUBSCRIPTION_MINUTES,
	MIN_SUBSCRIPTION_MINUTES,
	MAX_SUBSCRIPTIONS_PER_MAILBOX,
	MAX_CLIENT_STATE_LENGTH,
	type StoredSubscription,
	type ChangeType,
} from './state/subscriptions';
export { graphTimestamp, type LifecycleEvent, type NotificationChaos, type NotificationStats, type WebhookRecord, type DelayMs } from './http/webhooks';
export type { BatchModel } from './http/batch-scheduler';
export { isGraphHttpRequest, type RequestRecord } from './http/context';
export { FaultTable, type FaultRule, type TakeOptions } from './state/faults';
export { DeltaTokens, SyncStateNotFoundError, type DeltaQuery, type DeltaRound } from './state/delta';
export { DELTA_DEFAULT_PAGE_SIZE, DELTA_MAX_PAGE_SIZE } from './handlers/delta';
export { MAX_BATCH_REQUESTS, parseBatch, type SubRequest, type SubResponse } from './http/batch';
export {
	Store,
	WELL_KNOWN_FOLDER_NAMES,
	SAMPLE_MAIL_LATEST,
	FolderExistsError,
	DistinguishedFolderError,
	FolderCycleError,
	MailboxAccessDeniedError,
	UnknownGroupError,
	defaultMailboxSettings,
	type Tenant,
	type User,
	type Group,
	type DirectoryMember,
	type MailboxFailure,
	type MailboxRestriction,
	type App,
	type FolderCounts,
} from './state/store';
export { UploadSessions, UPLOAD_SESSION_LIFETIME_MS, type UploadSession } from './state/uploads';
export { messageMime } from './graph/mime';
export { fileAttachment, messageData } from './state/model';
export { SAMPLE, sampleTenant } from './seed/sample-tenant';
export { derivedGuid, type AddUsersOptions } from './seed/sample-users';
export { MailFlow, type MailFlowOptions, type DeliveredMail } from './seed/mail-flow';
export { DIRECTORY_MAX_PAGE_SIZE, DIRECTORY_PAGE_SIZE } from './graph/directory-query';
export type {
	TenantSeed,
	AppSeed,
	SecretSeed,
	CertificateSeed,
	UserSeed,
	MailboxSeed,
	MailboxSettings,
	GroupSeed,
	UserPurpose,
	MessageData,
	StoredMessage,
	StoredFolder,
	StoredAttachment,
	StoredFileAttachment,
	StoredItemAttachment,
	StoredReferenceAttachment,
	AttachedItem,
	Recipient,
	EmailAddress,
} from './state/model';
export { validateAction, validateBody, validateSelect } from './graph/metadata';
export { GRAPH_RESOURCE, TOKEN_LIFETIME_SECONDS } from './auth/tokens';
