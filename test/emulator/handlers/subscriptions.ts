import type { Principal } from '../auth/tokens';
import type { HandlerResult, Services, TenantContext } from '../http/context';
import { GraphError } from '../http/errors';
import { graphTimestamp } from '../http/webhooks';
import { validateBody } from '../graph/metadata';
import { isAllowed, permissionPath } from '../graph/permissions';
import { toGraphError } from '../graph/graph-errors';
import {
	CHANGE_TYPES,
	MAX_CLIENT_STATE_LENGTH,
	MAX_MESSAGE_SUBSCRIPTION_MINUTES,
	MIN_SUBSCRIPTION_MINUTES,
	type ChangeType,
	type StoredSubscription,
} from '../state/subscriptions';

/**
 * `/v1.0/subscriptions`: change notifications on mail (messages of one folder, or of a whole mailbox), for the app
 * that signs in. Checks what Graph checks (required properties, changeType, https URLs, clientState length, the
 * lifetime of a message subscription, 1,000 per mailbox), then runs the validation handshake with the webhook
 * before it creates, renews or reauthorizes anything. Notifications themselves are http/webhooks.ts's work.
 */

const REQUIRED = ['changeType', 'notificationUrl', 'resource', 'expirationDateTime'] as const;

/**
 * The mail resources a subscription may watch: `users/{id}/messages` and `users/{id}/mailFolders('{id}')/messages`
 * (a leading `/` allowed; literal segments in any case). `{id}` of the user: object id or userPrincipalName.
 */
const MAILBOX_RESOURCE = /^\/?users\/([^/()]+)\/messages$/i;
const FOLDER_RESOURCE = /^\/?users\/([^/()]+)\/mailfolders\('([^']+)'\)\/messages$/i;

/** The route patterns whose permissions Graph checks for a subscription to each resource form (its read scope). */
const RESOURCE_PERMISSION_PATHS = {
	mailbox: permissionPath('/v1.0/users/{user}/messages'),
	folder: permissionPath('/v1.0/users/{user}/mailFolders/{folder}/messages'),
};

const notFound = () => new GraphError(404, 'ResourceNotFound', 'The object was not found.');

/** Exchange's refusals reach the client wrapped by the subscription service, as Graph answers them. */
function extensionError(operation: 'Create' | 'Update', status: number, reason: string): GraphError {
	const names: Record<number, string> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound' };
	return new GraphError(status, 'ExtensionError', `Operation: ${operation}; Exception: [Status Code: ${names[status] ?? status}; Reason: ${reason}]`);
}

interface ResolvedResource {
	userId: string;
	folderId?: string;
}

/** The watched mailbox and folder of a resource, resolved in the token's tenant; Graph's errors otherwise. */
function resolveResource(resource: string, principal: Principal, services: Services): ResolvedResource {
	const folderMatch = FOLDER_RESOURCE.exec(resource);
	const mailboxMatch = folderMatch ? null : MAILBOX_RESOURCE.exec(resource);
	if (!folderMatch && !mailboxMatch) {
		if (/^\/?me\//i.test(resource)) throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
		throw new GraphError(400, 'InvalidRequest', `The resource '${resource}' is not supported: the emulator serves subscriptions to users/{id}/messages and users/{id}/mailFolders('{id}')/messages.`);
	}
	const userKey = decodeURIComponent((folderMatch ?? mailboxMatch)![1]);
	const kind = folderMatch ? 'folder' : 'mailbox';
	if (!isAllowed('GET', RESOURCE_PERMISSION_PATHS[kind], principal.roles)) {
		throw extensionError('Create', 403, 'Forbidden');
	}
	try {
		const user = services.store.user(principal.tenantId, userKey);
		if (!user.hasMailbox) throw extensionError('Create', 404, 'REST API is not yet supported for this mailbox.');
		if (!folderMatch) return { userId: user.id };
		const folder = services.store.folder(user.id, decodeURIComponent(folderMatch[2]));
		return { userId: user.id, folderId: folder.id };
	} catch (error) {
		if (error instanceof GraphError) throw error;
		const mapped = toGraphError(error, 'exchange');
		if (mapped instanceof GraphError) throw extensionError('Create', mapped.status === 400 ? 400 : 404, mapped.message);
		throw error;
	}
}

function parseChangeType(value: string): Set<ChangeType> {
	const parts = value.split(',').map((part) => part.trim());
	const types = new Set<ChangeType>();
	for (const part of parts) {
		if (!(CHANGE_TYPES as readonly string[]).includes(part)) throw new GraphError(400, 'InvalidRequest', `Invalid 'changeType' attribute: '${part}'.`);
		types.add(part as ChangeType);
	}
	return types;
}

/**
 * The expiry Graph keeps: at most 10,080 minutes from now (more is refused), at least 45 minutes from now (less,
 * past times included, is moved up to 45 minutes).
 */
function expiry(value: string, now: number, operation: 'Create' | 'Update'): number {
	const at = Date.parse(value);
	if (Number.isNaN(at)) {
		throw new GraphError(400, 'InvalidRequest', `Could not process subscription ${operation === 'Create' ? 'creation' : 'update'} payload. Are all property names spelled and camelCased properly?`);
	}
	if (at > now + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000) {
		throw new GraphError(400, 'ExtensionError', `Subscription expiration can only be ${MAX_MESSAGE_SUBSCRIPTION_MINUTES} minutes in the future.`);
	}
	return Math.max(at, now + MIN_SUBSCRIPTION_MINUTES * 60_000);
}

function subscriptionJson(subscription: StoredSubscription, baseUrl: string, withClientState: boolean, entity: boolean): Record<string, unknown> {
	return {
		...(entity ? { '@odata.context': `${baseUrl}/v1.0/$metadata#subscriptions/$entity` } : {}),
		id: subscription.id,
		resource: subscription.resource,
		applicationId: subscription.applicationId,
		changeType: subscription.changeType,
		clientState: withClientState ? subscription.clientState : null,
		notificationUrl: subscription.notificationUrl,
		notificationQueryOptions: null,
		lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
		expirationDateTime: graphTimestamp(subscription.expiresAt),
		creatorId: subscription.creatorId,
		includeResourceData: null,
		latestSupportedTlsVersion: subscription.latestSupportedTlsVersion,
		encryptionCertificate: null,
		encryptionCertificateId: null,
		notificationUrlAppId: null,
	};
}

function requireOwn(context: TenantContext): StoredSubscription {
	const { principal, services, params } = context;
	const found = services.subscriptions.find(principal.tenantId, principal.appId, params.subscription);
	if (!found) throw notFound();
	return found;
}

function creatorOf(principal: Principal, services: Services): string {
	return services.store.findApp(principal.tenantId, principal.appId)?.servicePrincipalId ?? principal.appId;
}

/** POST /subscriptions: 201 with the subscription, once the webhook (and the lifecycle URL) passed the handshake. */
export async function createSubscription(context: TenantContext): Promise<HandlerResult> {
	const { request, principal, services } = context;
	validateBody('subscription', request.body);
	const body = request.body as Record<string, unknown>;
	for (const name of REQUIRED) {
		if (body[name] === undefined || body[name] === null || body[name] === '') {
			throw new GraphError(400, 'InvalidRequest', `${name} is a required property for subscription creation.`);
		}
	}
	const changeTypes = parseChangeType(body.changeType as string);
	const clientState = typeof body.clientState === 'string' ? body.clientState : null;
	if (clientState !== null && clientState.length > MAX_CLIENT_STATE_LENGTH) {
		throw new GraphError(400, 'InvalidRequest', `The clientState may be at most ${MAX_CLIENT_STATE_LENGTH} characters long.`);
	}
	if (body.includeResourceData === true) {
		throw new GraphError(400, 'InvalidRequest', 'includeResourceData is not served by the emulator: rich notifications need an encryptionCertificate and are not emulated.');
	}
	const notificationUrl = body.notificationUrl as string;
	services.webhooks.checkUrl(notificationUrl, 'NotificationUrl');
	const lifecycleNotificationUrl = typeof body.lifecycleNotificationUrl === 'string' ? body.lifecycleNotificationUrl : null;
	if (lifecycleNotificationUrl !== null) services.webhooks.checkUrl(lifecycleNotificationUrl, 'LifecycleNotificationUrl');
	const resource = body.resource as string;
	const target = resolveResource(resource, principal, services);
	const expiresAt = expiry(body.expirationDateTime as string, services.now(), 'Create');
	if (services.subscriptions.countForMailbox(target.userId) >= services.maxSubscriptionsPerMailbox) {
		throw extensionError('Create', 403, 'Maximum number of subscriptions has been reached');
	}
	await services.webhooks.validate(notificationUrl);
	if (lifecycleNotificationUrl !== null) await services.webhooks.validate(lifecycleNotificationUrl);
	const subscription = services.subscriptions.add({
		tenantId: principal.tenantId.toLowerCase(),
		applicationId: principal.appId.toLowerCase(),
		creatorId: creatorOf(principal, services),
		resource,
		userId: target.userId,
		folderId: target.folderId,
		changeType: body.changeType as string,
		changeTypes,
		notificationUrl,
		lifecycleNotificationUrl,
		clientState,
		latestSupportedTlsVersion: typeof body.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
		expiresAt,
	});
	return { status: 201, body: subscriptionJson(subscription, services.baseUrl, true, true) };
}

/** GET /subscriptions: this app's live subscriptions in the tenant; clientState is never returned in a list. */
export function listSubscriptions(context: TenantContext): HandlerResult {
	const { principal, services } = context;
	const value = services.subscriptions.ofApp(principal.tenantId, principal.appId).map((item) => subscriptionJson(item, services.baseUrl, false, false));
	return { status: 200, body: { '@odata.context': `${services.baseUrl}/v1.0/$metadata#subscriptions`, value } };
}

/** GET /subscriptions/{id}: 404 ResourceNotFound when expired, deleted, or another app's. */
export function getSubscription(context: TenantContext): HandlerResult {
	return { status: 200, body: subscriptionJson(requireOwn(context), context.services.baseUrl, false, true) };
}

/**
 * PATCH /subscriptions/{id}: renews (`expirationDateTime`) and may move the webhook (`notificationUrl`); either
 * is a renewal, which also reauthorizes the subscription. The webhook passes the handshake again first.
 */
export async function updateSubscription(context: TenantContext): Promise<HandlerResult> {
	const { request, services } = context;
	const subscription = requireOwn(context);
	validateBody('subscription', request.body);
	const body = request.body as Record<string, unknown>;
	const given = Object.keys(body).filter((key) => !key.includes('@'));
	if (!given.some((key) => key === 'expirationDateTime' || key === 'notificationUrl') || body.expirationDateTime === null || body.notificationUrl === null) {
		throw new GraphError(400, 'InvalidRequest', "Subscription must contain either the 'expirationDateTime' or 'notificationUrl' property and its value.");
	}
	const other = given.find((key) => key !== 'expirationDateTime' && key !== 'notificationUrl');
	if (other !== undefined) throw new GraphError(400, 'InvalidRequest', `The property '${other}' of a subscription cannot be updated.`);
	const expiresAt = typeof body.expirationDateTime === 'string' ? expiry(body.expirationDateTime, services.now(), 'Update') : subscription.expiresAt;
	const notificationUrl = typeof body.notificationUrl === 'string' ? body.notificationUrl : subscription.notificationUrl;
	if (notificationUrl !== subscription.notificationUrl) services.webhooks.checkUrl(notificationUrl, 'NotificationUrl');
	await services.webhooks.validate(notificationUrl);
	// Gone (deleted or expired) while the handshake ran.
	if (!services.subscriptions.byId(subscription.id)) throw notFound();
	subscription.expiresAt = expiresAt;
	subscription.notificationUrl = notificationUrl;
	subscription.reauthorizationRequiredAt = undefined;
	return { status: 200, body: subscriptionJson(subscription, services.baseUrl, false, true) };
}

/** DELETE /subscriptions/{id}: 204; nothing more is sent for it. */
export function deleteSubscription(context: TenantContext): HandlerResult {
	const subscription = requireOwn(context);
	context.services.subscriptions.remove(subscription.id);
	return { status: 204 };
}

/** POST /subscriptions/{id}/reauthorize: 204 after the handshake; notifications flow again, the expiry stays. */
export async function reauthorizeSubscription(context: TenantContext): Promise<HandlerResult> {
	const subscription = requireOwn(context);
	await context.services.webhooks.validate(subscription.notificationUrl);
	if (!context.services.subscriptions.byId(subscription.id)) throw notFound();
	subscription.reauthorizationRequiredAt = undefined;
	return { status: 204 };
}
