import { deliveredMessage, iso, messageSize } from './compose';
import { applyInboxRules } from './inbox-rules';
import type { Services } from '../http/context';
import type { MessageData, StoredAttachment } from '../state/model';
import type { User } from '../state/store';
import type { TraceEvent, TraceRow } from '../state/traces';

/**
 * Exchange's transport for a message that was submitted (sendMail, send, reply, replyAll, forward, or an Inbox
 * rule's forward or redirect): a copy into the Inbox of every recipient that is a mailbox of the emulator, where
 * that mailbox's Inbox rules run on it, and a message trace row per recipient.
 */

export interface Submission {
	/** The mailbox that submitted the message. */
	sender: User;
	/** The message as it left (sentMessage of compose.ts). */
	sent: MessageData;
	attachments: readonly StoredAttachment[];
}

export interface DeliveryOptions {
	/**
	 * Run the recipients' Inbox rules on their copies (default true). A rule's own forward or redirect is delivered
	 * with rules off, so two mailboxes forwarding to each other cannot loop.
	 */
	runRules?: boolean;
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The datacenter host name Exchange writes in trace events; stable per mailbox. */
const serverOf = (userId: string): string => `${userId.replace(/-/g, '').slice(0, 8).toUpperCase()}.namprd00.prod.outlook.com`;

function event(dateTime: string, name: string, description: string): TraceEvent {
	return { dateTime, event: name, action: '', description, data: '' };
}

export function deliver(services: Services, submission: Submission, options: DeliveryOptions = {}): void {
	const { store } = services;
	const { sender, sent, attachments } = submission;
	const now = services.now();
	const at = iso(now);
	const delivered = deliveredMessage(sent, now);
	const traceId = store.traces.newTraceId(sent.internetMessageId);
	const size = messageSize(sent, attachments);
	const senderAddress = (sent.from ?? sent.sender)?.emailAddress.address ?? sender.mail ?? sender.userPrincipalName;
	const senderDomains = new Set((store.findTenant(sender.tenantId)?.domains ?? []).map((domain) => domain.toLowerCase()));
	const reached = new Set<string>();
	const traced = new Set<string>();
	const received = event(at, 'Receive', `Message received by: ${serverOf(sender.id)}`);
	for (const recipient of [...sent.toRecipients, ...sent.ccRecipients, ...sent.bccRecipients]) {
		const address = recipient.emailAddress.address;
		if (traced.has(address.toLowerCase())) continue;
		traced.add(address.toLowerCase());
		const mailbox = store.userByAddress(address);
		const row: TraceRow = {
			id: traceId,
			senderAddress,
			recipientAddress: address,
			messageId: sent.internetMessageId,
			receivedDateTime: at,
			subject: sent.subject,
			size,
			fromIP: '',
			toIP: '',
			status: 'delivered',
			tenantIds: [sender.tenantId],
			events: [received],
		};
		if (mailbox) {
			if (!row.tenantIds.includes(mailbox.tenantId)) row.tenantIds.push(mailbox.tenantId);
			row.events = [received, event(at, 'Deliver', 'The message was successfully delivered.')];
			if (!reached.has(mailbox.id)) {
				reached.add(mailbox.id);
				const copy = store.createMessage(mailbox.id, 'inbox', delivered, attachments);
				if (options.runRules !== false) {
					applyInboxRules(services, mailbox, copy, (forward) => deliver(services, forward, { runRules: false }));
				}
			}
		} else if (senderDomains.has(domainOf(address))) {
			// An address of the sender's own domains that no mailbox has: Exchange fails it (no NDR is emulated).
			row.status = 'failed';
			row.events = [received, event(at, 'Fail', `The recipient '${address}' wasn't found in the organization.`)];
		} else {
			row.events = [received, event(at, 'Send external', `The message was sent to the mail server of ${domainOf(address)}.`)];
		}
		store.traces.add(row);
	}
}
