import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';

/**
 * One operation: its parameters, and how one input item becomes Graph calls and output items.
 * The router pairs every output item with its input item and handles continue-on-fail.
 */
export interface OperationModule {
	description: INodeProperties[];
	/**
	 * Run the items one after another even when batching: for sends (mail goes out in the items' order)
	 * and for work whose items may depend on each other (creating the same folder path).
	 */
	sequential?: boolean;
	execute(this: IExecuteFunctions, client: GraphClient, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** Shows `properties` only for this resource and operation (n8n's updateDisplayOptions). */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	}));
}
