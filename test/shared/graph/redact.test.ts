import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { redactNodeError, redactText, secretForms } from '../../../nodes/shared/graph/redact';

const secret = 'Zx8Q~a+b/c d=e&f"g';
const forms = secretForms({ auth: { kind: 'clientSecret', clientSecret: secret } });
const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };

describe('redactText', () => {
	it.each([
		['as it is', secret],
		['URL-encoded', encodeURIComponent(secret)],
		['form-encoded, as it was posted to the token endpoint', new URLSearchParams({ client_secret: secret }).toString().split('=').slice(1).join('=')],
		['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
		['base64', Buffer.from(secret).toString('base64')],
		['base64 without padding', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
		['base64url', Buffer.from(secret).toString('base64url')],
	])('masks the client secret %s', (_, echo) => {
		const text = `invalid_client: the secret '${echo}' is wrong`;
		expect(redactText(text, forms)).toBe("invalid_client: the secret '***' is wrong");
	});

	it('masks a JWT and a bearer token whatever they are', () => {
		const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJyb2xlcyI6WyJNYWlsLlJlYWQiXX0.c2lnbmF0dXJl';
		expect(redactText(`token ${jwt} refused`, [])).toBe('token *** refused');
		expect(redactText('Authorization: Bearer abc.def-ghi_123~', [])).toBe('Authorization: Bearer ***');
	});

	it('masks every base64 line of a private key, not only the whole key', () => {
		const body = ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDu'];
		const key = ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].join('\n');
		const keyForms = secretForms({ auth: { kind: 'certificate', privateKey: key, certificate: 'x' } });
		expect(redactText(`line: ${body[1]}`, keyForms)).toBe('line: ***');
		expect(redactText('-----BEGIN PRIVATE KEY-----', keyForms)).toBe('-----BEGIN PRIVATE KEY-----');
	});

	it('leaves ordinary text alone', () => {
		expect(redactText('ErrorItemNotFound: The specified object was not found in the store.', forms)).toBe(
			'ErrorItemNotFound: The specified object was not found in the store.',
		);
	});
});

describe('redactNodeError', () => {
	it('masks the message, description, messages, context and the error response', () => {
		const echo = encodeURIComponent(secret);
		const error = new NodeApiError(node, { code: 'X', message: `secret=${echo}` } as JsonObject, {
			message: `X: secret=${echo}`,
			description: `Graph said secret=${echo}`,
		});
		error.context.hint = `try ${echo}`;
		redactNodeError(error, forms);
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, messages: error.messages });
		expect(everything).not.toContain(echo);
		expect(error.message).toBe('X: secret=***');
		expect(error.context.hint).toBe('try ***');
	});
});
