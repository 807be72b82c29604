/**
 * Credentials and workflows as n8n's import commands take them. Node types of the package are
 * `n8n-nodes-outlook-mail-app.<name>`, as n8n names the nodes of an installed community package; loaded
 * from N8N_CUSTOM_EXTENSIONS they are `CUSTOM.<name>` instead (see asCustomExtension).
 */
import { createHash } from 'node:crypto';

export const PACKAGE_TYPE_PREFIX = 'n8n-nodes-outlook-mail-app.';
export const CUSTOM_TYPE_PREFIX = 'CUSTOM.';
export const OUTLOOK = `${PACKAGE_TYPE_PREFIX}outlookMailApp`;
export const OUTLOOK_TRIGGER = `${PACKAGE_TYPE_PREFIX}outlookMailAppTrigger`;
export const OUTLOOK_INSTANT_TRIGGER = `${PACKAGE_TYPE_PREFIX}outlookMailAppInstantTrigger`;
/** What n8n makes of a node type with `usableAsTool`: the same node, for an AI Agent's tools connection. */
export const OUTLOOK_TOOL = `${OUTLOOK}Tool`;

export interface EmulatorEndpoints {
	tokenUrl: string;
	graphBaseUrl: string;
}

/** How the app signs in: with a client secret, or with a certificate and its private key (PEM). */
export type AppSignIn = { clientId: string; defaultUserId: string } & ({ secret: string } | { privateKeyPem: string; certificatePem: string });

export const CREDENTIAL = { id: 'outlookEmulator1', name: 'Outlook Mail (App) - emulator' } as const;

/** An Outlook Mail (App) API credential pointing at the emulator (as test/helpers/outlook.ts builds it). */
export function emulatorCredential(endpoints: EmulatorEndpoints, app: AppSignIn, name: string = CREDENTIAL.name) {
	return {
		id: CREDENTIAL.id,
		name,
		type: 'outlookMailAppApi',
		data: {
			tokenUrl: endpoints.tokenUrl,
			clientId: app.clientId,
			...('secret' in app
				? { authentication: 'clientSecret', clientSecret: app.secret }
				: { authentication: 'certificate', privateKey: app.privateKeyPem, certificate: app.certificatePem }),
			scope: 'https://graph.microsoft.com/.default',
			defaultUserId: app.defaultUserId,
			graphEndpoint: 'custom',
			customGraphBaseUrl: endpoints.graphBaseUrl,
			retryMode: 'RetryWhenStatusCodeMatch',
			retryStatusCodeList: '429|503',
			retryCountMax: 5,
			retryMultiplyWaitTime: true,
		},
	};
}

export interface NodeJson {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	notes?: string;
	notesInFlow?: boolean;
	/** Webhook nodes: the id n8n builds their production path from (`/webhook/<webhookId>/<path>`). */
	webhookId?: string;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	nodes: NodeJson[];
	/** Per source node, per connection type (`main`, or `ai_tool`, `ai_languageModel`... for an AI Agent's inputs). */
	connections: Record<string, Record<string, { node: string; type: string; index: number }[][]>>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	tags?: unknown[];
}

/** A stable UUID from a text, so imported workflows are the same on every run. */
function uuidFrom(text: string): string {
	const hex = createHash('sha256').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type NodeSpec = Omit<NodeJson, 'id' | 'position'> & { position?: [number, number] };

/**
 * A workflow whose nodes run one after the other, in the order given (the first is the trigger). Node
 * positions are laid out left to right unless given.
 */
export function linearWorkflow(id: string, name: string, chain: NodeSpec[]): WorkflowJson {
	const nodes: NodeJson[] = chain.map((node, index) => ({ ...node, id: uuidFrom(`${id}/${node.name}`), position: node.position ?? [index * 260, 0] }));
	const connections: WorkflowJson['connections'] = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

export const manualTrigger = (name = 'When clicking ‘Execute workflow’'): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
});

/**
 * Webhook (POST `/webhook/<path>`) answering at once ("Immediately"), so the execution runs on its own: in
 * queue mode, on a worker. A production webhook needs a webhookId; it is derived from the path.
 */
export const webhook = (name: string, path: string): NodeSpec & { webhookId: string } => ({
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: uuidFrom(`webhook/${path}`),
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
});

/** Set ("Edit Fields") with string fields. */
export const setFields = (name: string, fields: Record<string, string>): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: Object.entries(fields).map(([field, value]) => ({ id: uuidFrom(`${name}/${field}`), name: field, value, type: 'string' })),
		},
		options: {},
	},
});

/** Convert to File > Move Base64 String to File: the field's base64 becomes binary `data`. */
export const base64ToFile = (name: string, sourceProperty: string, fileName: string, mimeType: string): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.convertToFile',
	typeVersion: 1.1,
	parameters: { operation: 'toBinary', sourceProperty, binaryPropertyName: 'data', options: { fileName, mimeType } },
});

const withCredential = { outlookMailAppApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

export const outlook = (name: string, parameters: Record<string, unknown>, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: OUTLOOK,
	typeVersion: 1,
	parameters,
	credentials: withCredential,
	...extra,
});

/** A poll time entry of a polling trigger (n8n's `pollTimes` parameter). */
export type PollTime = { mode: 'everyMinute' } | { mode: 'everyX'; value: number; unit: 'minutes' | 'hours' } | { mode: 'custom'; cronExpression: string };

/**
 * Poll times firing every `seconds` seconds. n8n refuses a cron whose seconds field is not one number ("at
 * least a minute", isSubMinuteCron in n8n-workflow), so a `0,5,10 * * * * *` list is refused; but each poll
 * time is its own cron, and a cron with one fixed second is accepted: 60/seconds entries poll every
 * `seconds` seconds.
 */
export function pollEverySeconds(seconds: number): PollTime[] {
	if (60 % seconds !== 0) throw new Error('seconds must divide 60');
	return Array.from({ length: 60 / seconds }, (_, index) => ({ mode: 'custom' as const, cronExpression: `${index * seconds} * * * * *` }));
}

export const outlookTrigger = (name: string, parameters: Record<string, unknown>, pollTimes: PollTime[]): NodeSpec => ({
	name,
	type: OUTLOOK_TRIGGER,
	typeVersion: 1,
	parameters: { pollTimes: { item: pollTimes }, ...parameters },
	credentials: withCredential,
});

/** The instant trigger: a webhook node, so it gets a webhookId as the editor gives every webhook node. */
export const outlookInstantTrigger = (name: string, parameters: Record<string, unknown>, webhookId: string): NodeSpec => ({
	name,
	type: OUTLOOK_INSTANT_TRIGGER,
	typeVersion: 1,
	parameters,
	credentials: withCredential,
	webhookId,
});

/** The same workflow for n8n loading the package from N8N_CUSTOM_EXTENSIONS: the package's node types become `CUSTOM.<name>`. */
export function asCustomExtension(workflow: WorkflowJson): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith(PACKAGE_TYPE_PREFIX) ? { ...node, type: CUSTOM_TYPE_PREFIX + node.type.slice(PACKAGE_TYPE_PREFIX.length) } : node,
		),
	};
}

/** A resource locator value "By ID". */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The node after a trigger that tags each emitted message, in the mailbox its item names (`mailbox`), as a user builds it. */
export const tagInItsMailbox = (name: string, category: string): NodeSpec =>
	outlook(name, {
		resource: 'message',
		operation: 'update',
		mailbox: '={{ $json.mailbox }}',
		messageId: byId('={{ $json.id }}'),
		updateFields: { categories: category, categoriesMode: 'replace' },
	});
