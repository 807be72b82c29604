/**
 * How msal-node reaches the Token URL: Node's own http/https, through the proxy the environment names
 * (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY, read the way n8n reads them for its own requests, after
 * the proxy-from-env package), and never following a redirect, so the client secret or assertion is posted to
 * the Token URL's host and nowhere else. msal's default client (fetch) ignores proxies and follows redirects.
 */
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

import { TOKEN_TEXTS } from './credentialTexts';
import { printable, redirectTarget } from './answers';

/** An Entra token answer is a few KB; anything far larger is not one. */
const MAX_TOKEN_ANSWER_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

type Env = Record<string, string | undefined>;

const envValue = (env: Env, name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';

/** Whether NO_PROXY exempts this host and port (entries: `*`, `host`, `.suffix`, `*.suffix`, optional `:port`). */
function bypassesProxy(hostname: string, port: number, env: Env): boolean {
	const noProxy = envValue(env, 'no_proxy').toLowerCase();
	if (!noProxy) return false;
	if (noProxy === '*') return true;
	return noProxy.split(/[,\s]/).some((entry) => {
		if (!entry) return false;
		const match = /^(.+):(\d+)$/.exec(entry);
		const host = match ? match[1] : entry;
		if (match && Number(match[2]) !== port) return false;
		if (!/^[.*]/.test(host)) return hostname === host;
		return hostname.endsWith(host.replace(/^\*/, ''));
	});
}

/** The proxy for a request to `target`, as n8n picks it for its own HTTP requests; undefined for none. */
export function proxyFor(target: URL, env: Env = process.env): URL | undefined {
	const scheme = target.protocol.replace(':', '');
	const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
	const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
	if (bypassesProxy(hostname, port, env)) return undefined;
	const proxy = envValue(env, `${scheme}_proxy`) || envValue(env, 'all_proxy');
	if (!proxy) return undefined;
	try {
		return new URL(proxy.includes('://') ? proxy : `${scheme}://${proxy}`);
	} catch {
		return undefined;
	}
}

function proxyAuthorization(proxy: URL): Record<string, string> {
	if (!proxy.username) return {};
	const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
	return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** A TLS socket to `target` through an HTTP CONNECT tunnel of `proxy`. */
async function tunnel(target: URL, proxy: URL, timeoutMs: number, ca?: string | Buffer): Promise<tls.TLSSocket> {
	const port = Number(target.port) || 443;
	const request = (proxy.protocol === 'https:' ? https : http).request({
		host: proxy.hostname,
		port: Number(proxy.port) || DEFAULT_PORTS[proxy.protocol],
		method: 'CONNECT',
		path: `${target.hostname}:${port}`,
		headers: { Host: `${target.hostname}:${port}`, ...proxyAuthorization(proxy) },
		timeout: timeoutMs,
	});
	return await new Promise((resolve, reject) => {
		request.once('connect', (response, socket) => {
			if (response.statusCode !== 200) {
				socket.destroy();
				reject(new Error(TOKEN_TEXTS.tunnelRefused(proxy.host, target.host, response.statusCode)));
				return;
			}
			resolve(tls.connect({ socket, servername: target.hostname, ...(ca ? { ca } : {}) }));
		});
		request.once('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		request.once('error', reject);
		request.end();
	});
}

export interface TokenNetworkOptions {
	timeoutMs?: number;
	env?: Env;
	/** Extra CA certificates for TLS (tests; in n8n, NODE_EXTRA_CA_CERTS does this). */
	ca?: string | Buffer;
}

interface RawAnswer {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
	truncated: boolean;
}

async function send(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, settings: TokenNetworkOptions): Promise<RawAnswer> {
	const target = new URL(url);
	const env = settings.env ?? process.env;
	const timeout = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const proxy = proxyFor(target, env);
	const body = method === 'POST' ? Buffer.from(options?.body ?? '', 'utf8') : undefined;
	const headers: Record<string, string> = { ...options?.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) };
	const secure = target.protocol === 'https:';
	let request: http.ClientRequest;
	if (proxy && secure) {
		const socket = await tunnel(target, proxy, timeout, settings.ca);
		request = https.request({ host: target.hostname, port: Number(target.port) || 443, path: `${target.pathname}${target.search}`, method, headers, timeout, createConnection: () => socket });
	} else if (proxy) {
		// A plain-http target (a loopback emulator) goes to an HTTP proxy in absolute form.
		request = (proxy.protocol === 'https:' ? https : http).request({
			host: proxy.hostname,
			port: Number(proxy.port) || DEFAULT_PORTS[proxy.protocol],
			path: target.href,
			method,
			headers: { ...headers, Host: target.host, ...proxyAuthorization(proxy) },
			timeout,
		});
	} else {
		request = (secure ? https : http).request({ host: target.hostname, port: Number(target.port) || DEFAULT_PORTS[target.protocol], path: `${target.pathname}${target.search}`, method, headers, timeout, ...(settings.ca ? { ca: settings.ca } : {}) });
	}
	return await new Promise<RawAnswer>((resolve, reject) => {
		request.once('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		request.once('error', reject);
		request.once('response', (response) => {
			const chunks: Buffer[] = [];
			let length = 0;
			let truncated = false;
			response.on('data', (chunk: Buffer) => {
				length += chunk.length;
				if (length > MAX_TOKEN_ANSWER_BYTES) {
					truncated = true;
					response.destroy();
					return;
				}
				chunks.push(chunk);
			});
			const finish = () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')])),
					body: Buffer.concat(chunks),
					truncated,
				});
			response.once('end', finish);
			response.once('close', finish);
			response.once('error', reject);
		});
		request.end(body);
	});
}

/** msal reads `network_error` as a failure to reach the host; the code (ECONNREFUSED ...) stays in the message. */
function networkError(error: Error & { code?: unknown }): AuthError {
	return new AuthError('network_error', '', `${typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}`);
}

/** The msal network module: proxies as n8n's, no redirects, a bounded and checked JSON answer. */
export function tokenNetworkClient(settings: TokenNetworkOptions = {}): INetworkModule {
	const call = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
		const answer = await send(method, url, options, settings).catch((error: Error & { code?: unknown }) => networkError(error));
		if (answer instanceof AuthError) throw answer;
		if (answer.status >= 300 && answer.status < 400) {
			throw new AuthError(
				'redirect_refused',
				'',
				TOKEN_TEXTS.redirect(answer.status, redirectTarget(answer.headers.location, url)),
			);
		}
		if (answer.truncated) throw new AuthError('unreadable_answer', '', TOKEN_TEXTS.answerTooLarge);
		let body: unknown;
		try {
			body = JSON.parse(answer.body.toString('utf8'));
		} catch {
			body = undefined;
		}
		if (body === null || typeof body !== 'object') {
			throw new AuthError(
				'unreadable_answer',
				'',
				TOKEN_TEXTS.notTokenAnswer(
					answer.status,
					printable(answer.headers['content-type'] ?? 'no content type', 80),
					printable(answer.body.toString('utf8'), 60),
				),
			);
		}
		return { status: answer.status, headers: answer.headers, body: body as T };
	};
	return {
		sendGetRequestAsync: async <T>(url: string, options?: NetworkRequestOptions) => await call<T>('GET', url, options),
		sendPostRequestAsync: async <T>(url: string, options?: NetworkRequestOptions) => await call<T>('POST', url, options),
	};
}
