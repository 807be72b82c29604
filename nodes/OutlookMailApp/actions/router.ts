import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createGraphClient, type GraphClient } from '../../shared/graph/client';
import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { asNodeError } from '../../shared/graph/errors';
import { attachment } from './attachment';
import { category } from './category';
import type { Operation } from './defineOperation';
import { folder } from './folder';
import { graphRequest } from './graphRequest';
import { mailbox } from './mailbox';
import { mailboxSettings } from './mailboxSettings';
import { mailTips } from './mailTips';
import { message } from './message';
import { messageTrace } from './messageTrace';
import { rule } from './rule';
import { isResource, type Resource } from './node.type';

/**
 * Every resource of the Resource options, and no other, with its operations: each resource's map is checked
 * against its own Operation options where it is defined (`<resource>/index.ts`).
 */
const RESOURCES = {
	attachment,
	category,
	folder,
	graphRequest,
	mailbox,
	mailboxSettings,
	mailTips,
	message,
	messageTrace,
	rule,
} satisfies Record<Resource, Readonly<Record<string, Operation>>>;

/** The operation a resource and operation value name, or undefined when the node offers no such thing. */
export function findOperation(resource: unknown, operation: unknown): Operation | undefined {
	if (!isResource(resource) || typeof operation !== 'string') return undefined;
	const operations: Readonly<Record<string, Operation>> = RESOURCES[resource];
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

/**
 * Items in flight at once when batching: enough to keep 20 mailboxes busy when the items come mailbox after
 * mailbox (100 each: 5 chains of 20 per mailbox, 4 running). Items start in input order, so a smaller number
 * would work on only a few mailboxes at a time. The client's per-mailbox slots, not this number, keep each
 * mailbox within Outlook's limit; an item waiting for a slot holds nothing but its promise.
 */
export const ITEMS_IN_FLIGHT = 2000;

/**
 * Runs `operation` once per input item; owns pairedItem and continue-on-fail. With `concurrent` (batching on and
 * the operation not sequential), items run side by side so the client can group their requests into `$batch`
 * requests; the output keeps the input's order either way. Without continue-on-fail, the first failing item (by
 * index) fails the node, with its index stamped on the error, and no new item starts after a failure.
 */
export async function runOperation(
	context: IExecuteFunctions,
	client: GraphClient,
	operation: Operation,
	options: { concurrent: boolean },
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const concurrency = options.concurrent && !operation.sequential ? ITEMS_IN_FLIGHT : 1;
	const continueOnFail = context.continueOnFail();

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let firstFailure: { itemIndex: number; error: Error } | undefined;
	let next = 0;
	const worker = async () => {
		while (next < items.length && (continueOnFail || !firstFailure)) {
			const itemIndex = next++;
			try {
				const results = await operation.execute.call(context, client, itemIndex);
				outputs[itemIndex] = results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const nodeError = client.redact(asNodeError(context.getNode(), error, itemIndex));
				outputs[itemIndex] = [{ json: { error: nodeError.message }, pairedItem: { item: itemIndex } }];
				if (!firstFailure || itemIndex < firstFailure.itemIndex) firstFailure = { itemIndex, error: nodeError };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (firstFailure && !continueOnFail) throw firstFailure.error;
	return [outputs.flat()];
}

/** The node's execute: the chosen operation over every input item, on one Graph client. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0);
	const operationValue = this.getNodeParameter('operation', 0);
	const operation = findOperation(resource, operationValue);
	if (!operation) throw asNodeError(this.getNode(), new Error(INPUT_TEXTS.unsupportedOperation(String(operationValue))), 0);

	const batching = this.getNodeParameter('requestOptions.batching', 0, true) as boolean;
	const client = await createGraphClient(this, { batching });
	return await runOperation(this, client, operation, { concurrent: batching });
}
