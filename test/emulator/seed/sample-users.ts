import { createHash } from 'node:crypto';
import type { UserPurpose, UserSeed } from '../state/model';
import { seededRandom } from './random';

/**
 * Generated directory users for tests and benchmarks that need many mailboxes (store.addUsers): deterministic
 * ids, names and kinds of mailbox from a seed, so a run with the same options builds the same tenant.
 */

export interface AddUsersOptions {
	/** Seed of the PRNG that picks names and kinds; default 1. */
	seed?: number;
	/** Domain of the UPNs and addresses; default the tenant's first domain that is not `*.onmicrosoft.com`. */
	domain?: string;
	/** UPNs are `<prefix><number>@<domain>`, numbered on from the users the tenant has; default `user`. */
	prefix?: string;
	/**
	 * The share (0..1) of each kind of user; the rest are enabled users with a user mailbox. Shared, room and
	 * equipment mailboxes are disabled accounts, as Exchange creates them. Default: all 0.
	 */
	shares?: { withoutMailbox?: number; shared?: number; room?: number; equipment?: number; disabled?: number };
	/** Sample messages in each mailbox; default 0. */
	messagesPerMailbox?: number;
	/** A group (object id) the new users become direct members of. */
	group?: string;
}

const GIVEN = ['Ava', 'Ben', 'Chloe', 'Daniel', 'Ella', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jonas', 'Kai', 'Lena', 'Mila', 'Noah', 'Olivia', 'Paul', 'Rosa', 'Sami', 'Tara', 'Yusuf'];
const SURNAMES = ['Andersen', 'Becker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Huber', 'Ivanova', 'Jansen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Rossi', 'Schmidt', 'Tanaka', 'Weber'];
const LANGUAGES = ['en-US', 'en-US', 'en-US', 'en-GB', 'de-DE', 'fr-FR', 'nl-NL'];

/** A GUID derived from the inputs (version 4 and variant bits set), the same for the same inputs. */
export function derivedGuid(...parts: (string | number)[]): string {
	const hex = createHash('sha256').update(parts.join(':')).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Kind = 'user' | 'withoutMailbox' | 'shared' | 'room' | 'equipment' | 'disabled';

function kindOf(roll: number, shares: NonNullable<AddUsersOptions['shares']>): Kind {
	let edge = 0;
	for (const kind of ['withoutMailbox', 'shared', 'room', 'equipment', 'disabled'] as const) {
		edge += shares[kind] ?? 0;
		if (roll < edge) return kind;
	}
	return 'user';
}

export function generatedUsers(tenant: { id: string; domains: readonly string[] }, count: number, options: AddUsersOptions, start: number): UserSeed[] {
	const random = seededRandom(options.seed ?? 1);
	const domain = options.domain ?? tenant.domains.find((name) => !name.toLowerCase().endsWith('.onmicrosoft.com')) ?? tenant.domains[0];
	const prefix = options.prefix ?? 'user';
	const shares = options.shares ?? {};
	const seeds: UserSeed[] = [];
	for (let index = 0; index < count; index++) {
		const number = String(start + index + 1).padStart(5, '0');
		const kind = kindOf(random.next(), shares);
		const givenName = random.pick(GIVEN);
		const surname = random.pick(SURNAMES);
		const language = random.pick(LANGUAGES);
		const address = `${prefix}${number}@${domain}`;
		const purpose: UserPurpose = kind === 'shared' || kind === 'room' || kind === 'equipment' ? kind : 'user';
		const displayName =
			kind === 'shared' ? `Shared mailbox ${number}`
			: kind === 'room' ? `Room ${number}`
			: kind === 'equipment' ? `Equipment ${number}`
			: `${givenName} ${surname}`;
		seeds.push({
			id: derivedGuid(tenant.id, prefix, options.seed ?? 1, start + index),
			userPrincipalName: address,
			mail: kind === 'withoutMailbox' ? null : address,
			displayName,
			givenName: purpose === 'user' ? givenName : undefined,
			surname: purpose === 'user' ? surname : undefined,
			preferredLanguage: language,
			businessPhones: [],
			mobilePhone: null,
			accountEnabled: kind === 'user' || kind === 'withoutMailbox',
			mailbox: kind === 'withoutMailbox' ? null : { seed: (options.seed ?? 1) * 100_003 + start + index, messages: options.messagesPerMailbox ?? 0, purpose },
		});
	}
	return seeds;
}
