/**
 * Reading requests off the wire, shared by server.ts (HTTP requests) and batch.ts (the sub-requests of a `$batch`,
 * which must be read exactly as the same request sent on its own would be).
 */

/** Graph's Content-Type for JSON answers. */
export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface Target {
	/** The path part, undecoded. */
	rawPathname: string;
	/** Decoded path segments; a segment that decodes to something containing '/' stays one segment. */
	segments: string[];
	/** Decoded query parameters (the last value wins when a name repeats). */
	query: Record<string, string>;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Splits a request-target (`/v1.0/users/x/messages?$top=5`) into its decoded parts. */
export function parseTarget(rawUrl: string): Target {
	const queryAt = rawUrl.indexOf('?');
	const rawPathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
	const segments = rawPathname.split('/').slice(1).map(decodeSegment);
	const query = Object.fromEntries(new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)));
	return { rawPathname, segments, query };
}

export type Parsed = { ok: true; value: unknown } | { ok: false; text: string };

/** A body as handlers see it: JSON parsed, a form as an object, other text as a string, nothing as undefined. */
export function parseBody(buffer: Buffer, contentType: string): Parsed {
	if (buffer.length === 0) return { ok: true, value: undefined };
	const text = buffer.toString('utf8');
	if (/application\/x-www-form-urlencoded/i.test(contentType)) return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
	if (/json/i.test(contentType)) {
		try {
			return { ok: true, value: JSON.parse(text) as unknown };
		} catch {
			return { ok: false, text };
		}
	}
	return { ok: true, value: text };
}
