import type { HandlerResult, IncomingRequest, PlainHandler, Services } from '../http/context';
import { GraphError } from '../http/errors';
import { fileAttachment } from '../state/model';
import { contentTypeFor, iso } from '../graph/compose';
import type { UploadSession } from '../state/uploads';
import { ticks } from './attachments';

/**
 * The upload origin (Outlook's, in Graph): PUT a byte range of a file to an upload session's URL, or DELETE the
 * URL to cancel. The URL is pre-authenticated by its `authtoken`; a request that also carries an Authorization
 * header is refused, as Outlook refuses a Graph token (wrong audience). Ranges must come in order, each the next
 * expected one, at most 4 MB, with the session's total; the last one attaches the file to the message (201 with
 * the attachment's URL in Location).
 */

/** Graph documents chunks of up to 4 MB. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

const sessionId = (segment: string): string | undefined => /^AttachmentSessions\('(.+)'\)$/i.exec(segment)?.[1];

function audienceOf(authorization: string): string {
	const token = authorization.replace(/^Bearer\s+/i, '');
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown };
		if (typeof payload.aud === 'string') return payload.aud;
	} catch {
		// not a JWT
	}
	return '';
}

/** The session the URL names, after checking the URL's token and that no bearer token came with it. */
function sessionFor(request: IncomingRequest, params: Record<string, string>, services: Services): UploadSession {
	const authorization = request.headers.authorization;
	if (authorization !== undefined) {
		throw new GraphError(
			401,
			'InvalidAudienceForResource',
			`The audience claim value is invalid for current resource. Audience claim is '${audienceOf(authorization)}', request url is '${services.uploadBaseUrl}' and resource type is 'Exchange'.`,
		);
	}
	const id = sessionId(params.session);
	const session = id === undefined ? undefined : services.uploads.get(id);
	const expectedUser = `users('${session?.userId}@${session?.tenantId}')`.toLowerCase();
	const expectedMessage = `messages('${session?.messageId}')`;
	if (!session || params.users.toLowerCase() !== expectedUser || params.messages !== expectedMessage) {
		throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
	}
	const tokenKey = Object.keys(request.query).find((key) => key.toLowerCase() === 'authtoken');
	if (tokenKey === undefined || request.query[tokenKey] !== session.token) {
		throw new GraphError(401, 'InvalidAuthenticationToken', 'The authtoken of the upload URL is missing or invalid.');
	}
	if (services.now() > session.expiresAt) {
		throw new GraphError(401, 'InvalidAuthenticationToken', 'The authtoken of the upload URL has expired.');
	}
	return session;
}

interface ContentRange {
	start: number;
	end: number;
	total: number;
}

function contentRange(header: string | undefined): ContentRange {
	const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/i.exec(header ?? '');
	if (!match) {
		throw new GraphError(400, 'ErrorInvalidRequest', 'The Content-Range header is missing or malformed: expected bytes {start}-{end}/{total}.');
	}
	return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

const sessionContext = (services: Services, session: UploadSession): string =>
	`${services.uploadBaseUrl}/upload/api/v2.0/$metadata#Users('${encodeURIComponent(`${session.userId}@${session.tenantId}`)}')` +
	`/Messages('${encodeURIComponent(session.messageId)}')/AttachmentSessions/$entity`;

export const putChunk: PlainHandler = (request, params, services): HandlerResult => {
	const session = sessionFor(request, params, services);
	const chunk = request.rawBody;
	if (chunk.length > MAX_CHUNK_BYTES) {
		throw new GraphError(413, 'RequestEntityTooLarge', `The request body is ${chunk.length} bytes; an upload range is at most ${MAX_CHUNK_BYTES} bytes (4 MB).`);
	}
	const range = contentRange(request.headers['content-range']);
	if (range.total !== session.size) {
		throw new GraphError(400, 'ErrorInvalidRequest', `The Content-Range header declares a total of ${range.total} bytes, but the upload session is for ${session.size} bytes.`);
	}
	if (range.start > range.end || range.end >= range.total) {
		throw new GraphError(400, 'ErrorInvalidRequest', `The Content-Range 'bytes ${range.start}-${range.end}/${range.total}' is not a valid range of the file.`);
	}
	if (chunk.length !== range.end - range.start + 1) {
		throw new GraphError(400, 'ErrorInvalidRequest', 'The Content-Range header length does not match the provided number of bytes.');
	}
	if (range.start !== session.received) {
		throw new GraphError(
			416,
			'ErrorInvalidRange',
			`The range ${range.start}-${range.end} is not the next expected range: the upload session expects bytes from ${session.received}.`,
		);
	}
	services.uploads.write(session, range.start, chunk);
	if (session.received < session.size) {
		return {
			status: 200,
			body: {
				'@odata.context': sessionContext(services, session),
				ExpirationDateTime: ticks(session.expiresAt),
				nextExpectedRanges: [String(session.received)],
			},
		};
	}
	const content = session.content as Buffer;
	const attachment = services.store.addAttachment(
		session.userId,
		session.messageId,
		fileAttachment({
			id: '',
			name: session.name,
			contentType: session.contentType ?? contentTypeFor(session.name),
			size: content.length,
			isInline: session.isInline,
			lastModifiedDateTime: iso(services.now()),
			content,
			contentId: session.contentId,
			contentLocation: null,
		}),
	);
	services.uploads.delete(session.id);
	const location =
		`${services.uploadBaseUrl}/upload/api/v2.0/Users('${session.userId}@${session.tenantId}')` +
		`/Messages('${session.messageId}')/Attachments('${attachment.id}')`;
	return { status: 201, headers: { Location: location } };
};

/** DELETE on the upload URL cancels the session: 204. */
export const cancel: PlainHandler = (request, params, services): HandlerResult => {
	const session = sessionFor(request, params, services);
	services.uploads.delete(session.id);
	return { status: 204 };
};
