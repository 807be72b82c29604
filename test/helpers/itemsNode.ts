import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Items may carry files under this key: `{ __binary: { data: { base64, fileName, mimeType } } }`. */
export const BINARY_KEY = '__binary';

export interface TestFile {
	base64: string;
	fileName: string;
	mimeType: string;
}

/** Test-only start node: outputs the items given as JSON in its `items` parameter. */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Outputs fixed items (tests only)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | unknown[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>>;
		const output: INodeExecutionData[] = [];
		for (const [index, { [BINARY_KEY]: files, ...json }] of items.entries()) {
			const item: INodeExecutionData = { json: json as INodeExecutionData['json'], pairedItem: { item: index } };
			if (files) {
				item.binary = {};
				for (const [name, file] of Object.entries(files as Record<string, TestFile>)) {
					// Stored as n8n stores any binary data: in memory or on disk, per the binary data mode.
					item.binary[name] = await this.helpers.prepareBinaryData(
						Buffer.from(file.base64, 'base64'),
						file.fileName,
						file.mimeType,
					);
				}
			}
			output.push(item);
		}
		return [output];
	}
}
