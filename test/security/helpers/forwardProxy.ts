/**
 * An HTTP forward proxy on 127.0.0.1 for tests, as a company proxy behaves: absolute-form requests for http
 * targets (forwarded, with a `Via` header the target can see) and CONNECT tunnels for https targets. It records
 * what went through it.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
	kind: 'forward' | 'connect';
	method: string;
	/** `host:port` the request was for. */
	target: string;
	/** The absolute URL of a forwarded request; the authority of a tunnel. */
	url: string;
	proxyAuthorization?: string;
}

export interface ForwardProxy {
	url: string;
	requests: ProxiedRequest[];
	close(): Promise<void>;
}

export const VIA = '1.1 test-forward-proxy';

export async function startForwardProxy(): Promise<ForwardProxy> {
	const requests: ProxiedRequest[] = [];
	const sockets = new Set<net.Socket>();
	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '');
		requests.push({ kind: 'forward', method: request.method ?? '', target: url.host, url: url.href, proxyAuthorization: request.headers['proxy-authorization'] });
		const headers = { ...request.headers, via: VIA };
		delete headers['proxy-authorization'];
		const upstream = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, headers }, (answer) => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		upstream.on('error', () => {
			response.writeHead(502);
			response.end();
		});
		request.pipe(upstream);
	});
	server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		const target = request.url ?? '';
		requests.push({ kind: 'connect', method: 'CONNECT', target, url: target, proxyAuthorization: request.headers['proxy-authorization'] });
		const [host, port] = target.split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		const close = () => {
			upstream.destroy();
			client.destroy();
		};
		upstream.on('error', close);
		client.on('error', close);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
