import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { forOperation } from '../operation';
import { executeResponse } from './respond';
import { responseProperties } from '../../descriptions/response.description';

/** Run one item after another: see OperationModule.sequential. */
export const sequential = true;

export const description = forOperation('message', 'reply', responseProperties('reply'));

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await executeResponse(this, client, itemIndex, 'reply');
}
