/**
 * Links Graph hands back (`@odata.nextLink`, `@odata.deltaLink`, stored delta links) are followed only where the
 * request that got them was: on the Graph origin, so the token never leaves Graph, and under the same
 * `/v1.0/users/{mailbox}` (or, for a request outside any mailbox, the same collection), so a link can never lead
 * a request on one mailbox into another.
 */

export type LinkProblem = { ok: false; reason: 'notUrl' | 'otherOrigin' | 'otherScope'; host?: string };
export type LinkCheck = { ok: true; url: string } | LinkProblem;

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

function decoded(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

/** The mailbox a `users/{id}` segment (or Graph's key form `users('{id}')`) names, decoded; undefined for others. */
function mailboxOf(segments: string[]): string | undefined {
	const [users, id] = segments;
	if (users?.toLowerCase() === 'users' && id !== undefined) return decoded(id)?.toLowerCase();
	const keyed = /^users\('(.*)'\)$/i.exec(users ?? '');
	return keyed ? decoded(keyed[1])?.replace(/''/g, "'").toLowerCase() : undefined;
}

/**
 * Checks `link` against the request it came from: `requestPath` relative to `/v1.0` (as the client built it),
 * `graphBaseUrl` the origin the client talks to.
 */
export function checkLink(link: unknown, requestPath: string, graphBaseUrl: string, version = 'v1.0'): LinkCheck {
	let url: URL;
	try {
		url = new URL(String(link));
	} catch {
		return { ok: false, reason: 'notUrl' };
	}
	if (typeof link !== 'string' || !/^https?:$/.test(url.protocol)) return { ok: false, reason: 'notUrl' };
	if (url.origin !== new URL(graphBaseUrl).origin) return { ok: false, reason: 'otherOrigin', host: url.host };
	const [linkVersion, ...linkPath] = segmentsOf(url.pathname);
	const requested = segmentsOf(requestPath.split('?')[0]);
	if (linkVersion !== version) return { ok: false, reason: 'otherScope' };
	const mailbox = mailboxOf(requested);
	const same =
		mailbox !== undefined
			? mailboxOf(linkPath) === mailbox
			: linkPath.length === requested.length &&
				linkPath.every((segment, index) => decoded(segment)?.toLowerCase() === decoded(requested[index])?.toLowerCase());
	// Followed as given: Graph's tokens are opaque, and re-encoding them could change them.
	return same ? { ok: true, url: link } : { ok: false, reason: 'otherScope' };
}
