/**
 * Which senders a mailbox has already answered with an automatic reply: Exchange replies once per sender while the
 * replies stay on (a new schedule, or turning them off and on, starts over).
 */
export class AutomaticReplyLog {
	private readonly answered = new Set<string>();

	/** True the first time for this mailbox, period and sender (the address compared without case), false after. */
	firstTime(mailboxId: string, period: string, sender: string): boolean {
		const key = `${mailboxId.toLowerCase()}|${period}|${sender.toLowerCase()}`;
		if (this.answered.has(key)) return false;
		this.answered.add(key);
		return true;
	}
}
