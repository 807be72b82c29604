import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createGraphClient } from '../../shared/graph/client';
import { asNodeError } from '../../shared/graph/errors';
import type { OutlookMailAppType } from './node.type';
import * as attachment from './attachment';
import * as folder from './folder';
import * as message from './message';
import type { OperationModule } from './operation';

const resources = { message, folder, attachment };

/** Runs the chosen operation once per input item; owns pairedItem and continue-on-fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as OutlookMailAppType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource] as unknown as Record<string, OperationModule>;
	const selected = operations[operation];
	if (!selected) throw asNodeError(this.getNode(), new Error(`The operation "${operation}" is not supported`), 0);

	const client = await createGraphClient(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await selected.execute.call(this, client, itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
