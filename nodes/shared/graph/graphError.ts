/**
 * The error the Graph client throws for a failed Graph answer: n8n's NodeApiError (so n8n shows and handles it as
 * any API error), with Graph's answer as typed fields. Callers ask `isGraphError(error, { status: 410 })` or
 * `error.is('SyncStateNotFound')` instead of reading `httpCode` or context strings.
 */
import type { Failure, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface GraphErrorFields {
	status: number;
	/** Graph's error code, or `HTTP <status>` when the answer had none. */
	code: string;
	requestId?: string;
	/** What Graph's Retry-After asked for, when it sent one. */
	retryAfterMs?: number;
	/** The sentence saying what to fix, when one is known. */
	hint?: string;
}

export interface GraphErrorOptions {
	/** Graph's own message. */
	graphMessage: string;
	message: string;
	description: string;
	itemIndex?: number;
	failure?: Failure;
}

export class GraphError extends NodeApiError implements GraphErrorFields {
	readonly status: number;
	readonly code: string;
	readonly requestId?: string;
	readonly retryAfterMs?: number;
	readonly hint?: string;

	constructor(node: INode, fields: GraphErrorFields, options: GraphErrorOptions) {
		super(node, { code: fields.code, message: options.graphMessage } as JsonObject, {
			message: options.message,
			description: options.description,
			httpCode: String(fields.status),
			itemIndex: options.itemIndex,
			failure: options.failure,
		});
		// n8n tells its own error classes apart by name (WorkflowExecute rethrows only a 'NodeApiError' as it is).
		this.name = 'NodeApiError';
		this.status = fields.status;
		this.code = fields.code;
		this.requestId = fields.requestId;
		this.retryAfterMs = fields.retryAfterMs;
		this.hint = fields.hint;
	}

	/** Whether Graph answered with this code (or a code this pattern matches). */
	is(code: string | RegExp): boolean {
		return typeof code === 'string' ? this.code === code : code.test(this.code);
	}
}

export interface GraphErrorMatch {
	status?: number | readonly number[];
	code?: string | RegExp | readonly string[];
}

/** Whether `error` is a Graph answer (of this status and code, when given). */
export function isGraphError(error: unknown, match: GraphErrorMatch = {}): error is GraphError {
	if (!(error instanceof GraphError)) return false;
	const statuses = match.status === undefined ? undefined : ([] as number[]).concat(match.status);
	if (statuses && !statuses.includes(error.status)) return false;
	if (match.code === undefined) return true;
	if (typeof match.code === 'string' || match.code instanceof RegExp) return error.is(match.code);
	return match.code.includes(error.code);
}
