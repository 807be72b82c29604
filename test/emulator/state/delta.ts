import { randomBytes } from 'node:crypto';
import type { StoredMessage } from './model';
import { seededRandom, type Random } from '../seed/random';

/**
 * Server-side state of delta queries for messages. A round starts from nothing (every message of the folder that
 * matches the round's filter) or from a delta token (what changed since the round that issued it), and its list of
 * changes is fixed when it starts: its pages are slices of that list, reached by skip tokens, and its last page
 * carries a delta token holding the folder as the round saw it when it started. So a change made while a client
 * pages through a round shows up in the next round, and nothing is lost or invented between rounds.
 *
 * Tokens are opaque random strings naming entries here, never data a client could read or forge. The query
 * options of a round's first call travel inside them. Expired or unknown tokens are SyncStateNotFoundError
 * (Graph's 410 Gone, SyncStateNotFound).
 */

/** What a round of delta calls tracks: one folder of one mailbox, with the options of the round's first call. */
export interface DeltaQuery {
	userId: string;
	folderId: string;
	select?: string[];
	expand?: string[];
	/** `$filter=receivedDateTime ge|gt <instant>`. */
	receivedSince?: { inclusive: boolean; at: number };
	/** The custom query option changeType: later rounds report only this kind of change. */
	changeType?: 'created' | 'updated' | 'deleted';
	/** `$orderby=receivedDateTime desc` was asked for. */
	newestFirst: boolean;
}

/** Message id -> version, of the messages a client has been told about. */
export type Snapshot = ReadonlyMap<string, number>;

export interface DeltaEntry {
	id: string;
	/** Left the folder (deleted or moved out) since the previous round. */
	removed: boolean;
}

export interface DeltaRound {
	query: DeltaQuery;
	/** The changes this round reports, in page order. */
	entries: readonly DeltaEntry[];
	/** The folder (id -> version) when the round started: the baseline of the next round. */
	snapshot: Snapshot;
}

/** Graph's 410 SyncStateNotFound: the token expired, was never issued, or is of the other kind. */
export class SyncStateNotFoundError extends Error {
	constructor(
		readonly generation: number,
		readonly highest: number,
	) {
		super(`sync state generation ${generation} not found (highest ${highest})`);
		this.name = 'SyncStateNotFoundError';
	}
}

type TokenState =
	| { kind: 'skip'; generation: number; round: DeltaRound; offset: number }
	| { kind: 'delta'; generation: number; query: DeltaQuery; snapshot: Snapshot };

export type TokenKind = TokenState['kind'];

/** The mailbox (user id) and folder id a token must belong to. */
export interface TokenScope {
	userId: string;
	folderId: string;
}

export class DeltaTokens {
	private tokens = new Map<string, TokenState>();
	/** Expired tokens and their generation, for the error message. */
	private expired = new Map<string, number>();
	private generation = 0;
	private random: Random;

	/**
	 * `replayChance`: in rounds after the first, each unchanged message comes back again with this chance (Exchange
	 * sometimes replays items), drawn from a PRNG seeded with `seed`.
	 */
	constructor(
		private readonly replayChance = 0,
		private readonly seed = 1,
	) {
		this.random = seededRandom(seed);
	}

	/**
	 * A new round over `messages` (the folder's messages in the query's scope, in the order pages list them):
	 * every one of them when `since` is absent, else what changed since that snapshot.
	 */
	startRound(query: DeltaQuery, messages: readonly StoredMessage[], since?: Snapshot): DeltaRound {
		const snapshot = new Map(messages.map((message) => [message.id, message.version]));
		if (!since) return { query, entries: messages.map(({ id }) => ({ id, removed: false })), snapshot };
		const wanted = (type: NonNullable<DeltaQuery['changeType']>) => query.changeType === undefined || query.changeType === type;
		const entries: DeltaEntry[] = [];
		if (wanted('deleted')) for (const id of since.keys()) if (!snapshot.has(id)) entries.push({ id, removed: true });
		for (const message of messages) {
			const before = since.get(message.id);
			const changed =
				before === undefined ? wanted('created')
				: before !== message.version ? wanted('updated')
				: this.replayChance > 0 && this.random.chance(this.replayChance);
			if (changed) entries.push({ id: message.id, removed: false });
		}
		return { query, entries, snapshot };
	}

	/** A token for the page of `round` that starts at `offset`. */
	skipToken(round: DeltaRound, offset: number): string {
		return this.issue({ kind: 'skip', generation: ++this.generation, round, offset });
	}

	/** A token for the next round after `round`. */
	deltaToken(round: DeltaRound): string {
		return this.issue({ kind: 'delta', generation: ++this.generation, query: round.query, snapshot: round.snapshot });
	}

	/**
	 * The state behind a token of that kind for that folder; SyncStateNotFoundError when there is none (never
	 * issued, expired, of the other kind, or issued for another folder or mailbox).
	 */
	resolve(token: string, kind: 'skip', scope: TokenScope): Extract<TokenState, { kind: 'skip' }>;
	resolve(token: string, kind: 'delta', scope: TokenScope): Extract<TokenState, { kind: 'delta' }>;
	resolve(token: string, kind: TokenKind, scope: TokenScope): TokenState {
		const state = this.tokens.get(token);
		const query = state && (state.kind === 'skip' ? state.round.query : state.query);
		if (!state || state.kind !== kind || query?.userId !== scope.userId || query.folderId !== scope.folderId) {
			throw new SyncStateNotFoundError(state?.generation ?? this.expired.get(token) ?? 0, this.generation);
		}
		return state;
	}

	/** Forgets the tokens of one mailbox (by user id), or all; returns how many were live. */
	expire(userId?: string): number {
		let count = 0;
		for (const [token, state] of this.tokens) {
			const owner = state.kind === 'skip' ? state.round.query.userId : state.query.userId;
			if (userId !== undefined && owner !== userId.toLowerCase()) continue;
			this.tokens.delete(token);
			this.expired.set(token, state.generation);
			count++;
		}
		return count;
	}

	/** Every token forgotten, the replay PRNG back to its seed. */
	clear(): void {
		this.tokens.clear();
		this.expired.clear();
		this.random = seededRandom(this.seed);
	}

	private issue(state: TokenState): string {
		const token = randomBytes(24).toString('base64url');
		this.tokens.set(token, state);
		return token;
	}
}

/** Graph's text for SyncStateNotFound: the generation asked for, then the highest and the ones still kept. */
export function syncStateMessage(generation: number, highest: number): string {
	const kept = [highest, highest - 2, highest - 1].filter((value) => value > 0);
	return `The sync state generation is not found; generation=${generation};[highest=${highest}]${kept.map((value) => `[${value}]`).join('')}.`;
}
