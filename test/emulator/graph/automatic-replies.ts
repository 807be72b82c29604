import type { Resource } from './resources';
import { instantOf } from './time-zones';
import type { MailboxSettings } from '../state/model';
import type { Store, User } from '../state/store';

/**
 * A mailbox's automatic replies (its mailbox settings' automaticRepliesSetting): whether they are on at an instant,
 * the reply a sender gets (internal, or external by the external audience), and the MailTip Outlook shows.
 */

type Setting = MailboxSettings['automaticRepliesSetting'];

/** On: always, or scheduled with now in [start, end). */
export function repliesOn(setting: Setting, now: number): boolean {
	if (setting.status === 'alwaysEnabled') return true;
	if (setting.status !== 'scheduled') return false;
	const start = instantOf(setting.scheduledStartDateTime.dateTime, setting.scheduledStartDateTime.timeZone);
	const end = instantOf(setting.scheduledEndDateTime.dateTime, setting.scheduledEndDateTime.timeZone);
	return start !== undefined && end !== undefined && start <= now && now < end;
}

/**
 * The reply text a sender gets while replies are on: the internal one for a sender of the mailbox's organisation,
 * the external one for others when the external audience is `all` (the emulator keeps no contacts, so
 * `contactsOnly` answers nobody outside); undefined when no reply goes out.
 */
export function replyFor(setting: Setting, internalSender: boolean): string | undefined {
	if (internalSender) return setting.internalReplyMessage;
	return setting.externalAudience === 'all' ? setting.externalReplyMessage : undefined;
}

/** The automaticReplies MailTip for a sender of the mailbox's organisation: `{message: ''}` when replies are off. */
export function automaticRepliesTip(store: Store, recipient: User, now: number): Resource {
	const settings = store.mailboxSettings(recipient.id);
	const setting = settings.automaticRepliesSetting;
	if (!repliesOn(setting, now)) return { message: '' };
	return {
		message: setting.internalReplyMessage,
		messageLanguage: structuredClone(settings.language),
		...(setting.status === 'scheduled'
			? { scheduledStartTime: structuredClone(setting.scheduledStartDateTime), scheduledEndTime: structuredClone(setting.scheduledEndDateTime) }
			: {}),
	};
}
