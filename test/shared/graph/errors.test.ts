import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { failureCause, graphFailureToNodeError, hintFor, permissionFor, type GraphFailure } from '../../../nodes/shared/graph/errors';
import { printable } from '../../../nodes/shared/graph/answers';
import { messagePath } from '../../../nodes/shared/mail/paths';
import mailPermissions from '../../emulator/data/mail-permissions.json';

const paths = mailPermissions.paths as Record<string, Record<string, { permissions: string[]; least: string[] }>>;

const COLLECTIONS = ['users', 'messages', 'mailfolders', 'childfolders', 'attachments'];

/** The path as Graph's permission reference writes it: lower case, every id (a segment after a collection) `{id}`. */
function template(path: string): string {
	const parts = path.toLowerCase().split('/');
	return parts
		.map((part, index) => (COLLECTIONS.includes(parts[index - 1]) && !COLLECTIONS.includes(part) ? '{id}' : part))
		.join('/');
}

describe('permissionFor', () => {
	it.each([
		['POST', '/users/u1/sendMail', 'Mail.Send'],
		['POST', '/users/u1/messages/m1/send', 'Mail.Send'],
		['POST', '/users/u1/messages/m1/reply', 'Mail.Send'],
		['POST', '/users/u1/messages/m1/replyAll', 'Mail.Send'],
		['POST', '/users/u1/messages/m1/forward', 'Mail.Send'],
		['GET', '/users/u1/messages/m1', 'Mail.Read'],
		['GET', '/users/u1/messages/m1/attachments', 'Mail.Read'],
		['GET', '/users/u1/messages', 'Mail.ReadBasic.All'],
		['GET', '/users/u1/mailFolders/inbox/messages', 'Mail.ReadBasic.All'],
		['GET', '/users/u1/mailFolders', 'Mail.ReadBasic.All'],
		['GET', '/users/u1/mailFolders/f1/childFolders', 'Mail.ReadBasic.All'],
		['POST', '/users/u1/messages', 'Mail.ReadWrite'],
		['PATCH', '/users/u1/messages/m1', 'Mail.ReadWrite'],
		['DELETE', '/users/u1/messages/m1', 'Mail.ReadWrite'],
		['POST', '/users/u1/messages/m1/move', 'Mail.ReadWrite'],
		['POST', '/users/u1/messages/m1/createReply', 'Mail.ReadWrite'],
		['POST', '/users/u1/mailFolders', 'Mail.ReadWrite'],
		['PATCH', '/users/u1/mailFolders/f1', 'Mail.ReadWrite'],
		['POST', '/users/u1/messages/m1/attachments', 'Mail.ReadWrite'],
		['GET', '/users/u1', 'User.ReadBasic.All'],
	])('names %s %s -> %s, a least-privileged permission in Graph\'s reference', (method, path, permission) => {
		expect(permissionFor(method, path)?.permission).toBe(permission);
		const entry = paths[template(path)]?.[method];
		expect(entry).toBeDefined();
		expect(entry.least).toContain(permission);
	});
});

describe('hintFor', () => {
	const base: GraphFailure = { status: 404, code: 'ErrorInvalidUser', graphMessage: "The requested user 'x' is invalid.", method: 'GET', path: '/users/x/messages', mailbox: 'x@contoso.com' };

	it('names the mailbox that was not found', () => {
		expect(hintFor(base)).toMatch(/^Mailbox "x@contoso.com" was not found in this tenant/);
	});

	it('tells an Application Access Policy refusal apart from a missing permission', () => {
		expect(
			hintFor({ ...base, status: 403, code: 'ErrorAccessDenied', graphMessage: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.' }),
		).toMatch(/^The app may not reach "x@contoso.com": an Application Access Policy or Exchange RBAC/);
		expect(
			hintFor({ ...base, status: 403, code: 'ErrorAccessDenied', graphMessage: 'Access is denied. Check credentials and try again.', grantedRoles: [] }),
		).toMatch(/lacks the application permission Mail.ReadBasic.All.*The token grants no application permissions at all\.$/);
	});
});

describe('hintFor: a bad ID', () => {
	const notFound: GraphFailure = { status: 404, code: 'ErrorItemNotFound', graphMessage: 'Not found.', method: 'GET', path: '/users/x/messages/m/attachments/a' };

	it('names the field and the value of each ID the path took from input', () => {
		expect(hintFor({ ...notFound, ids: [{ field: 'Message', value: 'AAMk1' }, { field: 'Attachment', value: 'AAMk2' }] })).toBe(
			'The message, folder or attachment was not found in this mailbox: it may have been moved or deleted, or the ID belongs to another mailbox. The IDs given: Message "AAMk1", Attachment "AAMk2".',
		);
		expect(hintFor({ ...notFound, status: 400, code: 'ErrorInvalidIdMalformed', ids: [{ field: 'Folder', value: 'not-an-id' }] })).toBe(
			'The ID is not a valid Outlook ID: pass the "id" of a message, folder or attachment as Graph returns it. The ID given: Folder "not-an-id".',
		);
	});

	it('says nothing of IDs when the request had none from input', () => {
		expect(hintFor(notFound)).toMatch(/another mailbox\.$/);
	});
});

describe('hintFor: throttling', () => {
	const throttled: GraphFailure = { status: 429, code: 'ApplicationThrottled', graphMessage: '', method: 'PATCH', path: '/users/x/messages/y' };

	it('names the 4 concurrent requests only when Graph says MailboxConcurrency', () => {
		const concurrency = hintFor({ ...throttled, graphMessage: 'Application is over its MailboxConcurrency limit.' });
		expect(concurrency).toBe(
			'Graph is throttling this mailbox: Outlook allows 4 concurrent requests per app and mailbox, and the retries allowed by the credential ran out. Raise Retry Count Max, or run fewer executions on this mailbox at once.',
		);
		const other = hintFor({ ...throttled, code: 'TooManyRequests', graphMessage: 'Too many requests.', retryAfterMs: 42_000 });
		expect(other).toBe(
			'Graph is throttling this mailbox: Exchange allows an app 10,000 requests per mailbox in 10 minutes and 150 MB of uploads in 5 minutes, and the retries allowed by the credential ran out. Wait 42 s (Graph\'s Retry-After), then run it again, or spread the work over a longer time.',
		);
		expect(other).not.toContain('concurrent');
	});
});

describe('failureCause', () => {
	it.each([
		[429, 'ApplicationThrottled', 5000, { cause: 'rate-limited', retryAfterMs: 5000 }],
		[429, 'TooManyRequests', undefined, { cause: 'rate-limited' }],
		[503, 'ServiceUnavailable', 2000, { cause: 'temporarily-unavailable', retryAfterMs: 2000 }],
		[504, 'GatewayTimeout', undefined, { cause: 'temporarily-unavailable' }],
		[401, 'InvalidAuthenticationToken', undefined, { cause: 'credential-invalid' }],
		[403, 'ErrorAccessDenied', undefined, { cause: 'configuration-invalid' }],
		[404, 'ErrorInvalidUser', undefined, { cause: 'configuration-invalid' }],
		[404, 'ErrorItemNotFound', undefined, undefined],
		[400, 'ErrorInvalidIdMalformed', undefined, undefined],
	])('gives %s %s (Retry-After %s ms) the failure %j', (status, code, retryAfterMs, expected) => {
		expect(failureCause({ status, code, retryAfterMs })).toEqual(expected);
	});
});

describe('graphFailureToNodeError', () => {
	const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };

	it('carries the code, the hint, the status and the request-id, and the item index', () => {
		const error = graphFailureToNodeError(
			node,
			{ status: 404, code: 'ErrorItemNotFound', graphMessage: 'The specified object was not found in the store.', requestId: 'req-1', method: 'GET', path: '/users/x/messages/y' },
			3,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'ErrorItemNotFound: The specified object was not found in the store. — The message, folder or attachment was not found in this mailbox: it may have been moved or deleted, or the ID belongs to another mailbox.',
		);
		expect(error.description).toContain('Graph answered 404 to GET /users/x/messages/y.');
		expect(error.description).toContain('request-id: req-1');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
		expect(error.failure).toBeUndefined();
	});

	it('names the ID it came from, at most 200 printable characters of it, when Graph answers ErrorInvalidIdMalformed', () => {
		const longId = `AAMk${'x'.repeat(400)}`;
		const path = messagePath('adele@contoso.com', longId);
		const error = graphFailureToNodeError(node, {
			status: 400,
			code: 'ErrorInvalidIdMalformed',
			graphMessage: 'Id is malformed.',
			method: 'GET',
			path: String(path),
			ids: path.ids.map((id) => ({ field: id.field, value: printable(id.value) })),
		});
		const shown = /Message "([^"]*)"/.exec(error.message)?.[1] ?? '';
		expect(shown).toBe(`${longId.slice(0, 200)}…`);
		expect(error.message).not.toContain('adele@contoso.com');
	});

	it('declares a throttled answer rate-limited, with the wait Graph asked for', () => {
		const error = graphFailureToNodeError(node, { status: 429, code: 'ApplicationThrottled', graphMessage: 'x', method: 'GET', path: '/users/x/messages', retryAfterMs: 3000 });
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 3000 });
	});
});
