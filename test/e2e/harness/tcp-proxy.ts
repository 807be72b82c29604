/**
 * A loopback TCP proxy that a test can hold: while held, what clients send is not read (it waits in the
 * kernel's buffers, so the server never sees it); `drop()` then closes every connection without passing it on.
 * Between n8n's main process and Redis it stops an execution's job from reaching the queue at a chosen moment,
 * as a crash just before `Queue.add` would: the main process is killed while its command is held, and the
 * held command dies with the connection.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
	private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
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
			const pair = { client, upstream };
			ref.proxy?.pairs.add(pair);
			if (ref.proxy?.held) client.pause();
			client.pipe(upstream);
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
		for (const { client } of this.pairs) {
			client.unpipe();
			client.pause();
		}
	}

	release(): void {
		this.held = false;
		for (const { client, upstream } of this.pairs) {
			client.pipe(upstream);
			client.resume();
		}
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
