import type { AddressInfo } from 'node:net';
import { createSigner } from './auth';
import type { RequestRecord, Services } from './context';
import { FaultTable } from './faults';
import type { TenantSeed } from './model';
import { sampleTenant } from './seed';
import { createEmulatorServer } from './server';
import { Store } from './store';
import { MailboxThrottle } from './throttle';
import { UploadSessions } from './uploads';

export interface EmulatorOptions {
	/** Tenants to serve; default: [sampleTenant()]. The first is the default tenant of tokenUrl(). */
	tenants?: TenantSeed[];
	/** Clock in ms (token lifetimes, assertion expiry, throttling windows); default Date.now. */
	now?: () => number;
	/** Requests one mailbox may have in flight before 429; default 4 (Exchange Online's limit). */
	mailboxConcurrency?: number;
	/** Retry-After sent when concurrency throttling starts, in seconds; default 1. */
	throttleRetryAfterSeconds?: number;
	/** Real time a mailbox request holds its concurrency slot, in ms; default 0. */
	serviceTimeMs?: number;
	/** Real time added to every response (control routes excepted), in ms; default 0. */
	latencyMs?: number;
	/** Request bodies longer than this many bytes are logged by length only (RequestRecord.bodyLength); default 64 KiB. */
	requestLogBodyLimit?: number;
	/** Seed of the PRNG that decides fault rules given a `probability`; default 1. The same seed, the same faults. */
	faultSeed?: number;
}

export interface Emulator {
	/** http://127.0.0.1:<random port> */
	baseUrl: string;
	/** `${baseUrl}/${tenant ?? default tenant id}/oauth2/v2.0/token` */
	tokenUrl(tenant?: string): string;
	/** Same as baseUrl: Graph is served under `${graphBaseUrl}/v1.0/...`. */
	graphBaseUrl: string;
	/**
	 * http://localhost:<same port>: the origin of attachment upload URLs. Graph hands out upload URLs on Outlook's
	 * origin, not its own; the emulator serves them on the same server under another host name, at /upload/...
	 */
	uploadBaseUrl: string;
	/** Open attachment upload sessions. */
	uploads: UploadSessions;
	/** Every request, in arrival order (the same array for the emulator's life). */
	requests: RequestRecord[];
	clearRequests(): void;
	faults: FaultTable;
	store: Store;
	/** Store back to its seed; faults (and their PRNG), request log, throttling and upload sessions cleared. */
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const tenants = options.tenants ?? [sampleTenant()];
	const now = options.now ?? Date.now;
	const store = new Store(tenants, now);
	const faults = new FaultTable(options.faultSeed ?? 1);
	const throttle = new MailboxThrottle(now, options.mailboxConcurrency ?? 4, options.throttleRetryAfterSeconds ?? 1);
	const requests: RequestRecord[] = [];
	const uploads = new UploadSessions();
	const reset = () => {
		store.reset();
		faults.clear();
		faults.reseed();
		requests.length = 0;
		throttle.clear();
		uploads.clear();
	};
	const services: Services = { store, now, signer: createSigner(), baseUrl: '', uploadBaseUrl: '', uploads, faults, throttle, requests, reset };
	const server = createEmulatorServer(services, {
		latencyMs: options.latencyMs ?? 0,
		serviceTimeMs: options.serviceTimeMs ?? 0,
		logBodyLimit: options.requestLogBodyLimit,
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}`;
	services.baseUrl = baseUrl;
	services.uploadBaseUrl = `http://localhost:${port}`;
	const defaultTenant = tenants[0]?.id ?? 'common';
	return {
		baseUrl,
		graphBaseUrl: baseUrl,
		uploadBaseUrl: services.uploadBaseUrl,
		uploads,
		tokenUrl: (tenant) => `${baseUrl}/${tenant ?? defaultTenant}/oauth2/v2.0/token`,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		faults,
		store,
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
