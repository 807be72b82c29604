import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createGraphClient } from '../../shared/graph/client';
import { asNodeError } from '../../shared/graph/errors';
import { INPUT_TEXTS } from '../../shared/graph/errorTexts';
import type { OutlookMailAppType } from './node.type';
import * as attachment from './attachment';
import * as folder from './folder';
import * as message from './message';
import type { OperationModule } from './operation';

const resources = { message, folder, attachment };

/**
 * Items in flight at once when batching: enough to fill $batch requests of 20 for several mailboxes.
 * The client's per-mailbox slots, not this number, keep each mailbox within Outlook's limit.
 */
const ITEMS_IN_FLIGHT = 200;

/**
 * Runs the chosen operation once per input item; owns pairedItem and continue-on-fail.
 * With batching on (the default), items run concurrently so the client can group their requests into
 * `$batch` requests; the output keeps the input's order either way.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as OutlookMailAppType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource] as unknown as Record<string, OperationModule>;
	const selected = operations[operation];
	if (!selected) throw asNodeError(this.getNode(), new Error(INPUT_TEXTS.unsupportedOperation(operation)), 0);

	const batching = this.getNodeParameter('requestOptions.batching', 0, true) as boolean;
	const client = await createGraphClient(this, { batching });
	const concurrency = batching && !selected.sequential ? ITEMS_IN_FLIGHT : 1;
	const continueOnFail = this.continueOnFail();

	const outputs: INodeExecutionData[][] = new Array(items.length);
	let firstFailure: { itemIndex: number; error: Error } | undefined;
	let next = 0;
	const worker = async () => {
		while (next < items.length && (continueOnFail || !firstFailure)) {
			const itemIndex = next++;
			try {
				const results = await selected.execute.call(this, client, itemIndex);
				outputs[itemIndex] = results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const nodeError = client.redact(asNodeError(this.getNode(), error, itemIndex));
				outputs[itemIndex] = [{ json: { error: nodeError.message }, pairedItem: { item: itemIndex } }];
				if (!firstFailure || itemIndex < firstFailure.itemIndex) firstFailure = { itemIndex, error: nodeError };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	if (firstFailure && !continueOnFail) throw firstFailure.error;
	return [outputs.flat()];
}
