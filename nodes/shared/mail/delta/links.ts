/**
 * The links a trigger keeps (delta and next-page links of each watched folder): checked when Graph hands them
 * out and on every read of the stored state, so a link can only ever lead to the watched folder's delta.
 */
import { isIsoDateTime, MAX_LINK_LENGTH, type StateExpectation } from './state';

/** A decoded path segment, or undefined when it does not decode. */
function decodeSegment(encoded: string): string | undefined {
	try {
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}

/**
 * `/v1.0/users/{mailbox}/mailFolders/{folder}/messages/delta`, as the trigger builds it or as Graph writes it
 * (`users('{mailbox}')`, `mailfolders('{folder}')`, `messages/microsoft.graph.delta`).
 */
const DELTA_PATH =
	/^\/v1\.0\/users(?:\/([^/()']+)|\('([^/']+)'\))\/mailfolders(?:\/([^/()']+)|\('([^/']+)'\))\/messages\/(?:microsoft\.graph\.)?delta$/i;

/** Query options a delta link may carry: Graph's tokens, and the options of the trigger's first request. */
const DELTA_QUERY_OPTIONS = ['$deltatoken', '$skiptoken', '$select', '$filter', '$top', '$orderby', '$expand', 'changetype'];
const RECEIVED_FILTER = /^receivedDateTime (?:ge|gt) (\S+)$/;

/**
 * Why `link` may not be followed for this folder, or undefined when it may: it must be a URL on the Graph
 * origin, within the watched mailbox (its decoded segment compared case-insensitively) and this folder's delta,
 * with no credentials, fragment or query option the trigger never asks for, and a `$filter` only on a valid date.
 */
export function deltaLinkProblem(
	link: unknown,
	expected: Pick<StateExpectation, 'graphOrigin' | 'mailbox'> & { folder: string },
): string | undefined {
	if (typeof link !== 'string') return 'is not text';
	if (link.length > MAX_LINK_LENGTH) return `is longer than ${MAX_LINK_LENGTH} characters`;
	let url: URL;
	try {
		url = new URL(link);
	} catch {
		return 'is not a URL';
	}
	if (url.origin !== expected.graphOrigin) return "is on another origin than the credential's Graph endpoint";
	if (url.username || url.password || url.hash) return 'carries credentials or a fragment';
	const match = DELTA_PATH.exec(url.pathname);
	if (!match) return "is not a folder's message delta";
	const mailbox = decodeSegment(match[1] ?? match[2]);
	if (mailbox === undefined || mailbox.toLowerCase() !== expected.mailbox.toLowerCase()) return 'addresses another mailbox';
	const folder = decodeSegment(match[3] ?? match[4]);
	if (folder === undefined || folder.toLowerCase() !== expected.folder.toLowerCase()) return 'addresses another folder';
	for (const [key, value] of url.searchParams) {
		if (!DELTA_QUERY_OPTIONS.includes(key.toLowerCase())) return `has a query option the trigger never uses`;
		if (key.toLowerCase() === '$filter') {
			const received = RECEIVED_FILTER.exec(value);
			if (!received || !isIsoDateTime(received[1])) return 'has a $filter other than on a received date';
		}
	}
	return undefined;
}

