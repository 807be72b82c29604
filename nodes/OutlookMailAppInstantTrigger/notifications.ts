/**
 * What Graph posts to the webhook, read defensively: anyone can post to a webhook URL, so nothing in the body is
 * trusted, only picked apart. A notification names a subscription and carries its clientState; the trigger decides
 * elsewhere whether both are its own. It never uses the body's resource or message data beyond as a hint: every
 * change is confirmed with the folder's delta query.
 */

/** Graph batches notifications; more than this in one POST is not Graph's doing. */
export const MAX_NOTIFICATIONS_PER_POST = 1000;
const MAX_TEXT = 512;

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
const LIFECYCLE_EVENTS: readonly string[] = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];
const CHANGE_TYPES: readonly string[] = ['created', 'updated', 'deleted'];

export type Notification =
	| { kind: 'change'; subscriptionId: string; clientState: string | undefined; changeType: 'created' | 'updated' | 'deleted' }
	| { kind: 'lifecycle'; subscriptionId: string; clientState: string | undefined; lifecycleEvent: LifecycleEvent };

export interface ReadNotifications {
	notifications: Notification[];
	/** Entries that were not notifications at all (wrong shape), for the log. */
	unreadable: number;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT && /^[\x20-\x7e]+$/.test(value) ? value : undefined;

/** The notifications of one POST body (`{"value": [...]}`); anything else is unreadable. */
export function readNotifications(body: unknown): ReadNotifications {
	const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { value?: unknown }).value : undefined;
	if (!Array.isArray(value)) return { notifications: [], unreadable: 1 };
	const notifications: Notification[] = [];
	let unreadable = Math.max(0, value.length - MAX_NOTIFICATIONS_PER_POST);
	for (const entry of value.slice(0, MAX_NOTIFICATIONS_PER_POST)) {
		const record = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
		const subscriptionId = text(record?.subscriptionId);
		if (!record || !subscriptionId) {
			unreadable++;
			continue;
		}
		const clientState = text(record.clientState);
		if (typeof record.lifecycleEvent === 'string' && LIFECYCLE_EVENTS.includes(record.lifecycleEvent)) {
			notifications.push({ kind: 'lifecycle', subscriptionId, clientState, lifecycleEvent: record.lifecycleEvent as LifecycleEvent });
		} else if (typeof record.changeType === 'string' && CHANGE_TYPES.includes(record.changeType)) {
			notifications.push({ kind: 'change', subscriptionId, clientState, changeType: record.changeType as 'created' | 'updated' | 'deleted' });
		} else {
			unreadable++;
		}
	}
	return { notifications, unreadable };
}
