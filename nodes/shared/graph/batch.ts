/**
 * JSON batching and Outlook's per-mailbox concurrency, under the client's request loop.
 *
 * Requests are queued per mailbox and sent as `$batch` requests of up to 20; each mailbox has 4 slots
 * (Outlook's concurrency limit), and a batch holds one slot per sub-request, up to all 4, so one mailbox
 * never has more than 4 operations in flight while several mailboxes proceed in parallel. Each
 * sub-response comes back to its own request loop as if it had been sent alone, so retries (a throttled
 * sub-request's own Retry-After), token refresh and error mapping stay in one place: the client.
 */
import type { HttpRequest, HttpResponse, HttpTransport, TransportResult } from './transport';
import { isNetworkFailure } from './transport';

/** Graph's limit of requests in one `$batch`. */
export const MAX_BATCH_SIZE = 20;
/** Outlook's limit of concurrent requests per mailbox. */
export const MAILBOX_CONCURRENCY = 4;

/** Counts the requests in flight for one mailbox and queues those that must wait for a slot. */
export class MailboxSlots {
	private inFlight = 0;
	private readonly waiting: Array<{ count: number; start: () => void }> = [];

	constructor(readonly capacity: number = MAILBOX_CONCURRENCY) {}

	async run<T>(count: number, task: () => Promise<T>): Promise<T> {
		const slots = this.fit(count);
		await this.acquire(slots);
		try {
			return await task();
		} finally {
			this.release(slots);
		}
	}

	/** The slots `count` requests hold: one each, at most all of them. */
	fit(count: number): number {
		return Math.min(Math.max(count, 1), this.capacity);
	}

	async acquire(count: number): Promise<void> {
		if (this.waiting.length === 0 && this.inFlight + count <= this.capacity) {
			this.inFlight += count;
			return;
		}
		await new Promise<void>((start) => this.waiting.push({ count, start }));
	}

	release(count: number): void {
		this.inFlight -= count;
		while (this.waiting.length && this.inFlight + this.waiting[0].count <= this.capacity) {
			const next = this.waiting.shift()!;
			this.inFlight += next.count;
			next.start();
		}
	}
}

interface Queued {
	request: HttpRequest;
	resolve: (result: TransportResult) => void;
	/** For a credential problem the transport raises: every request of the batch fails with it. */
	reject: (error: unknown) => void;
}

interface BatchResponseBody {
	responses?: Array<{ id?: string; status?: number; headers?: Record<string, string>; body?: unknown }>;
}

/** Per-mailbox slots and, when enabled, `$batch` grouping, in front of the authenticated transport. */
export class MailboxScheduler {
	private readonly slots = new Map<string, MailboxSlots>();
	private readonly queues = new Map<string, Queued[]>();
	private readonly draining = new Set<string>();

	constructor(
		private readonly transport: HttpTransport,
		private readonly options: {
			/** `${graphBaseUrl}/v1.0`, which sub-request URLs are relative to. */
			versionUrl: string;
			batching: boolean;
			timeoutMs: number;
		},
	) {}

	private slotsOf(mailbox: string): MailboxSlots {
		let slots = this.slots.get(mailbox);
		if (!slots) this.slots.set(mailbox, (slots = new MailboxSlots()));
		return slots;
	}

	/** Sends one request within its mailbox's slots, alone or as part of a `$batch`. */
	async send(request: HttpRequest, mailbox: string, batchable: boolean): Promise<TransportResult> {
		if (!this.options.batching || !batchable) {
			return await this.slotsOf(mailbox).run(1, async () => await this.transport(request));
		}
		return await new Promise<TransportResult>((resolve, reject) => {
			const queue = this.queues.get(mailbox) ?? [];
			queue.push({ request, resolve, reject });
			this.queues.set(mailbox, queue);
			if (!this.draining.has(mailbox)) {
				this.draining.add(mailbox);
				void this.drain(mailbox, queue);
			}
		});
	}

	/**
	 * One worker per mailbox with queued requests: waits for the slots the next batch needs, then takes
	 * up to 20 requests from the queue, so requests that arrive while it waits join the batch.
	 */
	private async drain(mailbox: string, queue: Queued[]): Promise<void> {
		const slots = this.slotsOf(mailbox);
		try {
			while (queue.length) {
				// Let the requests started in this turn of the event loop join the queue first.
				await new Promise((resolve) => setImmediate(resolve));
				const held = slots.fit(queue.length);
				await slots.acquire(held);
				const batch = queue.splice(0, held < slots.capacity ? held : MAX_BATCH_SIZE);
				void this.execute(batch)
					.catch((error: unknown) => batch.forEach((entry) => entry.reject(error)))
					.finally(() => slots.release(held));
			}
		} finally {
			this.draining.delete(mailbox);
		}
	}

	private async execute(batch: Queued[]): Promise<void> {
		if (batch.length === 1) {
			batch[0].resolve(await this.transport(batch[0].request));
			return;
		}
		const results = await this.sendBatch(batch.map((entry) => entry.request));
		batch.forEach((entry, index) => entry.resolve(results[index]));
	}

	/** One `$batch` POST; every sub-request gets its own response, looked up by id, never by position. */
	private async sendBatch(requests: HttpRequest[]): Promise<TransportResult[]> {
		const body = {
			requests: requests.map((request, index) => {
				// Graph refuses a batch whose write request has no body and Content-Type: give it an empty object.
				const write = ['POST', 'PUT', 'PATCH'].includes(request.method.toUpperCase());
				const json = request.body !== undefined ? (JSON.parse(String(request.body)) as unknown) : write ? {} : undefined;
				return {
					id: String(index + 1),
					method: request.method,
					url: this.relativeUrl(request.url),
					headers: json !== undefined ? { 'Content-Type': 'application/json', ...subRequestHeaders(request) } : subRequestHeaders(request),
					...(json !== undefined ? { body: json } : {}),
				};
			}),
		};
		const result = await this.transport({
			method: 'POST',
			url: `${this.options.versionUrl}/$batch`,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			timeoutMs: this.options.timeoutMs,
		});
		// The batch as a whole failed (network, throttled, unavailable): each request meets that outcome.
		if (isNetworkFailure(result) || result.status >= 400) return requests.map(() => result);
		const parsed = JSON.parse(result.body.toString('utf8') || '{}') as BatchResponseBody;
		const byId = new Map((parsed.responses ?? []).map((response) => [String(response.id), response]));
		return requests.map((_, index): HttpResponse => {
			const response = byId.get(String(index + 1));
			if (!response) {
				return { status: 502, headers: {}, body: Buffer.from(JSON.stringify({ error: { code: 'BatchResponseMissing', message: 'The $batch answer had no response for this request.' } })) };
			}
			const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
			const content =
				response.body === undefined || response.body === null
					? Buffer.alloc(0)
					: typeof response.body === 'string' && !/json/i.test(headers['content-type'] ?? '')
						? Buffer.from(response.body, 'base64')
						: Buffer.from(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
			return { status: response.status ?? 500, headers, body: content };
		});
	}

	private relativeUrl(url: string): string {
		return url.startsWith(this.options.versionUrl) ? url.slice(this.options.versionUrl.length) : url;
	}
}

/** Headers a sub-request carries: what the caller set, minus those that belong to the outer request. */
function subRequestHeaders(request: HttpRequest): Record<string, string> {
	return Object.fromEntries(
		Object.entries(request.headers).filter(([name]) => !['accept', 'content-type', 'authorization'].includes(name.toLowerCase())),
	);
}
