/**
 * What a mailbox tells senders through MailTips beyond its automatic replies (which come from its mailbox
 * settings): a full mailbox, restricted delivery, moderation, a custom tip, its size limit. Mailboxes start with
 * Exchange Online's defaults; tests change them with `emulator.store.mailTips.set(userId, {...})`.
 */

export interface MailboxTipState {
	mailboxFull: boolean;
	deliveryRestricted: boolean;
	isModerated: boolean;
	customMailTip: string;
	/** Bytes; Exchange Online's default maximum receive size is 36 MB. */
	maxMessageSize: number;
}

export const DEFAULT_MAX_MESSAGE_SIZE = 36 * 1024 * 1024;

const DEFAULTS: MailboxTipState = {
	mailboxFull: false,
	deliveryRestricted: false,
	isModerated: false,
	customMailTip: '',
	maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
};

export class MailTipStates {
	private readonly states = new Map<string, MailboxTipState>();

	get(userId: string): MailboxTipState {
		return { ...(this.states.get(userId.toLowerCase()) ?? DEFAULTS) };
	}

	set(userId: string, changes: Partial<MailboxTipState>): void {
		this.states.set(userId.toLowerCase(), { ...this.get(userId), ...changes });
	}
}
