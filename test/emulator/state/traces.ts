import { createHash } from 'node:crypto';

/**
 * Message trace: what Exchange Online's transport recorded about the mail the emulator actually sent (sendMail, a
 * draft's send, reply, replyAll, forward, and forwards or redirects by Inbox rules). One row per message and
 * recipient, as `exchangeMessageTrace` is; the rows of one message share its trace id, and each row carries the
 * events `getDetailsByRecipient` answers. A row is visible to the sender's tenant and to the recipient's.
 */

export type TraceStatus = 'gettingStatus' | 'pending' | 'failed' | 'delivered' | 'expanded' | 'quarantined' | 'filteredAsSpam';

export interface TraceEvent {
	dateTime: string;
	event: string;
	action: string;
	description: string;
	data: string;
}

export interface TraceRow {
	/** The message's trace id (a GUID), shared by its rows. */
	id: string;
	senderAddress: string;
	recipientAddress: string;
	messageId: string;
	receivedDateTime: string;
	subject: string;
	size: number;
	fromIP: string;
	toIP: string;
	status: TraceStatus;
	/** Tenants (ids, lower case) whose message trace shows the row. */
	tenantIds: string[];
	events: TraceEvent[];
}

export class MessageTraces {
	/** Rows with the order they were recorded in: by message (its trace id's serial), then by recipient. */
	private rows: { row: TraceRow; message: number; index: number }[] = [];
	private readonly messageSerials = new Map<string, number>();
	private serial = 0;
	private readonly calls = new Map<string, number[]>();

	/**
	 * Counts a request to the message trace APIs of a tenant against their limit (`limit` requests per `windowMs`):
	 * 0 when admitted, else the milliseconds until one more would be.
	 */
	admit(tenantId: string, now: number, limit: number, windowMs: number): number {
		const key = tenantId.toLowerCase();
		const recent = (this.calls.get(key) ?? []).filter((at) => at > now - windowMs);
		this.calls.set(key, recent);
		if (recent.length >= limit) return recent[0] + windowMs - now;
		recent.push(now);
		return 0;
	}

	/** A new trace id, one per message sent. */
	newTraceId(seed: string): string {
		const hex = createHash('sha256').update(`trace:${seed}:${++this.serial}`).digest('hex');
		const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
		this.messageSerials.set(id, this.serial);
		return id;
	}

	add(row: TraceRow): void {
		this.rows.push({ row: structuredClone(row), message: this.messageSerials.get(row.id) ?? 0, index: this.rows.length });
	}

	/** The rows a tenant sees, newest first (as Exchange lists them); of the same second, the last message first,
	 * its recipients in order. */
	forTenant(tenantId: string): TraceRow[] {
		const key = tenantId.toLowerCase();
		return this.rows
			.filter(({ row }) => row.tenantIds.includes(key))
			.sort((a, b) => Date.parse(b.row.receivedDateTime) - Date.parse(a.row.receivedDateTime) || b.message - a.message || a.index - b.index)
			.map(({ row }) => row);
	}
}
