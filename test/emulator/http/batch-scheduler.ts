import type { BatchHost, SubRequest } from './batch';
import type { HandlerResult, IncomingRequest, RequestRecord } from './context';
import { GraphError } from './errors';
import type { FaultRule } from '../state/faults';

/**
 * How a `$batch` runs its sub-requests. Both models: a sub-request starts once its dependencies are done, and one
 * whose dependency failed (status >= 400) is answered 424 without running; every sub-request for a mailbox takes a
 * slot of that mailbox's concurrency limit (the MailboxThrottle every HTTP request uses) for the service time, and
 * one that finds the mailbox full or throttled gets its own 429 with Retry-After. They differ in what a batch does
 * with its own ready sub-requests:
 *
 * - `documented` (Graph's documentation: Outlook runs 4 requests per mailbox at a time, batch steps included): the
 *   batch runs at most `mailboxConcurrency` of them per mailbox at once and queues the others inside the batch; a
 *   freed slot goes straight to the batch's next one. Only slots held by other HTTP requests can make one 429.
 * - `allAtOnce` (what some tenants report): every ready sub-request starts at once. All of them are routed and
 *   admitted before any of them runs, in request order, so which ones overflow never depends on timing: a parallel
 *   batch of 20 for one mailbox gets 4 admitted and 16 answered 429, and the mailbox is throttled as after any
 *   overflow. A dependsOn chain still runs one step after another.
 */
export type BatchModel = 'documented' | 'allAtOnce';

export interface Call {
	sub: SubRequest;
	request: IncomingRequest;
	record: RequestRecord;
}

/** What a routed sub-request does when it is performed. */
type Step =
	| { kind: 'answer'; result: HandlerResult }
	/** Runs now; holds a mailbox slot for the service time when it has a `release`. */
	| { kind: 'run'; run: () => HandlerResult | Promise<HandlerResult>; release?: () => void }
	/** `documented`: waits for the batch's turn on the mailbox, then asks the mailbox for a slot. */
	| { kind: 'queue'; mailbox: string; run: () => HandlerResult | Promise<HandlerResult> }
	/** A fault rule's latency first; routed when it has passed. */
	| { kind: 'delay'; ms: number; fault: Readonly<FaultRule> };

/**
 * The batch's own turns on each mailbox (`documented`): at most `width` of its sub-requests at once. A freed turn
 * goes straight to the next waiting sub-request, before anything else can run, so the batch keeps its slots while
 * it has work.
 */
class MailboxTurns {
	private turns = new Map<string, { active: number; waiting: (() => void)[] }>();

	constructor(private readonly width: number) {}

	/** Resolves with the function that gives the turn back. */
	take(mailbox: string): Promise<() => void> {
		let lane = this.turns.get(mailbox);
		if (!lane) this.turns.set(mailbox, (lane = { active: 0, waiting: [] }));
		const current = lane;
		return new Promise((resolve) => {
			const grant = () => {
				current.active++;
				let given = false;
				resolve(() => {
					if (given) return;
					given = true;
					current.active--;
					current.waiting.shift()?.();
				});
			};
			if (current.active < this.width) grant();
			else current.waiting.push(grant);
		});
	}
}

/** Runs the calls of a batch; resolves with their results, in the order of `calls`. */
export function schedule(calls: readonly Call[], host: BatchHost): Promise<HandlerResult[]> {
	const { services } = host;
	const turns = new MailboxTurns(services.throttle.limit);
	const results = new Map<string, HandlerResult>();
	const started = new Set<Call>();
	const key = (id: string) => id.toLowerCase();

	const start = (record: RequestRecord) => {
		record.startedAt = services.now();
	};
	const finish = (record: RequestRecord, result: HandlerResult): HandlerResult => {
		record.status = result.status;
		record.endedAt = services.now();
		return result;
	};

	function route({ request, record }: Call, fault: Readonly<FaultRule> | undefined): Step {
		if (fault?.status !== undefined) return { kind: 'answer', result: host.fault(fault, request, record) };
		const prepared = host.prepare(request, record);
		if ('result' in prepared) return { kind: 'answer', result: prepared.result };
		if (prepared.mailbox === undefined) return { kind: 'run', run: prepared.run };
		if (host.model === 'documented') return { kind: 'queue', mailbox: prepared.mailbox, run: prepared.run };
		const admission = services.throttle.admit(prepared.mailbox);
		if (!admission.admitted) return { kind: 'answer', result: host.throttled(admission.retryAfterSeconds) };
		return { kind: 'run', run: prepared.run, release: admission.release };
	}

	function firstStep(call: Call): Step {
		const failed = call.sub.dependsOn.find((id) => (results.get(key(id)) as HandlerResult).status >= 400);
		if (failed !== undefined) {
			return { kind: 'answer', result: host.error(new GraphError(424, 'FailedDependency', `The request depends on request '${failed}', which failed.`)) };
		}
		const fault = services.faults.take(call.sub.method, call.record.path, { subRequest: true });
		if (fault?.latencyMs) return { kind: 'delay', ms: fault.latencyMs, fault };
		return route(call, fault);
	}

	async function perform(call: Call, step: Step): Promise<HandlerResult> {
		const { record } = call;
		switch (step.kind) {
			case 'answer':
				start(record);
				return finish(record, step.result);
			case 'delay':
				await host.sleep(step.ms);
				return await perform(call, route(call, step.fault));
			case 'run': {
				start(record);
				const result = await step.run();
				if (step.release) {
					await host.sleep(host.serviceTimeMs);
					step.release();
				}
				return finish(record, result);
			}
			case 'queue': {
				const giveBack = await turns.take(step.mailbox);
				start(record);
				const admission = services.throttle.admit(step.mailbox);
				if (!admission.admitted) {
					giveBack();
					return finish(record, host.throttled(admission.retryAfterSeconds));
				}
				const result = await step.run();
				await host.sleep(host.serviceTimeMs);
				admission.release();
				finish(record, result);
				giveBack();
				return result;
			}
		}
	}

	return new Promise((resolve) => {
		const settle = (call: Call, result: HandlerResult) => {
			results.set(key(call.sub.id), result);
			if (results.size === calls.length) resolve(calls.map((each) => results.get(key(each.sub.id)) as HandlerResult));
			else startReady();
		};
		/** Starts every call whose dependencies are all done: each is routed (and admitted) before any is performed. */
		const startReady = () => {
			const ready = calls.filter((call) => !started.has(call) && call.sub.dependsOn.every((id) => results.has(key(id))));
			ready.forEach((call) => started.add(call));
			const steps = ready.map((call) => firstStep(call));
			ready.forEach((call, index) => {
				perform(call, steps[index]).then(
					(result) => settle(call, result),
					(error: unknown) => settle(call, finish(call.record, host.error(error))),
				);
			});
		};
		if (calls.length === 0) resolve([]);
		else startReady();
	});
}
