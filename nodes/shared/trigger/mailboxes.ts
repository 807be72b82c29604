/**
 * The mailboxes a poll watches: the default one, one, a list, or the members of a group (nested groups' members
 * included), the group read again at most every 15 minutes and its members kept in the watch between reads.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { GraphInputError, settle } from '../graph/errors';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { isMailboxKey, MAX_WATCHED_MAILBOXES, type WatchState } from '../mail/delta/watch';
import { listMailboxUsers } from '../mail/directory';
import type { TriggerSettings } from './settings';

/** A group's members are read again at most this often. */
export const GROUP_REREAD_MS = 15 * 60_000;

/** The group's members as last read, when they are of this group and recent enough. */
function cachedMembers(watch: WatchState, groupId: string, now: number): string[] | undefined {
	const group = watch.group;
	if (!group || group.id.toLowerCase() !== groupId.toLowerCase()) return undefined;
	const age = now - Date.parse(group.readAt);
	return age >= 0 && age < GROUP_REREAD_MS ? group.members : undefined;
}

/**
 * The mailboxes to watch in this poll. A group whose members cannot be read now is watched as last read (n8n's
 * log says so); with no earlier read, the poll fails.
 */
export async function watchedMailboxes(
	context: IPollFunctions,
	client: GraphClient,
	settings: TriggerSettings,
	watch: WatchState,
	now: number,
): Promise<string[]> {
	const mailboxes = settings.mailboxMode === 'group' ? await groupMembers(context, client, settings.groupId!, watch, now) : settings.mailboxes;
	if (mailboxes.length > MAX_WATCHED_MAILBOXES) {
		throw new GraphInputError('Mailbox', INPUT_TEXTS.tooManyMailboxes(mailboxes.length, MAX_WATCHED_MAILBOXES));
	}
	return mailboxes;
}

async function groupMembers(context: IPollFunctions, client: GraphClient, groupId: string, watch: WatchState, now: number): Promise<string[]> {
	const cached = cachedMembers(watch, groupId, now);
	if (cached) return cached;
	const listed = await settle(listMailboxUsers(client, { groupId }, { limit: MAX_WATCHED_MAILBOXES + 1 }));
	const users = listed instanceof Error ? listed : listed.users;
	if (users instanceof Error) {
		const previous = watch.group?.id.toLowerCase() === groupId.toLowerCase() ? watch.group.members : undefined;
		if (!previous) throw users;
		context.logger.warn(
			`Outlook Mail (App) Trigger "${context.getNode().name}": the members of group "${groupId}" could not be read (${client.redact(users).message}); the ${previous.length} mailboxes read before are watched.`,
			{ workflowId: context.getWorkflow().id, nodeName: context.getNode().name },
		);
		return previous;
	}
	const members = users.map((user) => user.id).filter(isMailboxKey);
	if (members.length > MAX_WATCHED_MAILBOXES) {
		throw new GraphInputError('Group ID', INPUT_TEXTS.tooManyMailboxes(members.length, MAX_WATCHED_MAILBOXES));
	}
	watch.group = { id: groupId, readAt: new Date(now).toISOString(), members };
	return members;
}
