import { createHash } from 'node:crypto';

/**
 * Exchange-style item ids: long URL-safe base64 strings starting with `AAMkAG`, like the ids Graph returns for
 * messages and folders. The emulator can tell a malformed id (Graph: 400 ErrorInvalidIdMalformed) from a
 * well-formed id that names nothing (Graph: 404 ErrorItemNotFound), so both answers can be tested.
 */
export type ItemKind = 'folder' | 'message' | 'attachment';

const PREFIX = 'AAMkAG';
const VERSION = 1;
const BODY_BYTES = 104; // 140 base64 characters, ending in one '=' as real ids often do
const KIND_BYTE: Record<ItemKind, number> = { folder: 1, message: 2, attachment: 3 };

export interface ParsedId {
	kind: ItemKind;
	/** The mailbox (user id, GUID) the item belongs to. */
	mailboxId: string;
	serial: number;
}

const toUrlSafe = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_');
const fromUrlSafe = (value: string): string => value.replace(/-/g, '+').replace(/_/g, '/');

export function makeItemId(kind: ItemKind, mailboxId: string, serial: number): string {
	const body = Buffer.alloc(BODY_BYTES);
	body[0] = VERSION;
	body[1] = KIND_BYTE[kind];
	Buffer.from(mailboxId.replace(/-/g, ''), 'hex').copy(body, 2, 0, 16);
	body.writeUInt32BE(serial, 18);
	const filler = createHash('sha512').update(`${kind}:${mailboxId}:${serial}`).digest();
	filler.copy(body, 22, 0, BODY_BYTES - 22);
	return PREFIX + toUrlSafe(body.toString('base64'));
}

/** The parts of an id the emulator made, or undefined when the value cannot be an Exchange id at all. */
export function parseItemId(value: string): ParsedId | undefined {
	if (!value.startsWith(PREFIX)) return undefined;
	const encoded = value.slice(PREFIX.length);
	if (!/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) return undefined;
	const body = Buffer.from(fromUrlSafe(encoded), 'base64');
	if (body.length !== BODY_BYTES || toUrlSafe(body.toString('base64')) !== encoded || body[0] !== VERSION) {
		return undefined;
	}
	const kind = (Object.keys(KIND_BYTE) as ItemKind[]).find((name) => KIND_BYTE[name] === body[1]);
	if (!kind) return undefined;
	const hex = body.subarray(2, 18).toString('hex');
	const mailboxId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	return { kind, mailboxId, serial: body.readUInt32BE(18) };
}

/** A changeKey / etag value that changes with every version of an item. */
export function makeChangeKey(id: string, version: number): string {
	return `CQAAABYAAAA${createHash('sha256').update(`${id}:${version}`).digest('base64').slice(0, 30).replace(/\//g, 'x').replace(/\+/g, 'y')}`;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
