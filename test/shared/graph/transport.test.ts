import { Readable } from 'node:stream';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CredentialSettingsError } from '../../../nodes/shared/graph/errors';
import { TokenAcquisitionError } from '../../../nodes/shared/graph/token';
import {
	fromFullResponse,
	n8nTransport,
	n8nUnauthenticatedTransport,
	networkErrorCode,
	ResponseTooLargeError,
	type GraphContext,
	type HttpRequest,
} from '../../../nodes/shared/graph/transport';

const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };
const request: HttpRequest = {
	method: 'GET',
	url: 'https://graph.microsoft.com/v1.0/users/x/messages',
	headers: { Accept: 'application/json' },
	timeoutMs: 1234,
	maxResponseBytes: 1024,
};

/** An n8n context whose HTTP helpers record what they were asked and answer with `answer`. */
function fakeContext(answer: () => Promise<unknown>) {
	const calls: Array<{ helper: string; credentialType?: string; options: IHttpRequestOptions }> = [];
	const context = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, options: IHttpRequestOptions) => {
				calls.push({ helper: 'httpRequestWithAuthentication', credentialType, options });
				return await answer();
			},
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push({ helper: 'httpRequest', options });
				return await answer();
			},
		},
	} as unknown as GraphContext;
	return { calls, context };
}

const full = (statusCode: number, body: unknown, headers: Record<string, string | string[]> = {}) => async () => ({ statusCode, headers, body });

describe('transport', () => {
	it('asks n8n never to follow a redirect, to hand every status and header back, and to stream the body', async () => {
		const { calls, context } = fakeContext(full(302, Readable.from([Buffer.from('')]), { Location: 'https://elsewhere.example' }));
		const result = await n8nTransport(context)(request);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ helper: 'httpRequestWithAuthentication', credentialType: 'outlookMailAppApi' });
		expect(calls[0].options).toMatchObject({
			method: 'GET',
			url: request.url,
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'stream',
			json: false,
			timeout: 1234,
		});
		expect(result).toMatchObject({ status: 302, headers: { location: 'https://elsewhere.example' } });
	});

	it('sends pre-authenticated URLs without the credential, redirects refused the same way', async () => {
		const { calls, context } = fakeContext(full(200, Buffer.from('')));
		await n8nUnauthenticatedTransport(context)(request);
		expect(calls.map((call) => call.helper)).toEqual(['httpRequest']);
		expect(calls[0].options).toMatchObject({ disableFollowRedirect: true, ignoreHttpStatusErrors: true });
	});

	it('reads an answer up to its cap, cutting off and marking what is longer', async () => {
		const exact = await fromFullResponse({ statusCode: 200, headers: {}, body: Readable.from([Buffer.alloc(600), Buffer.alloc(424)]) }, request);
		expect(exact).toMatchObject({ status: 200, truncated: false });
		expect(exact.body.length).toBe(1024);
		const long = await fromFullResponse({ statusCode: 500, headers: {}, body: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]) }, request);
		expect(long.truncated).toBe(true);
		expect(long.body.length).toBe(1024);
	});

	it('hands a 2xx over as a stream that fails past the cap, but reads an error status in full, when a stream is asked for', async () => {
		const streamed = await fromFullResponse(
			{ statusCode: 200, headers: {}, body: Readable.from([Buffer.alloc(1000), Buffer.alloc(1000)]) },
			{ stream: true, maxResponseBytes: 1500 },
		);
		expect(streamed.body.length).toBe(0);
		const chunks: Buffer[] = [];
		await expect(
			(async () => {
				for await (const chunk of streamed.stream!) chunks.push(chunk as Buffer);
			})(),
		).rejects.toBeInstanceOf(ResponseTooLargeError);
		expect(Buffer.concat(chunks).length).toBeLessThanOrEqual(1500);

		const error = await fromFullResponse({ statusCode: 404, headers: {}, body: Readable.from([Buffer.from('{"error":{}}')]) }, { stream: true, maxResponseBytes: 1500 });
		expect(error.stream).toBeUndefined();
		expect(error.body.toString()).toBe('{"error":{}}');
	});

	it.each([
		[{ code: 'ECONNRESET' }, 'ECONNRESET'],
		[{ code: 'ECONNABORTED' }, 'ETIMEDOUT'],
		[{ code: 'ESOCKETTIMEDOUT' }, 'ETIMEDOUT'],
		[{ message: 'timeout of 1234ms exceeded' }, 'ETIMEDOUT'],
		[{ message: 'socket hang up' }, 'ECONNRESET'],
		[{ message: 'wrapped', cause: { cause: { code: 'ENOTFOUND' } } }, 'ENOTFOUND'],
		[{ code: 'not a code', message: 'something else' }, 'ENETWORK'],
		[undefined, 'ENETWORK'],
	])('names the network failure of %j as %s, reading nothing else of it', (error, code) => {
		expect(networkErrorCode(error)).toBe(code);
	});

	it('gives a request that got no answer as its network code only', async () => {
		const { context } = fakeContext(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1 Authorization: Bearer eyJsecret'), { code: 'ECONNREFUSED' });
		});
		expect(await n8nTransport(context)(request)).toEqual({ networkError: 'ECONNREFUSED' });
	});

	it.each([
		['a token that could not be acquired', new TokenAcquisitionError('The client secret is wrong.')],
		['a credential that cannot work', new CredentialSettingsError('The Token URL is not a valid URL.')],
	])('turns %s, however n8n wrapped it, into the credential error it is', async (_, problem) => {
		const { context } = fakeContext(async () => {
			throw new Error('n8n wrapped it', { cause: new Error('and again', { cause: problem }) });
		});
		const failure = await n8nTransport(context)(request).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe(problem.message);
		expect((failure as NodeOperationError).failure).toEqual({ cause: 'credential-invalid' });
	});
});
