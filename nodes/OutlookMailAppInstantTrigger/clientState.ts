/**
 * The clientState secret of the trigger's subscriptions: Graph sends it back in every notification, and only
 * Graph and the trigger know it, so a notification without it did not come from Graph.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters, within Graph's 128. */
export function newClientState(): string {
	return randomBytes(32).toString('base64url');
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a notification's clientState is the trigger's, compared in constant time: both sides are hashed first, so
 * neither the time taken nor an early exit tells anything about the secret or its length.
 */
export function isOurClientState(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	return timingSafeEqual(digest(given), digest(expected));
}
