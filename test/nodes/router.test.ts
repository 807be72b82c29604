import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GraphClient } from '../../nodes/shared/graph/client';
import { defineOperation } from '../../nodes/OutlookMailApp/actions/defineOperation';
import { findOperation, ITEMS_IN_FLIGHT, runOperation } from '../../nodes/OutlookMailApp/actions/router';

const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };

function contextFor(count: number, continueOnFail = false): IExecuteFunctions {
	return {
		getInputData: () => Array.from({ length: count }, (_, index) => ({ json: { index } })),
		continueOnFail: () => continueOnFail,
		getNode: () => node,
	} as unknown as IExecuteFunctions;
}

/** Masks nothing: enough to see that every error passes through it. */
const redacted: Error[] = [];
const client = {
	redact: <E>(error: E) => {
		redacted.push(error as Error);
		return error;
	},
} as unknown as GraphClient;

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

/** An operation whose items take `delay(index)` event-loop turns, recording how many run at once. */
function probe(options: { sequential?: boolean; delay?: (index: number) => number; fail?: (index: number) => Error | undefined } = {}) {
	const seen = { started: [] as number[], inFlight: 0, peak: 0 };
	const operation = defineOperation({
		resource: 'message',
		operation: 'get',
		option: { name: 'Get', description: 'Get a message', action: 'Get a message' },
		properties: [],
		sequential: options.sequential,
		async execute(_client, itemIndex): Promise<INodeExecutionData[]> {
			seen.started.push(itemIndex);
			seen.inFlight++;
			seen.peak = Math.max(seen.peak, seen.inFlight);
			for (let turn = 0; turn < (options.delay?.(itemIndex) ?? 0); turn++) await tick();
			seen.inFlight--;
			const error = options.fail?.(itemIndex);
			if (error) throw error;
			return [{ json: { item: itemIndex } }, { json: { item: itemIndex, second: true } }];
		},
	});
	return { operation, seen };
}

beforeEach(() => {
	redacted.length = 0;
});

describe('router', () => {
	it('pairs every output item with the input item it came from', async () => {
		const { operation } = probe();
		const [output] = await runOperation(contextFor(2), client, operation, { concurrent: false });
		expect(output).toEqual([
			{ json: { item: 0 }, pairedItem: { item: 0 } },
			{ json: { item: 0, second: true }, pairedItem: { item: 0 } },
			{ json: { item: 1 }, pairedItem: { item: 1 } },
			{ json: { item: 1, second: true }, pairedItem: { item: 1 } },
		]);
	});

	it('keeps the input order when concurrent items finish in another order', async () => {
		const { operation, seen } = probe({ delay: (index) => 10 - index });
		const [output] = await runOperation(contextFor(10), client, operation, { concurrent: true });
		expect(output.filter((item) => !item.json.second).map((item) => item.json.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(seen.peak).toBe(10);
	});

	it(`runs at most ${ITEMS_IN_FLIGHT} items at once when concurrent`, async () => {
		const { operation, seen } = probe({ delay: () => 2 });
		await runOperation(contextFor(ITEMS_IN_FLIGHT + 50), client, operation, { concurrent: true });
		expect(seen.peak).toBe(ITEMS_IN_FLIGHT);
	});

	it('runs one item after another when the operation is sequential, even when concurrent', async () => {
		const { operation, seen } = probe({ sequential: true, delay: () => 2 });
		await runOperation(contextFor(5), client, operation, { concurrent: true });
		expect(seen.peak).toBe(1);
		expect(seen.started).toEqual([0, 1, 2, 3, 4]);
	});

	it('runs one item after another when not concurrent (batching off)', async () => {
		const { operation, seen } = probe({ delay: () => 2 });
		await runOperation(contextFor(5), client, operation, { concurrent: false });
		expect(seen.peak).toBe(1);
	});

	it('under continue-on-fail, outputs an error item paired with the failing item and goes on', async () => {
		const { operation, seen } = probe({ fail: (index) => (index === 1 ? new Error('broken item') : undefined) });
		const [output] = await runOperation(contextFor(3, true), client, operation, { concurrent: false });
		expect(output.filter((item) => !item.json.second)).toEqual([
			{ json: { item: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'broken item' }, pairedItem: { item: 1 } },
			{ json: { item: 2 }, pairedItem: { item: 2 } },
		]);
		expect(seen.started).toEqual([0, 1, 2]);
		expect(redacted).toHaveLength(1);
	});

	it('without continue-on-fail, fails with the error of the failing item, its index stamped, starting no item after it', async () => {
		const { operation, seen } = probe({ fail: (index) => (index === 1 ? new Error('broken item') : undefined) });
		const failure = await runOperation(contextFor(4), client, operation, { concurrent: false }).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).message).toBe('broken item');
		expect((failure as NodeOperationError).context.itemIndex).toBe(1);
		expect(seen.started).toEqual([0, 1]);
	});

	it('stamps the item index on a NodeApiError that has none, and keeps one that has', async () => {
		const unstamped = new NodeApiError(node, { message: 'x' }, { httpCode: '404' });
		const { operation } = probe({ fail: (index) => (index === 2 ? unstamped : undefined) });
		const failure = await runOperation(contextFor(3), client, operation, { concurrent: false }).catch((error: unknown) => error);
		expect(failure).toBe(unstamped);
		expect(unstamped.context.itemIndex).toBe(2);

		const stamped = new NodeApiError(node, { message: 'y' }, { httpCode: '404', itemIndex: 7 });
		const other = probe({ fail: () => stamped });
		await runOperation(contextFor(1), client, other.operation, { concurrent: false }).catch(() => undefined);
		expect(stamped.context.itemIndex).toBe(7);
	});

	it('fails with the lowest failing index when concurrent items fail out of order', async () => {
		const { operation } = probe({ delay: (index) => 6 - index, fail: (index) => (index === 1 || index === 4 ? new Error(`item ${index}`) : undefined) });
		const failure = await runOperation(contextFor(6), client, operation, { concurrent: true }).catch((error: unknown) => error);
		expect((failure as NodeOperationError).message).toBe('item 1');
		expect((failure as NodeOperationError).context.itemIndex).toBe(1);
	});
});

describe('findOperation', () => {
	it('finds an operation by resource and value', () => {
		expect(findOperation('message', 'delete')).toMatchObject({ resource: 'message', operation: 'delete', sequential: false });
		expect(findOperation('message', 'send')).toMatchObject({ sequential: true });
		expect(findOperation('folder', 'create')).toMatchObject({ sequential: true });
	});

	it.each([
		['message', 'archive'],
		['mailbox', 'get'],
		['message', 'constructor'],
		['message', 'toString'],
		['__proto__', 'get'],
		[undefined, 'get'],
		['message', 42],
	])('finds nothing for %p / %p', (resource, operation) => {
		expect(findOperation(resource, operation)).toBeUndefined();
	});
});
