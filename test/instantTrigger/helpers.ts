/**
 * What the instant trigger's integration tests share: an emulator on a virtual clock that posts to the trigger's
 * webhook over real HTTP, the trigger run through n8n-core's contexts, and waits on what happens in the background.
 */
import type { INodeParameters } from 'n8n-workflow';

import { OutlookMailAppInstantTrigger } from '../../nodes/OutlookMailAppInstantTrigger/OutlookMailAppInstantTrigger.node';
import { useGraphRuntime } from '../../nodes/shared/graph/runtime';
import { clearTokenCache } from '../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { createVirtualClock, type VirtualClock } from '../helpers/clock';
import { emulatorCredential } from '../helpers/outlook';
import { WebhookTriggerHarness } from '../helpers/webhookTrigger';
import { useN8nLog } from '../security/helpers/n8nLog';

export const adele = SAMPLE.users.adele.id;
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export let emulator: Emulator;
export let clock: VirtualClock;
let restoreRuntime: () => void;
export const harnesses: WebhookTriggerHarness[] = [];
export const log = useN8nLog();

export async function startWith(options: EmulatorOptions = {}): Promise<void> {
	clock = createVirtualClock('2026-03-02T09:00:00.000Z');
	emulator = await startEmulator({ now: clock.now, sleep: clock.sleep, ...options, notifications: { allowHttpLoopback: true, ...options.notifications } });
	restoreRuntime = useGraphRuntime(clock);
	clearTokenCache();
}

/** A new emulator (and clock) in place of the one started before. */
export async function restartWith(options: EmulatorOptions): Promise<void> {
	await emulator.close();
	restoreRuntime();
	await startWith(options);
}

afterEach(async () => {
	for (const harness of harnesses.splice(0)) await harness.close();
	restoreRuntime?.();
	await emulator?.close();
});

export async function trigger(parameters: INodeParameters = { folders: ['inbox'] }, extra: { webhookBaseUrl?: string } = {}): Promise<WebhookTriggerHarness> {
	const harness = new WebhookTriggerHarness({
		nodeType: new OutlookMailAppInstantTrigger(),
		typeName: 'outlookMailAppInstantTrigger',
		parameters,
		credential: emulatorCredential(emulator),
		...extra,
	});
	harnesses.push(harness);
	await harness.start();
	return harness;
}

let sequence = 0;
export function deliver(fields: Record<string, unknown> = {}, folder = 'inbox') {
	sequence++;
	return emulator.store.addMessage(adele, folder, { receivedDateTime: new Date(clock.now()).toISOString(), isRead: false, subject: `Order ${sequence}`, ...fields }, sequence);
}

/** Real-time wait for a condition the trigger reaches in the background. */
export async function until<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Waits until the emulator has posted everything due and the trigger has answered and settled (no more reads). */
export async function settle(harness: WebhookTriggerHarness): Promise<void> {
	let stable = 0;
	let last = -1;
	while (stable < 5) {
		await emulator.notifications.drain();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const count = emulator.requests.length + harness.executions.length;
		stable = count === last ? stable + 1 : 0;
		last = count;
	}
}

export const emittedIds = (harness: WebhookTriggerHarness) => harness.emittedItems().map((item) => String(item.json.id));
export const deltaReads = () => emulator.requests.filter((request) => request.kind === 'graph' && /\/messages\/delta$/.test(request.path));
export const subscriptionCalls = (method: string) =>
	emulator.requests.filter((request) => request.method === method && /^\/v1\.0\/subscriptions(\/|$)/.test(request.path));

