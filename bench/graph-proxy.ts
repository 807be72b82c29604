/**
 * Puts the emulator where n8n's built-in Microsoft Outlook node looks for Microsoft: an HTTPS proxy on
 * loopback that n8n reaches through HTTPS_PROXY, which terminates TLS for graph.microsoft.com and
 * login.microsoftonline.com with a certificate from a CA made for the run (trusted through
 * NODE_EXTRA_CA_CERTS), and passes each request on to the emulator. Nothing leaves the machine: any other
 * host is refused. The built-in node's credential (Microsoft Entra Service Principal) accepts only
 * Microsoft's own hosts, so this is the only way to run it against the emulator.
 *
 * The same forwarding is offered as a plain-HTTP reverse proxy (`reverseUrl`), for a client that can be
 * pointed at another Graph base URL (this package's node), so both nodes can go through the same faults
 * (`loseResponse`: the emulator processes the request, then the client's connection is dropped).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, TLSSocket } from 'node:tls';

export const MICROSOFT_HOSTS = ['graph.microsoft.com', 'login.microsoftonline.com'];

export interface ProxiedRequest {
	host: string;
	method: string;
	url: string;
	status: number;
}

export interface GraphProxy {
	/** For HTTPS_PROXY. */
	proxyUrl: string;
	/** The CA's certificate file, for NODE_EXTRA_CA_CERTS. */
	caFile: string;
	/** Plain-HTTP reverse proxy to the emulator, with the same fault hook. */
	reverseUrl: string;
	/** Requests passed on (both ways in), in order. */
	requests: ProxiedRequest[];
	/** CONNECTs refused (hosts other than Microsoft's). */
	refused: string[];
	/**
	 * The next request matching `match` is passed on and processed by the emulator, but its answer is never
	 * delivered: the client's connection is destroyed instead (a lost response). Once.
	 */
	loseResponse(match: (method: string, url: string) => boolean): void;
	close(): Promise<void>;
}

/** A CA and one server certificate for Microsoft's hosts, made with openssl in a temporary folder. */
function makeCertificates(dir: string): { caFile: string; key: Buffer; cert: Buffer } {
	const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=n8n-nodes-outlook-mail-app comparison CA', '-keyout', 'ca.key', '-out', 'ca.pem',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
	run('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${MICROSOFT_HOSTS[0]}`, '-keyout', 'server.key', '-out', 'server.csr');
	writeFileSync(
		join(dir, 'server.ext'),
		`subjectAltName=${MICROSOFT_HOSTS.map((host) => `DNS:${host}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
	);
	run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem');
	return { caFile: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) };
}

const listen = async (server: Server): Promise<number> =>
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

export async function startGraphProxy(emulatorBaseUrl: string): Promise<GraphProxy> {
	const target = new URL(emulatorBaseUrl);
	const dir = mkdtempSync(join(tmpdir(), 'outlook-mail-app-proxy-'));
	const { caFile, key, cert } = makeCertificates(dir);
	const secureContext = createSecureContext({ key, cert });
	const requests: ProxiedRequest[] = [];
	const refused: string[] = [];
	const losers: ((method: string, url: string) => boolean)[] = [];
	const sockets = new Set<Socket>();

	const forward = (host: string) => (incoming: IncomingMessage, outgoing: ServerResponse) => {
		const method = incoming.method ?? 'GET';
		const url = incoming.url ?? '/';
		const loseIndex = losers.findIndex((match) => match(method, url));
		const lose = loseIndex >= 0;
		if (lose) losers.splice(loseIndex, 1);
		const upstream = httpRequest(
			{ hostname: target.hostname, port: target.port, method, path: url, headers: { ...incoming.headers, host: target.host } },
			(answer) => {
				requests.push({ host, method, url, status: answer.statusCode ?? 0 });
				if (lose) {
					answer.resume();
					answer.once('end', () => incoming.socket.destroy());
					return;
				}
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.once('error', () => outgoing.destroy());
		incoming.pipe(upstream);
	};

	// TLS-terminated requests for Microsoft's hosts arrive here, one server per host name.
	const inner = new Map(MICROSOFT_HOSTS.map((host) => [host, createServer(forward(host))]));
	const proxy = createServer((incoming, outgoing) => {
		// Only CONNECT (HTTPS) is proxied; plain-HTTP proxying is refused.
		refused.push(`${incoming.method} ${incoming.url}`);
		outgoing.writeHead(403).end();
	});
	proxy.on('connect', (incoming: IncomingMessage, socket: Socket, head: Buffer) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		const [host, port] = (incoming.url ?? '').split(':');
		const server = inner.get(host);
		if (!server || port !== '443') {
			refused.push(incoming.url ?? '');
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
			if (head.length) socket.unshift(head);
			const tls = new TLSSocket(socket, { isServer: true, secureContext });
			tls.once('error', () => socket.destroy());
			server.emit('connection', tls);
		});
	});
	const reverse = createServer(forward('reverse'));
	reverse.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	const proxyPort = await listen(proxy);
	const reversePort = await listen(reverse);

	return {
		proxyUrl: `http://127.0.0.1:${proxyPort}`,
		caFile,
		reverseUrl: `http://127.0.0.1:${reversePort}`,
		requests,
		refused,
		loseResponse: (match) => losers.push(match),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await Promise.all([proxy, reverse].map(async (server) => await new Promise((resolve) => server.close(resolve))));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
