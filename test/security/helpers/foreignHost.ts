/**
 * A "foreign host" for security tests: an HTTP server on 127.0.0.1 that is not Graph, records every request
 * that reaches it and answers what the test says. With `resolveToLoopback`, host names such as
 * `attacker.example` resolve to 127.0.0.1 inside this test process only, so a test can hand the client URLs on
 * other origins and see whether anything (a token, a secret, a stored link) reached them. Nothing leaves the
 * machine: unknown names still fail as they would, and the real resolver comes back after the test.
 */
import dns from 'node:dns';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForeignRequest {
	method: string;
	/** The Host header as sent: which name the client thought it was talking to. */
	host: string;
	/** Path and query, as sent. */
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface ForeignAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface ForeignHost {
	/** The server's port on 127.0.0.1. */
	readonly port: number;
	/** Every request that reached the server, in order. */
	readonly requests: ForeignRequest[];
	/** `http://<hostName>:<port>`: an origin on this server under another name. */
	origin(hostName: string): string;
	/** Sets what the server answers from now on (default: 200 `{}`); a function decides per request. */
	answer(answer: ForeignAnswer | ((request: ForeignRequest) => ForeignAnswer)): void;
	/** Forgets the recorded requests and goes back to the default answer. */
	reset(): void;
	close(): Promise<void>;
}

const DEFAULT_ANSWER: ForeignAnswer = { status: 200, headers: { 'Content-Type': 'application/json' }, body: {} };

export async function startForeignHost(): Promise<ForeignHost> {
	const requests: ForeignRequest[] = [];
	let answer: ForeignAnswer | ((request: ForeignRequest) => ForeignAnswer) = DEFAULT_ANSWER;
	const server: Server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const request: ForeignRequest = {
				method: incoming.method ?? 'GET',
				host: incoming.headers.host ?? '',
				path: incoming.url ?? '/',
				headers: incoming.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			const reply = typeof answer === 'function' ? answer(request) : answer;
			const body =
				reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
			response.writeHead(reply.status, reply.headers ?? {});
			response.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		port,
		requests,
		origin: (hostName) => `http://${hostName}:${port}`,
		answer: (next) => {
			answer = next;
		},
		reset: () => {
			requests.length = 0;
			answer = DEFAULT_ANSWER;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Makes `hostNames` resolve to 127.0.0.1 for this process (`dns.lookup`, which Node's http and net use), and
 * returns the function that puts the real resolver back. Other names resolve as before.
 */
export function resolveToLoopback(hostNames: string[]): () => void {
	const names = new Set(hostNames.map((name) => name.toLowerCase()));
	const original = dns.lookup;
	const patched = function lookup(hostname: string, options: unknown, callback?: unknown): void {
		const done = (typeof options === 'function' ? options : callback) as LookupCallback;
		const settings = (typeof options === 'object' && options !== null ? options : {}) as dns.LookupOptions;
		if (!names.has(String(hostname).toLowerCase())) {
			(original as (...args: unknown[]) => void).call(dns, hostname, options, callback);
			return;
		}
		process.nextTick(() => {
			if (settings.all) done(null, [{ address: '127.0.0.1', family: 4 }]);
			else done(null, '127.0.0.1', 4);
		});
	};
	(dns as { lookup: unknown }).lookup = patched;
	return () => {
		(dns as { lookup: unknown }).lookup = original;
	};
}

/**
 * One foreign host for a test file, with `hostNames` resolving to it while each test runs: started before the
 * tests, reset before each, closed after them. The returned object is filled in once the host has started.
 */
export function useForeignHost(hostNames: string[] = ['attacker.example', 'graph.evil.example']): { host: ForeignHost } {
	const holder = {} as { host: ForeignHost };
	let restore: (() => void) | undefined;
	beforeAll(async () => {
		holder.host = await startForeignHost();
	});
	afterAll(async () => await holder.host?.close());
	beforeEach(() => {
		holder.host.reset();
		restore = resolveToLoopback(hostNames);
	});
	afterEach(() => {
		restore?.();
		restore = undefined;
	});
	return holder;
}
