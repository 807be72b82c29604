import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small webhook for tests: an HTTP server on 127.0.0.1 that records every POST the emulator makes to it and
 * answers as a well-behaved subscriber would (the validation token echoed as text/plain, notifications 202), unless
 * a test says otherwise with `behave`.
 */

export interface ReceivedPost {
	method: string;
	/** Path without the query. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** The raw body. */
	text: string;
	/** The body parsed as JSON, when it is JSON. */
	json?: { value: Record<string, unknown>[] };
	/** Real time it arrived (Date.now()). */
	receivedAt: number;
}

export interface Behaviour {
	/** Answer status; default 200 for a handshake, 202 for a notification. */
	status?: number;
	/** Real ms to wait before answering. */
	delayMs?: number;
	/** Answer body; default the decoded token for a handshake, nothing for a notification. */
	body?: string;
	contentType?: string;
	/** Drop the connection without answering. */
	destroy?: boolean;
}

export interface WebhookServer {
	/** http://127.0.0.1:<port> */
	origin: string;
	/** `${origin}${path}`; default path `/hook`. */
	url(path?: string): string;
	/** Every request, in arrival order. */
	received: ReceivedPost[];
	/** The handshakes (requests with a validationToken). */
	validations(): ReceivedPost[];
	/** Every item of every notification POST (not handshakes) to `path` (any path when absent), in arrival order. */
	items(path?: string): Record<string, unknown>[];
	/** How to answer a request: return undefined for the default. Replaces any earlier rule. */
	behave(rule: ((post: ReceivedPost) => Behaviour | undefined) | undefined): void;
	/** Resolves once `count` notification items (not handshakes) have arrived at `path`, or rejects after `timeoutMs` (real). */
	waitForItems(count: number, options?: { path?: string; timeoutMs?: number }): Promise<Record<string, unknown>[]>;
	clear(): void;
	close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export async function startWebhookServer(): Promise<WebhookServer> {
	const received: ReceivedPost[] = [];
	let rule: ((post: ReceivedPost) => Behaviour | undefined) | undefined;
	const server: Server = createServer((request, response) => {
		void (async () => {
			const text = await readBody(request);
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
			let json: ReceivedPost['json'];
			try {
				json = text === '' ? undefined : (JSON.parse(text) as ReceivedPost['json']);
			} catch {
				json = undefined;
			}
			const post: ReceivedPost = {
				method: request.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers,
				text,
				json,
				receivedAt: Date.now(),
			};
			received.push(post);
			const behaviour = rule?.(post) ?? {};
			if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
			if (behaviour.destroy) {
				request.socket.destroy();
				return;
			}
			const token = post.query.validationToken;
			if (token !== undefined) {
				response.writeHead(behaviour.status ?? 200, { 'Content-Type': behaviour.contentType ?? 'text/plain; charset=utf-8' });
				response.end(behaviour.body ?? token);
				return;
			}
			response.writeHead(behaviour.status ?? 202, behaviour.contentType ? { 'Content-Type': behaviour.contentType } : {});
			response.end(behaviour.body ?? '');
		})().catch(() => response.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const items = (path?: string) =>
		received.filter((post) => post.query.validationToken === undefined && (path === undefined || post.path === path)).flatMap((post) => post.json?.value ?? []);
	return {
		origin,
		url: (path = '/hook') => `${origin}${path}`,
		received,
		validations: () => received.filter((post) => post.query.validationToken !== undefined),
		items,
		behave: (next) => {
			rule = next;
		},
		waitForItems: async (count, options = {}) => {
			const deadline = Date.now() + (options.timeoutMs ?? 5000);
			for (;;) {
				const found = items(options.path);
				if (found.length >= count) return found;
				if (Date.now() > deadline) throw new Error(`waited for ${count} notification items at ${options.path ?? 'any path'}, got ${found.length}`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		},
		clear: () => {
			received.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
