import type { Store } from '../state/store';
import { seededRandom, type Random } from './random';

/**
 * Mail arriving in many mailboxes over time, for trigger tests and benchmarks: each `deliver(n)` puts n new
 * messages into mailboxes picked by a seeded PRNG (the same seed, the same spread), received at the emulator's
 * clock, each with a subject that names it (`[flow 17] ...`), so a test can check every one arrived once.
 */

export interface MailFlowOptions {
	/** User ids or UPNs of the mailboxes mail goes to. */
	mailboxes: readonly string[];
	/** Tenant the mailboxes are in; default the store's first tenant. */
	tenantId?: string;
	/** Default 1. */
	seed?: number;
	/** Folder (id or well-known name) the mail lands in; default `inbox`. */
	folder?: string;
	/** Start of each subject, before the number; default `[flow`. */
	tag?: string;
}

export interface DeliveredMail {
	/** 1, 2, 3 ... in delivery order, across every deliver() of this flow. */
	number: number;
	userId: string;
	messageId: string;
	internetMessageId: string;
	subject: string;
	receivedDateTime: string;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class MailFlow {
	/** Everything delivered so far, in order. */
	readonly delivered: DeliveredMail[] = [];
	private readonly random: Random;
	private readonly userIds: string[];

	constructor(
		private readonly store: Store,
		private readonly options: MailFlowOptions,
	) {
		if (options.mailboxes.length === 0) throw new Error('MailFlow: no mailboxes');
		this.random = seededRandom(options.seed ?? 1);
		const tenantId = options.tenantId ?? store.tenants()[0]?.id ?? '';
		this.userIds = options.mailboxes.map((mailbox) => store.user(tenantId, mailbox).id);
	}

	/** Delivers `count` messages now, each to a mailbox the PRNG picks. */
	deliver(count: number): DeliveredMail[] {
		const batch: DeliveredMail[] = [];
		const at = isoSeconds(this.store.now());
		for (let index = 0; index < count; index++) {
			const userId = this.random.pick(this.userIds);
			const number = this.delivered.length + 1;
			const message = this.store.addMessage(userId, this.options.folder ?? 'inbox', {}, this.random.int(1, 2 ** 31 - 1));
			message.subject = `${this.options.tag ?? '[flow'} ${number}] ${message.subject}`;
			message.receivedDateTime = message.sentDateTime = message.createdDateTime = message.lastModifiedDateTime = at;
			message.isRead = false;
			const mail: DeliveredMail = {
				number,
				userId,
				messageId: message.id,
				internetMessageId: message.internetMessageId,
				subject: message.subject,
				receivedDateTime: at,
			};
			this.delivered.push(mail);
			batch.push(mail);
		}
		return batch;
	}

	/** Delivers between `min` and `max` messages (drawn from the PRNG): one step of mail "over time". */
	deliverSome(min: number, max: number): DeliveredMail[] {
		return this.deliver(this.random.int(min, max));
	}

	/** How many messages each mailbox (user id) got so far. */
	countsByMailbox(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const mail of this.delivered) counts.set(mail.userId, (counts.get(mail.userId) ?? 0) + 1);
		return counts;
	}
}
