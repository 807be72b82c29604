/**
 * A webhook trigger node run the way n8n 2.41 runs one, with n8n-core's own contexts, for tests that need Graph to
 * reach it over real HTTP:
 *
 * - activation as ActiveWorkflowManager.add does it: the webhook is reachable first, then `checkExists` /
 *   `create` (HookContext) on the activation's Workflow, its static data saved, then `trigger()` (TriggerContext)
 *   on the same Workflow, whose `emit` saves the static data and records an execution;
 * - each webhook request as LiveWebhooks does it: a new Workflow built from the static data saved so far, the
 *   node's `webhook()` (WebhookContext) with express-like request and response objects, the static data saved
 *   after it when it changed, an execution recorded when it returned workflowData;
 * - deactivation: the trigger's close function, then `delete` on a Workflow from the saved static data; a
 *   restart: the trigger closed without `delete`, then activation again with activation mode `init`;
 * - manual mode (the editor's test webhook): `create` in mode `manual` on the test URL, `webhook()` in mode
 *   `manual`, and `delete` once a test execution ran, as TestWebhooks does.
 *
 * `registerCron` is captured, not scheduled: tests call `tick()` after moving their clock.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, TriggerContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	ITriggerResponse,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor, CREDENTIAL_TYPE, TestNodeTypes } from './n8n';

export interface Execution {
	source: 'trigger' | 'webhook' | 'manual';
	items: INodeExecutionData[];
	/** Real time (Date.now()) the execution would start: when emit was called, or the webhook returned its data. */
	startedAt: number;
}

/** The part of express's request n8n's webhooks see that nodes use. */
export interface WebhookRequest {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
}

/** The part of express's response nodes use. */
export class WebhookResponse {
	statusCode = 200;
	headersSent = false;
	private readonly headers: Record<string, string> = {};

	constructor(private readonly response: ServerResponse) {}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	type(contentType: string): this {
		this.headers['Content-Type'] = contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name] = value;
		return this;
	}

	send(body?: unknown): this {
		if (this.headersSent) throw new Error('response already sent');
		const text = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && !this.headers['Content-Type']) this.headers['Content-Type'] = 'application/json';
		this.headersSent = true;
		this.response.writeHead(this.statusCode, this.headers);
		this.response.end(text);
		return this;
	}

	json(body: unknown): this {
		this.headers['Content-Type'] = 'application/json';
		return this.send(JSON.stringify(body));
	}

	end(): this {
		if (!this.headersSent) this.send();
		return this;
	}
}

export interface WebhookTriggerOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	workflowId?: string;
	/** The base URL n8n hands webhook nodes (its WEBHOOK_URL + `webhook`); default this harness's own server. */
	webhookBaseUrl?: string;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
	new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});

export class WebhookTriggerHarness {
	/** The static data as n8n's database holds it (JSON), between contexts. */
	savedStaticData: IDataObject = {};
	readonly executions: Execution[] = [];
	readonly errors: string[] = [];
	readonly failedExecutions: string[] = [];
	/** Every request the webhook got, with the status it answered and when (real ms) the answer went out. */
	readonly requests: { path: string; query: Record<string, string>; status: number; answeredInMs: number; mode: 'webhook' | 'manual' }[] = [];
	private server: Server | undefined;
	private origin = '';
	private activeWorkflow: Workflow | undefined;
	private triggerResponse: ITriggerResponse | undefined;
	private ticks: ((at: Date) => void)[] = [];
	private testRegistered = false;
	private readonly node: INode;
	private readonly nodeTypes: TestNodeTypes;

	constructor(private readonly options: WebhookTriggerOptions) {
		this.node = {
			id: 'instant-trigger',
			name: 'Instant Trigger',
			type: options.typeName,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5e1f0c2a-7b3d-4e8f-9a10-b2c3d4e5f607',
			parameters: options.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Outlook Mail (App) account' } },
		};
		this.nodeTypes = new TestNodeTypes({ [options.typeName]: options.nodeType });
	}

	get workflowId(): string {
		return this.options.workflowId ?? 'instant-workflow';
	}

	/** Production webhook URL (what create() subscribes Graph to). */
	get webhookUrl(): string {
		return `${this.options.webhookBaseUrl ?? `${this.origin}/webhook`}/${this.node.webhookId}/webhook`;
	}

	/** This harness's own webhook URL, whatever base URL n8n was told. */
	get ownWebhookUrl(): string {
		return `${this.origin}/webhook/${this.node.webhookId}/webhook`;
	}

	/** Every item emitted so far, by the trigger or a webhook. */
	emittedItems(): INodeExecutionData[] {
		return this.executions.flatMap((execution) => execution.items);
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		await this.triggerResponse?.closeFunction?.();
		await new Promise<void>((resolve) => {
			if (!this.server) return resolve();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private workflowFromSaved(): Workflow {
		return new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			nodeTypes: this.nodeTypes,
			active: true,
			staticData: JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject,
		});
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor({ [CREDENTIAL_TYPE]: this.options.credential }),
			webhookBaseUrl: this.options.webhookBaseUrl ?? `${this.origin}/webhook`,
			webhookTestBaseUrl: `${this.origin}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData, isTest = false): IWebhookData {
		const description = this.options.nodeType.description.webhooks?.[0];
		if (!description) throw new Error('the node type has no webhook');
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		} as IWebhookData;
	}

	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			const copy = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			delete copy.__dataChanged;
			this.savedStaticData = copy;
			workflow.staticData.__dataChanged = false;
		}
	}

	private async runHook(workflow: Workflow, method: 'checkExists' | 'create' | 'delete', mode: 'trigger' | 'manual', activation: WorkflowActivateMode, isTest = false) {
		const additionalData = this.additionalData();
		const context = new HookContext(workflow, this.node, additionalData, mode, activation, this.webhookData(workflow, additionalData, isTest));
		const fn = this.options.nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`no webhook method ${method}`);
		return await fn.call(context);
	}

	/**
	 * Activates the workflow (`activate`, or `init` as after a restart) as n8n 2.41's WorkflowTriggerActivator does:
	 * the webhook set up (checkExists / create) and trigger() started side by side on the same Workflow, then its
	 * static data saved; throws what n8n would show.
	 */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const workflow = this.workflowFromSaved();
		this.activeWorkflow = workflow;
		const webhook = (async () => {
			if (!(await this.runHook(workflow, 'checkExists', 'trigger', activation))) await this.runHook(workflow, 'create', 'trigger', activation);
		})();
		const [webhookResult, triggerResult] = await Promise.allSettled([webhook, this.startTrigger(workflow, activation)]);
		if (webhookResult.status === 'rejected' || triggerResult.status === 'rejected') {
			await this.triggerResponse?.closeFunction?.();
			this.triggerResponse = undefined;
			this.activeWorkflow = undefined;
			throw webhookResult.status === 'rejected' ? webhookResult.reason : (triggerResult as PromiseRejectedResult).reason;
		}
		this.save(workflow);
	}

	private async startTrigger(workflow: Workflow, activation: WorkflowActivateMode): Promise<void> {
		this.ticks = [];
		const context = new TriggerContext(
			workflow,
			this.node,
			this.additionalData(),
			'trigger',
			activation,
			(data) => {
				this.save(workflow);
				this.executions.push({ source: 'trigger', items: data[0] ?? [], startedAt: Date.now() });
			},
			(error) => this.errors.push(error.message),
			(error) => this.failedExecutions.push(error.message),
			{ registerCron: (_cron, onTick) => this.ticks.push(onTick) },
		);
		const trigger = this.options.nodeType.trigger;
		if (!trigger) throw new Error('the node type has no trigger()');
		this.triggerResponse = await trigger.call(context);
	}

	/** Runs the trigger's cron callbacks (after a test moved its clock). */
	tick(): void {
		for (const onTick of this.ticks) onTick(new Date());
	}

	get cronCount(): number {
		return this.ticks.length;
	}

	/** Deactivation: the trigger closed, then `delete` with the saved static data. */
	async deactivate(): Promise<void> {
		await this.triggerResponse?.closeFunction?.();
		this.triggerResponse = undefined;
		this.activeWorkflow = undefined;
		const workflow = this.workflowFromSaved();
		await this.runHook(workflow, 'delete', 'trigger', 'activate');
		this.save(workflow);
	}

	/** The workflow saved with other parameters for the node (they take effect at the next activation or restart). */
	editParameters(changes: INodeParameters): void {
		this.node.parameters = { ...this.node.parameters, ...changes };
	}

	/** The process stops (nothing deleted) and starts again: activation mode `init`. */
	async restart(): Promise<void> {
		await this.triggerResponse?.closeFunction?.();
		this.triggerResponse = undefined;
		this.activeWorkflow = undefined;
		await this.activate('init');
	}

	/** The editor's "listen for test event": the test webhook registered, `create` in manual mode. */
	async listenForTestEvent(): Promise<void> {
		this.testRegistered = true;
		const workflow = this.workflowFromSaved();
		await this.runHook(workflow, 'create', 'manual', 'manual', true);
	}

	get activeStaticData(): IDataObject | undefined {
		return this.activeWorkflow?.staticData;
	}

	private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(incoming.url ?? '/', this.origin);
		const rawBody = await readBody(incoming);
		const contentType = String(incoming.headers['content-type'] ?? '');
		let body: unknown = {};
		if (/json/i.test(contentType) && rawBody.length) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = {};
			}
		} else if (rawBody.length) body = rawBody.toString('utf8');
		const request: WebhookRequest = {
			method: incoming.method ?? 'GET',
			url: incoming.url ?? '/',
			headers: incoming.headers,
			query: Object.fromEntries(url.searchParams),
			body,
			rawBody,
		};
		const response = new WebhookResponse(outgoing);
		const isTest = url.pathname.startsWith('/webhook-test/');
		const mode = isTest ? 'manual' : 'webhook';
		const record = { path: url.pathname, query: request.query, status: 0, answeredInMs: 0, mode } as WebhookTriggerHarness['requests'][number];
		this.requests.push(record);
		const answered = () => {
			record.status = response.statusCode;
			record.answeredInMs = Date.now() - started;
		};
		outgoing.on('finish', answered);
		if (url.pathname !== (isTest ? `/webhook-test/${this.node.webhookId}/webhook` : `/webhook/${this.node.webhookId}/webhook`) || (isTest && !this.testRegistered)) {
			response.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });
			return;
		}
		const workflow = this.workflowFromSaved();
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: response } as unknown as Partial<IWorkflowExecuteAdditionalData>);
		const context = new WebhookContext(workflow, this.node, additionalData, isTest ? 'manual' : 'webhook', this.webhookData(workflow, additionalData, isTest), [], null);
		let result: IWebhookResponseData;
		try {
			result = await this.options.nodeType.webhook!.call(context);
		} catch (error) {
			this.errors.push((error as Error).message);
			if (!response.headersSent) response.status(500).json({ message: 'Error in workflow' });
			return;
		}
		if (!response.headersSent && result.noWebhookResponse !== true) response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
		this.save(workflow);
		if (result.workflowData) {
			this.executions.push({ source: isTest ? 'manual' : 'webhook', items: result.workflowData[0] ?? [], startedAt: Date.now() });
			if (isTest) {
				this.testRegistered = false;
				await this.runHook(this.workflowFromSaved(), 'delete', 'manual', 'manual', true);
			}
		}
	}
}
