import type { Resource } from './resources';
import type { Store, User } from '../state/store';

/**
 * A mailbox's automatic replies as MailTips show them to a sender of its own organisation. The mailbox settings
 * model (GET /users/{id}/mailboxSettings) is another route's; until the store holds it, no mailbox has automatic
 * replies on and the tip is Graph's answer for that case, `{ message: '' }`.
 */
export function automaticRepliesTip(store: Store, recipient: User, now: number): Resource {
	void store;
	void recipient;
	void now;
	return { message: '' };
}
