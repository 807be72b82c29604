/**
 * Proxies: a company that reaches Microsoft only through an HTTP proxy can sign in and use Graph. Token requests
 * (msal, through our network module) and Graph requests (n8n's HTTP helpers) both honour HTTP_PROXY /
 * HTTPS_PROXY / NO_PROXY as n8n does.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { tokenNetworkClient } from '../../nodes/shared/graph/tokenNetwork';
import type { Emulator } from '../emulator';
import { runOutlook, useEmulator } from '../helpers/outlook';
import { startForwardProxy, VIA, type ForwardProxy } from './helpers/forwardProxy';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];
let saved: Record<string, string | undefined>;
let proxy: ForwardProxy;

beforeEach(async () => {
	saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
	for (const name of PROXY_VARIABLES) delete process.env[name];
	proxy = await startForwardProxy();
});
afterEach(async () => {
	for (const name of PROXY_VARIABLES) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
	await proxy.close();
});

const getInbox = { resource: 'folder', operation: 'get', folderId: { mode: 'id', value: 'inbox' } };

describe('proxy', () => {
	it('sends the token request and every Graph request through HTTP_PROXY', async () => {
		process.env.HTTP_PROXY = proxy.url;
		const run = await runOutlook(emulator, getInbox);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json.displayName).toBe('Inbox');
		const reached = emulator.requests.filter((request) => request.kind === 'token' || request.kind === 'graph');
		expect(reached.map((request) => request.kind)).toEqual(['token', 'graph']);
		expect(reached.map((request) => request.headers.via)).toEqual([VIA, VIA]);
		expect(proxy.requests.map((request) => `${request.kind} ${request.method} ${new URL(request.url).pathname}`)).toEqual([
			`forward POST /${new URL(emulator.tokenUrl()).pathname.split('/')[1]}/oauth2/v2.0/token`,
			`forward GET ${reached[1].rawUrl.split("?")[0]}`,
		]);
	});

	it('sends nothing through the proxy for a host NO_PROXY names', async () => {
		process.env.HTTP_PROXY = proxy.url;
		process.env.NO_PROXY = 'localhost,127.0.0.1';
		const run = await runOutlook(emulator, getInbox);
		expect(run.error).toBeUndefined();
		expect(proxy.requests).toEqual([]);
		expect(emulator.requests.filter((request) => request.headers.via !== undefined)).toEqual([]);
	});

	it('reaches an https Token URL through a CONNECT tunnel of HTTPS_PROXY, with the proxy\'s credentials', async () => {
		const dir = join(__dirname, 'data');
		const cert = readFileSync(join(dir, 'tls-server.cert.pem'));
		const posted: string[] = [];
		const server = https.createServer({ cert, key: readFileSync(join(dir, 'tls-server.key.pem')) }, (request, response) => {
			let body = '';
			request.on('data', (chunk: Buffer) => (body += chunk.toString()));
			request.on('end', () => {
				posted.push(`${request.method} ${request.url} ${body}`);
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'x' }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const env = { HTTPS_PROXY: proxy.url.replace('http://', 'http://corp%5Cuser:pa%3Ass@') };
			const answer = await tokenNetworkClient({ env, ca: cert }).sendPostRequestAsync<{ access_token: string }>(
				`https://localhost:${port}/tenant/oauth2/v2.0/token`,
				{ body: 'grant_type=client_credentials', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
			);
			expect(answer).toMatchObject({ status: 200, body: { access_token: 'x' } });
			expect(posted).toEqual(['POST /tenant/oauth2/v2.0/token grant_type=client_credentials']);
			expect(proxy.requests).toEqual([
				{ kind: 'connect', method: 'CONNECT', target: `localhost:${port}`, url: `localhost:${port}`, proxyAuthorization: `Basic ${Buffer.from('corp\\user:pa:ss').toString('base64')}` },
			]);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
