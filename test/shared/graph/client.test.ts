import { Readable } from 'node:stream';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import { createGraphClient } from '../../../nodes/shared/graph/client';
import type { GraphContext } from '../../../nodes/shared/graph/transport';
import { messagesPath } from '../../../nodes/shared/mail/paths';
import { createVirtualClock } from '../../helpers/clock';

const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };
const credential = {
	tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
	clientId: 'client',
	clientSecret: 'secret-value',
	scope: 'https://graph.microsoft.com/.default',
	defaultUserId: 'adele@contoso.com',
};

/** A context whose Graph answers each request with the next of `answers`, noting when it was asked. */
function contextAnswering(answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>, now: () => number) {
	const asked: Array<{ url: string; at: number }> = [];
	const context = {
		getNode: () => node,
		getCredentials: async () => credential,
		logger: { debug: () => undefined, warn: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				asked.push({ url: options.url, at: now() });
				const answer = answers.shift()!;
				return {
					statusCode: answer.status,
					headers: { 'content-type': 'application/json', ...answer.headers },
					body: Readable.from([Buffer.from(JSON.stringify(answer.body ?? {}))]),
				};
			},
			httpRequest: async () => {
				throw new Error('not used');
			},
		},
	} as unknown as GraphContext;
	return { asked, context };
}

describe('createGraphClient', () => {
	it('runs on the clock it is given: a Retry-After is waited out on it, with no real wait', async () => {
		const clock = createVirtualClock('2026-03-01T08:00:00.000Z');
		const { asked, context } = contextAnswering(
			[
				{ status: 429, headers: { 'retry-after': '30' }, body: { error: { code: 'TooManyRequests', message: 'Slow down.' } } },
				{ status: 200, body: { value: [{ id: 'm1' }] } },
			],
			clock.now,
		);
		const client = await createGraphClient(context, { runtime: clock });
		const started = Date.now();
		const body = await client.request<{ value: unknown[] }>({ method: 'GET', path: messagesPath('adele@contoso.com') });
		expect(body.value).toEqual([{ id: 'm1' }]);
		expect(asked.map((request) => request.at - asked[0].at)).toEqual([0, 30_000]);
		expect(client.now()).toBe(Date.parse('2026-03-01T08:00:30.000Z'));
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('gives each client on a bare clock lanes of its own, as another process has', async () => {
		const clock = createVirtualClock();
		const throttle = { status: 429, headers: { 'retry-after': '120' }, body: { error: { code: 'TooManyRequests', message: '' } } };
		const first = contextAnswering([throttle, { status: 200, body: {} }], clock.now);
		await (await createGraphClient(first.context, { runtime: clock })).request({ method: 'GET', path: messagesPath('adele@contoso.com') });
		const second = contextAnswering([{ status: 200, body: {} }], clock.now);
		const at = clock.now();
		await (await createGraphClient(second.context, { runtime: clock })).request({ method: 'GET', path: messagesPath('adele@contoso.com') });
		expect(second.asked[0].at).toBe(at);
	});
});
