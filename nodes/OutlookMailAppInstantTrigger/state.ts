/**
 * What the instant trigger keeps of its subscriptions in the workflow's static data, beside the delta state the
 * polling trigger's machinery keeps: the clientState secret, the webhook URL they post to, and each subscription
 * (id, mailbox, folder, expiry). Checked in full on every read; what does not pass is not used (the subscriptions
 * it named are found again on Graph by their webhook URL, and recreated).
 */
import type { IDataObject } from 'n8n-workflow';

import { isStorableId } from '../shared/mail/delta/state';
import type { TrackedSubscription } from './worker';

export const INSTANT_STATE_VERSION = 1;
const KEY = 'outlookMailAppInstant';
/** Mailboxes x folders a trigger may watch; Graph allows 1,000 subscriptions per mailbox, all apps together. */
export const MAX_SUBSCRIPTIONS = 5000;

export interface InstantState {
	version: number;
	clientState: string;
	notificationUrl: string;
	subscriptions: TrackedSubscription[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

function readSubscription(raw: unknown): TrackedSubscription | undefined {
	if (!isRecord(raw)) return undefined;
	const { id, mailbox, folder, expiresAt, renewedAt } = raw;
	if (!isStorableId(id) || !isText(mailbox, 512) || !isStorableId(folder)) return undefined;
	if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || typeof renewedAt !== 'number' || !Number.isFinite(renewedAt)) return undefined;
	return { id, mailbox, folder, expiresAt, renewedAt };
}

/** The stored state, or undefined when there is none or it cannot be used. */
export function readInstantState(staticData: IDataObject): InstantState | undefined {
	const raw: unknown = staticData[KEY];
	if (!isRecord(raw) || raw.version !== INSTANT_STATE_VERSION) return undefined;
	if (!isText(raw.clientState, 128) || !isText(raw.notificationUrl, 2048)) return undefined;
	if (!Array.isArray(raw.subscriptions) || raw.subscriptions.length > MAX_SUBSCRIPTIONS) return undefined;
	const subscriptions: TrackedSubscription[] = [];
	for (const entry of raw.subscriptions) {
		const subscription = readSubscription(entry);
		if (!subscription) return undefined;
		subscriptions.push(subscription);
	}
	return { version: INSTANT_STATE_VERSION, clientState: raw.clientState, notificationUrl: raw.notificationUrl, subscriptions };
}

export function writeInstantState(staticData: IDataObject, state: InstantState): void {
	staticData[KEY] = JSON.parse(JSON.stringify(state)) as IDataObject;
}

export function clearInstantState(staticData: IDataObject): void {
	delete staticData[KEY];
}
