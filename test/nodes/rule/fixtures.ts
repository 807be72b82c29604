import { SAMPLE, type Emulator, type RequestRecord } from '../../emulator';
import { mailboxUrl } from '../../helpers/outlook';

/** `/v1.0/users/{mailbox}/mailFolders/inbox/messageRules`, as the node addresses it. */
export const rulesUrl = (mailbox: string = SAMPLE.users.adele.userPrincipalName) => `${mailboxUrl(mailbox)}/mailFolders/inbox/messageRules`;

/** The Graph request bodies of `method` (not token or upload requests). */
export const graphBodies = (emulator: Emulator, method: string): unknown[] =>
	emulator.requests.filter((request: RequestRecord) => request.kind === 'graph' && request.method === method).map((request) => request.body);

/** A rule stored as Graph would have it: moving mail from a sender to a folder. */
export function addRule(emulator: Emulator, userId: string, displayName: string, sequence = 1, isEnabled = true) {
	return emulator.store.rules.add(userId, {
		displayName,
		sequence,
		isEnabled,
		isReadOnly: false,
		conditions: { senderContains: ['NORTHWIND'] },
		actions: { markAsRead: true },
	});
}
