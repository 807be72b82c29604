import { canonicalEnum, readAttachment } from '../graph/compose';
import type { GraphContext, HandlerResult } from '../http/context';
import { GraphError, badRequest } from '../http/errors';
import { validateAction } from '../graph/metadata';
import { messageMime } from '../graph/mime';
import type { StoredAttachment } from '../state/model';
import { parseQueryOptions } from '../graph/odata';
import { attachedItemResource, attachmentResource, odataContext, page, usersSegment } from '../graph/resources';
import { UPLOAD_SESSION_LIFETIME_MS } from '../state/uploads';
import { pathMessage } from './messages';

/**
 * A message's attachments: list, get (with `$expand=microsoft.graph.itemAttachment/item`), raw content ($value),
 * add, delete, and createUploadSession for files of 3 MB to 150 MB.
 */

/** Graph: an upload session is for a file of at least 3 MB; smaller files go in one POST. */
export const MIN_UPLOAD_SESSION_BYTES = 3 * 1024 * 1024;
/** Exchange Online's largest message size a tenant can allow. */
export const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;

const ITEM_EXPAND = 'microsoft.graph.itemattachment/item';

function attachmentsPath(context: GraphContext): string {
	return `${usersSegment(context.params.user)}/messages('${encodeURIComponent(context.params.message)}')/attachments`;
}

function pathAttachment(context: GraphContext): StoredAttachment {
	const message = pathMessage(context);
	return context.services.store.attachment(context.user.id, message.id, context.params.attachment);
}

export function listAttachments(context: GraphContext): HandlerResult {
	const { request, services } = context;
	const options = parseQueryOptions(request.query, 'attachment', { allowed: ['select', 'top', 'skip', 'count'] });
	const message = pathMessage(context);
	const resources = message.attachments.map((attachment) => attachmentResource(attachment, options.select));
	const { value, nextLink } = page(resources, request, services.baseUrl, options.skip, options.top ?? Math.max(resources.length, 1));
	return {
		status: 200,
		body: {
			'@odata.context': odataContext(services.baseUrl, attachmentsPath(context), options.select),
			...(options.count ? { '@odata.count': resources.length } : {}),
			value,
			...(nextLink ? { '@odata.nextLink': nextLink } : {}),
		},
	};
}

export function getAttachment(context: GraphContext): HandlerResult {
	const { request, services } = context;
	const expandKey = Object.keys(request.query).find((key) => key.toLowerCase() === '$expand');
	const expand = expandKey === undefined ? undefined : request.query[expandKey];
	if (expand !== undefined && expand.trim().toLowerCase() !== ITEM_EXPAND) {
		throw badRequest(
			'BadRequest',
			`Parsing OData Select and Expand failed: Property '${expand}' on type 'microsoft.graph.attachment' is not a navigation property or complex property. Only navigation properties can be expanded.`,
		);
	}
	const query = Object.fromEntries(Object.entries(request.query).filter(([key]) => key !== expandKey));
	const options = parseQueryOptions(query, 'attachment', { allowed: ['select'] });
	const attachment = pathAttachment(context);
	const body: Record<string, unknown> = {
		'@odata.context': odataContext(services.baseUrl, attachmentsPath(context), options.select, true),
		...attachmentResource(attachment, options.select),
	};
	if (expand !== undefined && attachment.kind === 'item') {
		body['item@odata.context'] = odataContext(
			services.baseUrl,
			`${attachmentsPath(context)}('${encodeURIComponent(attachment.id)}')/microsoft.graph.itemAttachment/item`,
			undefined,
			true,
		);
		body.item = attachedItemResource(attachment.item);
	}
	return { status: 200, body };
}

/**
 * GET .../attachments/{id}/$value: a file's bytes with its content type, an item's MIME; a reference attachment
 * has no content (Graph: 405).
 */
export function getAttachmentContent(context: GraphContext): HandlerResult {
	const attachment = pathAttachment(context);
	switch (attachment.kind) {
		case 'file':
			return { status: 200, headers: { 'Content-Type': attachment.contentType ?? 'application/octet-stream' }, body: attachment.content };
		case 'item':
			return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: messageMime(attachment.item) };
		default:
			throw new GraphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
	}
}

/** POST .../attachments: 201 with the attachment (for a file, its contentBytes too). */
export function addAttachment(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const attachment = readAttachment(request.body, services.store, services.now());
	const message = pathMessage(context);
	const stored = services.store.addAttachment(user.id, message.id, attachment);
	return {
		status: 201,
		body: { '@odata.context': odataContext(services.baseUrl, attachmentsPath(context), undefined, true), ...attachmentResource(stored) },
	};
}

export function deleteAttachment(context: GraphContext): HandlerResult {
	const attachment = pathAttachment(context);
	context.services.store.removeAttachment(context.user.id, context.params.message, attachment.id);
	return { status: 204 };
}

const field = (json: Record<string, unknown>, name: string): unknown =>
	json[Object.keys(json).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name];

/** ISO 8601 with seven fractional digits, as Outlook writes expirationDateTime. */
const ticks = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

/**
 * POST .../attachments/createUploadSession {AttachmentItem: {attachmentType: 'file', name, size, ...}}: 201 with an
 * uploadUrl on the upload origin (pre-authenticated by its authtoken), its expiry, and nextExpectedRanges ['0-'].
 */
export function createUploadSession(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const parameters = validateAction('Collection(attachment)', 'createUploadSession', request.body);
	const item = parameters.AttachmentItem as Record<string, unknown>;
	if (canonicalEnum('attachmentType', field(item, 'attachmentType')) !== 'file') {
		throw badRequest('ErrorInvalidParameter', "An upload session can only attach a file: set 'attachmentType' to 'file'.");
	}
	const name = field(item, 'name');
	if (typeof name !== 'string' || name.trim() === '') throw badRequest('ErrorInvalidParameter', "The value of the parameter 'Name' is empty.");
	const size = field(item, 'size');
	if (typeof size !== 'number' || size < MIN_UPLOAD_SESSION_BYTES) {
		throw badRequest(
			'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize',
			`The attachment size should not be less than the minimum size of ${MIN_UPLOAD_SESSION_BYTES} bytes: attach smaller files with a single POST.`,
		);
	}
	if (size > MAX_ATTACHMENT_BYTES) {
		throw badRequest('ErrorAttachmentSizeLimitExceeded', `The attachment size exceeds the maximum of ${MAX_ATTACHMENT_BYTES} bytes.`);
	}
	const message = pathMessage(context);
	const contentType = field(item, 'contentType');
	const contentId = field(item, 'contentId');
	const session = services.uploads.create({
		tenantId: user.tenantId,
		userId: user.id,
		messageId: message.id,
		name,
		size,
		contentType: typeof contentType === 'string' ? contentType : null,
		isInline: field(item, 'isInline') === true,
		contentId: typeof contentId === 'string' ? contentId : null,
		expiresAt: services.now() + UPLOAD_SESSION_LIFETIME_MS,
	});
	const uploadUrl =
		`${services.uploadBaseUrl}/upload/api/gv1.0/users('${user.id}@${user.tenantId}')/messages('${message.id}')` +
		`/AttachmentSessions('${session.id}')?authtoken=${session.token}`;
	return {
		status: 201,
		body: {
			'@odata.context': `${services.baseUrl}/v1.0/$metadata#microsoft.graph.uploadSession`,
			uploadUrl,
			expirationDateTime: ticks(session.expiresAt),
			nextExpectedRanges: ['0-'],
		},
	};
}

export { ticks };
