import { seededRandom, type Random } from '../seed/random';

/**
 * Fault injection as data, in the style of the Graph SDK's ChaosHandler: rules matched in order against each
 * request (Graph, token endpoint or discovery; never the control routes) before it is routed, and against each
 * sub-request of a `$batch` before it is replayed. A rule may answer with a status (Graph's or Entra's error body
 * for it unless one is given) and Retry-After, delay the answer, or drop the connection. Each rule applies `times`
 * times (default once; Infinity allowed), then is used up. A rule with a `probability` applies to a matching
 * request only when a draw from the table's seeded PRNG says so, so chaos runs repeat exactly. A `sticky` rule's
 * 429 or 503 also throttles the mailbox (server.ts answerFault does that; the table only holds the rules).
 */

export interface FaultRule {
	/** HTTP method to match (any when absent). */
	method?: string;
	/** Decoded path to match: equal to a string, or tested by a RegExp (any when absent). */
	path?: string | RegExp;
	/** Answer with this status instead of routing the request. */
	status?: number;
	/** Raw Retry-After header value to send with the status. */
	retryAfter?: string;
	/** Response body to send with the status (default: the service's error body for that status). */
	body?: unknown;
	/**
	 * Headers to send with the status; without a status, the request is routed as usual and these headers are set
	 * on its answer (replacing headers of the same name), so a test can corrupt one header of a real answer.
	 */
	headers?: Record<string, string>;
	/** Delay before answering (or before routing, when no status is given). */
	latencyMs?: number;
	/** Destroy the socket instead of answering. */
	reset?: boolean;
	/** How many requests the rule applies to; default 1. Only requests it was applied to count. */
	times?: number;
	/**
	 * Chance (0..1) that the rule applies to a request it matches, drawn from the table's seeded PRNG (the
	 * emulator's `faultSeed`); absent: always. When the draw says no, the next matching rule is tried.
	 */
	probability?: number;
	/**
	 * When the rule answers 429 or 503 for a request or sub-request to a mailbox, that mailbox becomes throttled
	 * until the rule's Retry-After (seconds or an HTTP date; the emulator's `throttleRetryAfterSeconds` when absent,
	 * and then sent as Retry-After) has passed on the emulator's clock: every request for it in between gets 429
	 * ApplicationThrottled, as after a concurrency overflow. Absent: the emulator's `stickyFaults` decides (false
	 * unless set).
	 */
	sticky?: boolean;
}

export interface ActiveFault {
	readonly rule: Readonly<FaultRule>;
	/** Requests still to be affected. */
	remaining: number;
}

export interface TakeOptions {
	/**
	 * The request is a sub-request of a `$batch`: rules that drop the connection (`reset`) are not for it, as one
	 * sub-request has no connection of its own (they apply to the outer HTTP request).
	 */
	subRequest?: boolean;
}

export class FaultTable {
	private rules: ActiveFault[] = [];
	private random: Random;

	/** `seed`: of the PRNG that draws for rules with a `probability` (default 1). */
	constructor(private seed = 1) {
		this.random = seededRandom(seed);
	}

	/** Adds a rule after those already present. */
	add(rule: FaultRule): void {
		checkFaultRule(rule);
		this.rules.push({ rule: { ...rule }, remaining: rule.times ?? 1 });
	}

	clear(): void {
		this.rules = [];
	}

	/** Restarts the PRNG of `probability` draws from `seed` (default: the seed it was made with). */
	reseed(seed = this.seed): void {
		this.seed = seed;
		this.random = seededRandom(seed);
	}

	/** Rules not used up yet, in match order. */
	list(): readonly ActiveFault[] {
		return this.rules;
	}

	/**
	 * The first rule that matches the request and applies to it (its probability drawn, in rule order), consuming
	 * one of its uses; used-up rules are dropped.
	 */
	take(method: string, path: string, options: TakeOptions = {}): Readonly<FaultRule> | undefined {
		for (let index = 0; index < this.rules.length; index++) {
			const active = this.rules[index];
			if (!matches(active.rule, method, path)) continue;
			if (options.subRequest && active.rule.reset) continue;
			if (active.rule.probability !== undefined && !this.random.chance(active.rule.probability)) continue;
			active.remaining--;
			if (active.remaining <= 0) this.rules.splice(index, 1);
			return active.rule;
		}
		return undefined;
	}
}

/** Throws when a rule's `probability` or `sticky` has a value the table cannot use. */
export function checkFaultRule(rule: FaultRule): void {
	const { probability, sticky } = rule;
	if (probability !== undefined && !(typeof probability === 'number' && probability >= 0 && probability <= 1)) {
		throw new Error(`fault rule probability must be a number from 0 to 1, not ${String(probability)}`);
	}
	if (sticky !== undefined && typeof sticky !== 'boolean') throw new Error(`fault rule sticky must be true or false, not ${String(sticky)}`);
}

/**
 * How long a sticky rule's answer throttles the mailbox, in ms: its Retry-After in seconds (fractions allowed) or
 * as an HTTP date; undefined when it has none the emulator can read.
 */
export function retryAfterMs(retryAfter: string | undefined, now: number): number | undefined {
	if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
	if (rule.path === undefined) return true;
	return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

/** Rebuilds a rule sent as JSON to /_emulator/faults: `pathPattern` is a RegExp source, `times: null` is Infinity. */
export function faultRuleFromJson(value: unknown): FaultRule {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('a fault rule must be a JSON object');
	const { pathPattern, times, ...rest } = value as Record<string, unknown>;
	const rule: FaultRule = { ...(rest as FaultRule) };
	if (typeof pathPattern === 'string') rule.path = new RegExp(pathPattern);
	if (times === null || times === 'Infinity') rule.times = Infinity;
	else if (typeof times === 'number') rule.times = times;
	return rule;
}

/** A rule as JSON, for GET /_emulator/faults. */
export function faultRuleToJson({ rule, remaining }: ActiveFault): Record<string, unknown> {
	const { path, times, ...rest } = rule;
	void times;
	return {
		...rest,
		...(path instanceof RegExp ? { pathPattern: path.source } : path !== undefined ? { path } : {}),
		remaining: Number.isFinite(remaining) ? remaining : null,
	};
}
