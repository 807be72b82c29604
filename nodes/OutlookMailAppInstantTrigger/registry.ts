/**
 * Where the webhook finds the trigger it wakes up. n8n runs a node's `webhook()` once per request, in a context of
 * its own, and its `trigger()` once per activation, for as long as the workflow is active: the webhook hands what
 * Graph posted to the running trigger of the same workflow and node in this process, which owns the subscriptions
 * and the delta state, and does all the reading (after the webhook has answered Graph).
 */
import type { Notification } from './notifications';

export interface InstantTriggerListener {
	/** Takes notifications that reached the webhook; returns at once, the work is done later. */
	receive(notifications: Notification[]): void;
}

const listeners = new Map<string, InstantTriggerListener>();

/** The key of a node of a workflow. */
export const triggerKey = (workflowId: string | undefined, nodeId: string): string => `${workflowId ?? ''}\u0000${nodeId}`;

/** Makes `listener` the running trigger of `key`; returns the function that removes it again. */
export function listen(key: string, listener: InstantTriggerListener): () => void {
	listeners.set(key, listener);
	return () => {
		if (listeners.get(key) === listener) listeners.delete(key);
	};
}

export function listenerFor(key: string): InstantTriggerListener | undefined {
	return listeners.get(key);
}
