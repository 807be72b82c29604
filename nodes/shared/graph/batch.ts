/**
 * JSON batching under the client's request loop, shaped so that Outlook's limit of 4 operations per mailbox
 * holds whatever Graph does inside a `$batch`.
 *
 * Graph documents that it runs 4 steps of a batch at a time per mailbox; tenants report front ends that start
 * them all at once, which throttles 16 of 20. So a batch never asks Graph for more parallelism than this process
 * holds slots for on the mailbox's lane:
 * - up to `limit` queued requests go as one parallel group holding one slot each; parallel groups of several
 *   mailboxes travel in one parallel batch of up to 20 (so many mailboxes' single requests cost a few batches);
 * - more go as a chain (each step `dependsOn` the one before, a "fully sequential" batch) of up to 20, which
 *   runs one step at a time and so holds one slot; up to `limit` chains run side by side.
 * A step answered 424 (its dependency failed, so it never ran) goes back to the front of the queue: it was not
 * an attempt. Every other sub-response returns to its own request loop as if it had been sent alone, so
 * retries, the throttle gate, token refresh and error mapping stay in one place: the client.
 */
import { MAX_JSON_RESPONSE_BYTES, readJsonAnswer } from './answers';
import { CLIENT_TEXTS } from './errorTexts';
import type { MailboxLanes } from './lanes';
import { MAX_BATCH_SIZE } from './limits';
import type { HttpRequest, HttpResponse, HttpTransport, TransportResult } from './transport';
import { isNetworkFailure } from './transport';

/** A step answered 424 goes back to the queue at most this many times, then its 424 is its answer. */
const MAX_REQUEUES = 10;

interface Queued {
	request: HttpRequest;
	resolve: (result: TransportResult) => void;
	/** For a credential problem the transport raises, or a gate that stays closed too long. */
	reject: (error: unknown) => void;
	requeues: number;
}

/** Requests of one lane sent together, holding `release`'s slots until they are answered. */
interface LaneGroup {
	laneKey: string;
	entries: Queued[];
	release: () => void;
}

interface BatchResponseBody {
	responses?: Array<{ id?: string; status?: number; headers?: Record<string, string>; body?: unknown }>;
}

export interface SchedulerOptions {
	/** `${graphBaseUrl}/v1.0`, which sub-request URLs are relative to. */
	versionUrl: string;
	batching: boolean;
	timeoutMs: number;
	lanes: MailboxLanes;
	/** Longest wait at a closed gate; a longer closure fails the request instead. */
	maxGateWaitMs: number;
}

/** Sends requests within their mailbox lane's slots and gate, alone or grouped into `$batch` requests. */
export class MailboxScheduler {
	private readonly queues = new Map<string, Queued[]>();
	private readonly draining = new Set<string>();
	/** The parallel `$batch` being formed, from the groups of one or more lanes. */
	private readonly forming: LaneGroup[] = [];
	private formingSize = 0;
	private flushScheduled = false;

	constructor(
		private readonly transport: HttpTransport,
		private readonly options: SchedulerOptions,
	) {}

	/** Sends one request on the lane `laneKey`, alone or as part of a `$batch`. */
	async send(request: HttpRequest, laneKey: string, batchable: boolean): Promise<TransportResult> {
		if (!this.options.batching || !batchable) {
			return await this.options.lanes.lane(laneKey).run(this.options.maxGateWaitMs, async () => await this.transport(request));
		}
		return await new Promise<TransportResult>((resolve, reject) => {
			this.enqueue(laneKey, [{ request, resolve, reject, requeues: 0 }], 'back');
		});
	}

	private enqueue(laneKey: string, entries: Queued[], end: 'front' | 'back'): void {
		let queue = this.queues.get(laneKey);
		if (!queue) this.queues.set(laneKey, (queue = []));
		if (end === 'front') queue.unshift(...entries);
		else queue.push(...entries);
		if (!this.draining.has(laneKey)) {
			this.draining.add(laneKey);
			void this.drain(laneKey, queue);
		}
	}

	/**
	 * One worker per lane with queued requests: waits for the slots the next batch needs and for the gate, then
	 * takes its requests from the queue, so requests that arrive meanwhile join it.
	 */
	private async drain(laneKey: string, queue: Queued[]): Promise<void> {
		const lane = this.options.lanes.lane(laneKey);
		try {
			while (queue.length) {
				// Let the requests started in this turn of the event loop join the queue first.
				await new Promise((resolve) => setImmediate(resolve));
				const slots = queue.length <= lane.limit ? queue.length : 1;
				let release: () => void;
				try {
					release = await lane.enter(slots, this.options.maxGateWaitMs);
				} catch (error) {
					queue.splice(0).forEach((entry) => entry.reject(error));
					return;
				}
				const batch = queue.splice(0, slots > 1 ? slots : MAX_BATCH_SIZE);
				const chained = slots === 1 && batch.length > 1;
				if (chained) {
					void this.execute([{ laneKey, entries: batch, release }], true);
				} else {
					this.join({ laneKey, entries: batch, release });
				}
			}
		} finally {
			this.draining.delete(laneKey);
		}
	}

	/**
	 * A parallel group of one lane (holding its slots) joins the next `$batch`, where groups of other lanes (other
	 * mailboxes) join it too, up to 20 requests: so an empty poll of 100 mailboxes costs 5 requests, not 100. The
	 * batch leaves when it is full, or once the requests started in this turn of the event loop have joined it.
	 */
	private join(group: LaneGroup): void {
		if (this.forming.length && this.formingSize + group.entries.length > MAX_BATCH_SIZE) this.flush();
		this.forming.push(group);
		this.formingSize += group.entries.length;
		if (this.formingSize >= MAX_BATCH_SIZE) {
			this.flush();
		} else if (!this.flushScheduled) {
			this.flushScheduled = true;
			setImmediate(() => {
				this.flushScheduled = false;
				this.flush();
			});
		}
	}

	private flush(): void {
		const groups = this.forming.splice(0);
		this.formingSize = 0;
		if (groups.length) void this.execute(groups, false);
	}

	/** Sends the groups' requests (alone, when there is one), answers each, and gives every group's slots back. */
	private async execute(groups: LaneGroup[], chained: boolean): Promise<void> {
		const entries = groups.flatMap((group) => group.entries);
		try {
			const results =
				entries.length === 1
					? [await this.transport(entries[0].request)]
					: await this.sendBatch(
							entries.map((entry) => entry.request),
							chained,
						);
			let index = 0;
			for (const group of groups) {
				const notRun: Queued[] = [];
				for (const entry of group.entries) {
					const result = results[index++];
					if (!isNetworkFailure(result) && result.status === 424 && entry.requeues < MAX_REQUEUES && entries.length > 1) {
						entry.requeues++;
						notRun.push(entry);
					} else {
						entry.resolve(result);
					}
				}
				if (notRun.length) this.enqueue(group.laneKey, notRun, 'front');
			}
		} catch (error) {
			entries.forEach((entry) => entry.reject(error));
		} finally {
			// Give the slots back only after the answers' callers have run: a caller that got a 429 closes the
			// mailbox's gate first, so the next batch waits instead of going into the throttled mailbox.
			setImmediate(() => groups.forEach((group) => group.release()));
		}
	}

	/** One `$batch` POST; every sub-request gets its own response, looked up by id, never by position. */
	private async sendBatch(requests: HttpRequest[], chained: boolean): Promise<TransportResult[]> {
		const body = {
			requests: requests.map((request, index) => {
				// Graph refuses a batch whose write request has no body and Content-Type: give it an empty object.
				const write = ['POST', 'PUT', 'PATCH'].includes(request.method.toUpperCase());
				const json = request.body !== undefined ? (JSON.parse(String(request.body)) as unknown) : write ? {} : undefined;
				return {
					id: String(index + 1),
					method: request.method,
					url: this.relativeUrl(request.url),
					...(chained && index > 0 ? { dependsOn: [String(index)] } : {}),
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
			maxResponseBytes: MAX_JSON_RESPONSE_BYTES,
		});
		// The batch as a whole failed (network, throttled, unavailable, a redirect, an answer that is no batch
		// answer): each request meets that outcome, and its own loop explains it.
		if (isNetworkFailure(result) || result.status >= 300 || result.truncated) return requests.map(() => result);
		const answer = readJsonAnswer(result.body, result.headers);
		const responses = answer.ok ? (answer.value as BatchResponseBody | undefined)?.responses : undefined;
		if (!Array.isArray(responses)) return requests.map(() => result);
		const byId = new Map(responses.map((response) => [String(response?.id), response]));
		return requests.map((_, index): HttpResponse => {
			const response = byId.get(String(index + 1));
			if (!response) {
				return { status: 502, headers: {}, body: Buffer.from(JSON.stringify({ error: { code: 'BatchResponseMissing', message: CLIENT_TEXTS.batchResponseMissing } })) };
			}
			const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
			// A body that is an object inside the batch's JSON is JSON, whatever its headers say.
			if (response.body !== null && typeof response.body === 'object' && !headers['content-type']) headers['content-type'] = 'application/json';
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
