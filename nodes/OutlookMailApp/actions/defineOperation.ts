/**
 * The one way to define an operation: how the Operation dropdown offers it, its parameters, how it runs one item,
 * and what the router must know of it (whether items run one at a time). Each `<resource>/<operation>.operation.ts`
 * default-exports one definition; each `<resource>/index.ts` lists the resource's operation values, which the
 * Operation options are built from, and a map of the modules that the compiler checks against that list.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import type { Resource } from './node.type';

/** How the Operation dropdown offers an operation. */
export interface OperationOptionText {
	name: string;
	description: string;
	/** How n8n names the operation to a user and to an AI Agent, as a sentence. */
	action: string;
}

/** One entry of a resource's Operation options: `value` is the operation, and its file's name. */
export type OperationOption = INodePropertyOptions & OperationOptionText & { value: string };

export interface Operation<R extends Resource = Resource, O extends string = string> {
	readonly resource: R;
	readonly operation: O;
	readonly option: OperationOption;
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
	option: OperationOptionText;
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
		option: { name: definition.option.name, value: definition.operation, description: definition.option.description, action: definition.option.action },
		description: forOperation(definition.resource, definition.operation, definition.properties),
		sequential: definition.sequential === true,
		execute: definition.execute,
	};
}

/**
 * A resource's operations by value: exactly one module for each of its operation values, and none other. An index
 * whose map `satisfies` this fails to compile when a value has no module, a module has no value, or a module is
 * filed under another operation's value.
 */
export type OperationMap<R extends Resource, O extends string> = { readonly [K in O]: Operation<R, K> };

/** The Operation parameter of a resource (its options in the order of `values`), then each operation's parameters. */
export function resourceDescription<R extends Resource, O extends string>(
	resource: R,
	values: readonly O[],
	defaultOperation: O,
	operations: OperationMap<R, O>,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: values.map((value) => operations[value].option),
			default: defaultOperation,
		},
		...values.flatMap((value) => operations[value].description),
	];
}
