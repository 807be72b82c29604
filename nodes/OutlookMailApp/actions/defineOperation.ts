/**
 * The one way to define an operation: its parameters, how it runs one item, and what the router must know of it
 * (whether items run one at a time). Each `<resource>/<operation>.operation.ts` default-exports one definition;
 * each `<resource>/index.ts` lists them in a map the compiler checks against the resource's Operation options.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import type { Resource } from './node.type';

export interface Operation<R extends Resource = Resource, O extends string = string> {
	readonly resource: R;
	readonly operation: O;
	/** The operation's parameters, shown only for this resource and operation. */
	readonly description: INodeProperties[];
	/**
	 * Run the items one after another even when batching: for sends (mail goes out in the items' order) and for
	 * work whose items may depend on each other (creating the same folder path).
	 */
	readonly sequential: boolean;
	/** One input item: Graph calls through the client, output items (the router pairs them), or a thrown error. */
	execute(this: IExecuteFunctions, client: GraphClient, itemIndex: number): Promise<INodeExecutionData[]>;
}

export interface OperationDefinition<R extends Resource, O extends string> {
	resource: R;
	operation: O;
	properties: INodeProperties[];
	/** See `Operation.sequential`; default false. */
	sequential?: boolean;
	execute(this: IExecuteFunctions, client: GraphClient, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** Shows `properties` only for this resource and operation (n8n's updateDisplayOptions). */
function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	}));
}

export function defineOperation<const R extends Resource, const O extends string>(definition: OperationDefinition<R, O>): Operation<R, O> {
	return {
		resource: definition.resource,
		operation: definition.operation,
		description: forOperation(definition.resource, definition.operation, definition.properties),
		sequential: definition.sequential === true,
		execute: definition.execute,
	};
}

/** One entry of a resource's Operation options: `value` is the operation, and its file's name. */
export interface OperationOption extends INodePropertyOptions {
	value: string;
	/** How n8n names the operation to a user and to an AI Agent, as a sentence. */
	action: string;
}

/** The values of a resource's Operation options. */
export type OperationValue<Options extends readonly OperationOption[]> = Options[number]['value'];

/**
 * A resource's operations by value: exactly one module for each value of its Operation options, and none other.
 * An index whose map `satisfies` this fails to compile when an option has no module, a module has no option, or
 * a module is filed under another operation's value.
 */
export type OperationMap<R extends Resource, O extends string> = { readonly [K in O]: Operation<R, K> };

/** The Operation parameter of a resource, then every operation's own parameters, in the options' order. */
export function resourceDescription<R extends Resource, O extends string>(
	resource: R,
	options: readonly OperationOption[],
	defaultOperation: O,
	operations: OperationMap<R, O>,
): INodeProperties[] {
	const values = options.map((option) => option.value as O);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: [...options],
			default: defaultOperation,
		},
		...values.flatMap((value) => operations[value].description),
	];
}
