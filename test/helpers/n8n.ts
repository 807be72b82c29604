/**
 * Runs workflows through n8n-core's real execution engine (WorkflowExecute), the way n8n runs them:
 * real expressions, parameters, credentials (with the credential type's own `authenticate`),
 * n8n's HTTP helpers, pairedItem and continueOnFail. Only the credential store is replaced.
 */
import { Container } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	BinaryDataConfig,
	BinaryDataService,
	CredentialTestContext,
	ExecutionLifecycleHooks,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { OutlookMailAppApi } from '../../credentials/OutlookMailAppApi.credentials';
import { TestItems } from './itemsNode';

export const CREDENTIAL_TYPE = 'outlookMailAppApi';
const credentialTypes: Record<string, ICredentialType> = { [CREDENTIAL_TYPE]: new OutlookMailAppApi() };

/** The credential store of a test run: decrypted data per credential type. */
class TestCredentialsHelper implements ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// What n8n's CredentialsHelper does for a credential whose `authenticate` is a function.
		const { authenticate } = credentialTypes[typeName];
		return typeof authenticate === 'function' ? await authenticate(credentials, requestOptions) : requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the engine in these tests');
	}

	async getDecrypted(_additionalData: unknown, _details: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType>;

	constructor(types: Record<string, INodeType>) {
		this.types = { testItems: new TestItems(), ...types };
	}

	getByName(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface TestNode {
	name: string;
	type: string;
	parameters?: INode['parameters'];
	continueOnFail?: boolean;
	typeVersion?: number;
}

/** A linear workflow: an Items node with `items`, then each node in turn, all using the test credential. */
export function linearWorkflow(items: IDataObject[], nodes: TestNode[]): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	const all: INode[] = [
		{ id: 'items', name: 'Items', type: 'testItems', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
		...nodes.map((node, index) => ({
			id: `node-${index}`,
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: [200 * (index + 1), 0] as [number, number],
			parameters: node.parameters ?? {},
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Outlook Mail (App) account' } },
			...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		})),
	];
	const connections: IConnections = {};
	for (let index = 0; index < all.length - 1; index++) {
		connections[all[index].name] = { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		executionId: 'test-execution',
		variables: {},
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowResult {
	run: IRun;
	/** The items a node output on its first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): Error | undefined;
}

export async function runWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	options: { nodeTypes: Record<string, INodeType>; credentials: Record<string, ICredentialDataDecryptedObject> },
): Promise<WorkflowResult> {
	const nodeTypes = new TestNodeTypes(options.nodeTypes);
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase);
	let resolveRun: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));

	const startNode = workflowData.nodes[0];
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const workflowExecute = new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		'manual',
		runExecutionData,
	);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await done;
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: (nodeName) => runData[nodeName]?.[0]?.error as Error | undefined,
	};
}

/** Runs a node type's credential test the way n8n's CredentialsTester does, in n8n's own context. */
export async function runCredentialTest(
	test: (this: ICredentialTestFunctions, credential: { id: string; name: string; type: string; data: ICredentialDataDecryptedObject }) => Promise<INodeCredentialTestResult>,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const context = new CredentialTestContext(additionalDataFor({ [CREDENTIAL_TYPE]: data }));
	return await test.call(context, { id: '1', name: 'Outlook Mail (App) account', type: CREDENTIAL_TYPE, data });
}

/** A poll context on a workflow whose static data survives between calls, as in n8n. */
export function pollContextFor(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'> & { staticData?: IDataObject },
	nodeName: string,
	options: {
		nodeTypes: Record<string, INodeType>;
		credentials: Record<string, ICredentialDataDecryptedObject>;
		mode?: 'trigger' | 'manual';
		/** Default `test-workflow`. The trigger keeps per-process memory per workflow and node (pollGuard.ts). */
		workflowId?: string;
	},
) {
	const workflow = new Workflow({
		id: options.workflowId ?? 'test-workflow',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes: new TestNodeTypes(options.nodeTypes),
		active: true,
		staticData: workflowData.staticData,
	});
	const node = workflow.getNode(nodeName)!;
	const mode = options.mode ?? 'trigger';
	return {
		workflow,
		context: new PollContext(workflow, node, additionalDataFor(options.credentials), mode, mode === 'manual' ? 'manual' : 'activate'),
	};
}

/**
 * Where n8n keeps binary data: `default` (in memory, base64 in the item) or `filesystem` (files on disk,
 * the item holds an id). n8n-core's own BinaryDataService, as n8n configures it at start.
 */
export async function useBinaryDataMode(mode: 'default' | 'filesystem'): Promise<void> {
	const config = Container.get(BinaryDataConfig);
	config.mode = mode;
	if (mode === 'filesystem') config.localStoragePath = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
	await Container.get(BinaryDataService).init();
}
