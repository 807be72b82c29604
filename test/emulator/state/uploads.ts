import { randomBytes } from 'node:crypto';

/**
 * Attachment upload sessions (createUploadSession): what each session will attach, the bytes received so far, and
 * the opaque token its URL carries. Content goes into one Buffer of the announced size, allocated on the first
 * chunk, so a 150 MB upload costs 150 MB and no per-byte JavaScript values.
 */

export interface UploadSession {
	id: string;
	/** The opaque `authtoken` of the session's URL: the only credential the upload URL accepts. */
	token: string;
	tenantId: string;
	userId: string;
	messageId: string;
	name: string;
	size: number;
	contentType: string | null;
	isInline: boolean;
	contentId: string | null;
	/** Emulator clock (ms) after which the URL is refused. */
	expiresAt: number;
	/** Bytes received, always a prefix of the file: the next expected byte. */
	received: number;
	content?: Buffer;
}

export type NewUploadSession = Omit<UploadSession, 'id' | 'token' | 'received' | 'content'>;

/** How long an upload URL stays valid. Graph documents an expiry, not its length; see README. */
export const UPLOAD_SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

export class UploadSessions {
	private sessions = new Map<string, UploadSession>();

	create(fields: NewUploadSession): UploadSession {
		const session: UploadSession = {
			...fields,
			id: `AAMkAG${randomBytes(33).toString('base64url')}`,
			token: `eyJ${randomBytes(96).toString('base64url')}`,
			received: 0,
		};
		this.sessions.set(session.id, session);
		return session;
	}

	get(id: string): UploadSession | undefined {
		return this.sessions.get(id);
	}

	/** Appends a chunk at `start` (which the caller has checked is the next expected byte). */
	write(session: UploadSession, start: number, chunk: Buffer): void {
		session.content ??= Buffer.alloc(session.size);
		chunk.copy(session.content, start);
		session.received = start + chunk.length;
	}

	delete(id: string): void {
		this.sessions.delete(id);
	}

	/** Sessions still open. */
	list(): readonly UploadSession[] {
		return [...this.sessions.values()];
	}

	clear(): void {
		this.sessions.clear();
	}
}
