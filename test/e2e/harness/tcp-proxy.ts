/**
 * A loopback TCP proxy that a test can hold: while held, what clients send is kept here instead of passed on
 * (the server never sees it, and the test can see what was sent: `heldText()`); `drop()` then closes every
 * connection without passing it on, `release()` passes it on in order.
 * Between n8n's main process and Redis it stops an execution's job from reaching the queue at a chosen moment,
 * as a crash just before `Queue.add` would: the main process is killed while its command is held, and the
 * held command dies with the connection.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

interface Pair {
	client: Socket;
	upstream: Socket;
	/** What the client sent while the proxy was held, in order. */
	held: Buffer[];
}

export class TcpProxy {
	private readonly pairs = new Set<Pair>();
	private held = false;

	private constructor(
		private readonly server: Server,
		readonly port: number,
	) {}

	static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
		// Set once the server listens; connections arrive only after that.
		const ref: { proxy?: TcpProxy } = {};
		const server = createServer((client) => {
			const upstream = connect(targetPort, targetHost);
			const pair: Pair = { client, upstream, held: [] };
			ref.proxy?.pairs.add(pair);
			client.on('data', (chunk: Buffer) => {
				if (ref.proxy?.held) pair.held.push(chunk);
				else upstream.write(chunk);
			});
			upstream.pipe(client);
			const close = () => {
				ref.proxy?.pairs.delete(pair);
				client.destroy();
				upstream.destroy();
			};
			client.on('error', close);
			upstream.on('error', close);
			client.on('close', close);
			upstream.on('close', close);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const address = server.address();
		ref.proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
		return ref.proxy;
	}

	/** Stops passing on what clients send (new connections too), until `release()`. */
	hold(): void {
		this.held = true;
	}

	release(): void {
		this.held = false;
		for (const pair of this.pairs) {
			for (const chunk of pair.held.splice(0)) pair.upstream.write(chunk);
		}
	}

	/** What clients have sent since `hold()`, not passed on yet (as latin1 text, to search for a command). */
	heldText(): string {
		return [...this.pairs].map((pair) => Buffer.concat(pair.held).toString('latin1')).join('\n');
	}

	/** Closes every connection at once; what was held is lost, as it would be with a crashed client. */
	drop(): void {
		for (const { client, upstream } of this.pairs) {
			client.destroy();
			upstream.destroy();
		}
		this.pairs.clear();
	}

	get connections(): number {
		return this.pairs.size;
	}

	async close(): Promise<void> {
		this.drop();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
