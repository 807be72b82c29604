/**
 * Runs the Outlook Mail (App) node through n8n's engine against the emulator.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OutlookMailApp } from '../../nodes/OutlookMailApp/OutlookMailApp.node';
import { useGraphRuntime } from '../../nodes/shared/graph/runtime';
import { clearTokenCache } from '../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator, type EmulatorOptions, type RequestRecord } from '../emulator';
import { createVirtualClock, type VirtualClock } from './clock';
import { linearWorkflow, runWorkflow, type WorkflowResult } from './n8n';

export function emulatorCredential(
	emulator: Pick<Emulator, 'tokenUrl' | 'graphBaseUrl'>,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		tokenUrl: emulator.tokenUrl(SAMPLE.tenantId),
		authentication: 'clientSecret',
		clientId: SAMPLE.apps.full.clientId,
		clientSecret: SAMPLE.apps.full.secret,
		scope: 'https://graph.microsoft.com/.default',
		defaultUserId: SAMPLE.users.adele.userPrincipalName,
		graphEndpoint: 'custom',
		customGraphBaseUrl: emulator.graphBaseUrl,
		retryMode: 'RetryWhenStatusCodeMatch',
		retryStatusCodeList: '429|503',
		retryCountMax: 5,
		retryMultiplyWaitTime: true,
		...overrides,
	};
}

export interface OutlookRun {
	result: WorkflowResult;
	/** The node's output items. */
	items: INodeExecutionData[];
	/** Graph requests (not token, not upload) as "METHOD rawUrl". */
	graphCalls: string[];
	/** The error the node stopped with, if any. */
	error?: Error;
}

/**
 * Runs one Outlook Mail (App) node with these parameters over these input items. Items may carry binary
 * data as `{ json, binary: { data: { data: base64, mimeType, fileName } } }` via `inputBinary`.
 */
export async function runOutlook(
	emulator: Emulator,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; credential?: ICredentialDataDecryptedObject; before?: string; keepRequests?: boolean } = {},
): Promise<OutlookRun> {
	if (!options.keepRequests) emulator.clearRequests();
	const run = await runOutlookNode(options.credential ?? emulatorCredential(emulator), parameters, items, options);
	return { ...run, graphCalls: graphCalls(emulator.requests) };
}

/** The node run of runOutlook, with a credential for any Graph (an emulator on another thread, for the bench). */
export async function runOutlookNode(
	credential: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	items: IDataObject[],
	options: { continueOnFail?: boolean } = {},
): Promise<Omit<OutlookRun, 'graphCalls'>> {
	const workflow = linearWorkflow(items, [
		{ name: 'Outlook', type: 'outlookMailApp', parameters, continueOnFail: options.continueOnFail },
	]);
	const result = await runWorkflow(workflow, {
		nodeTypes: { outlookMailApp: new OutlookMailApp() },
		credentials: { outlookMailAppApi: credential },
	});
	return { result, items: result.output('Outlook'), error: result.error('Outlook') };
}

export function graphCalls(requests: RequestRecord[]): string[] {
	return requests.filter((request) => request.kind === 'graph').map((request) => `${request.method} ${request.rawUrl}`);
}

/** `/v1.0/users/<encoded mailbox>`, as the node addresses a mailbox. */
export function mailboxUrl(mailbox: string = SAMPLE.users.adele.userPrincipalName): string {
	return `/v1.0/users/${encodeURIComponent(mailbox)}`;
}

export interface UseEmulatorOptions {
	/**
	 * Run the emulator and the Graph client on one virtual clock (`createVirtualClock`, started at the real time):
	 * Retry-After, throttle gates and the emulator's latencies pass at once, and the emulator's timestamps show
	 * the waits as if they had been waited.
	 */
	virtualClock?: boolean | VirtualClock;
	/** More emulator options (its clock comes from `virtualClock`). */
	emulator?: Omit<EmulatorOptions, 'now' | 'sleep'>;
}

/**
 * One emulator for a test file: started before its tests and closed after them. Before each test the store
 * goes back to its seed, and the process-wide token cache and mailbox lanes start empty, so every test starts
 * from the same state. Returns the emulator (once started); `onStart` receives it too.
 */
export function useEmulator(onStart?: (emulator: Emulator) => void, options: UseEmulatorOptions = {}): () => Emulator {
	let emulator: Emulator | undefined;
	let restoreRuntime: (() => void) | undefined;
	const clock: VirtualClock | undefined =
		typeof options.virtualClock === 'object' ? options.virtualClock : options.virtualClock ? createVirtualClock(new Date().toISOString()) : undefined;
	beforeAll(async () => {
		emulator = await startEmulator({ ...options.emulator, ...(clock ? { now: clock.now, sleep: clock.sleep } : {}) });
		onStart?.(emulator);
	});
	afterAll(async () => await emulator?.close());
	beforeEach(() => {
		clearTokenCache();
		restoreRuntime = useGraphRuntime(clock);
		emulator?.reset();
	});
	afterEach(() => restoreRuntime?.());
	return () => {
		if (!emulator) throw new Error('emulator not started');
		return emulator;
	};
}
