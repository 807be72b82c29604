/**
 * The two error shapes the emulator answers with. Handlers throw these; server.ts alone turns them into bytes:
 * Graph's `{"error":{"code","message","innerError"}}` envelope, or Entra's token-endpoint JSON.
 */

/** An error Microsoft Graph returns: HTTP status, Graph error code and message, optional extra headers. */
export class GraphError extends Error {
	readonly status: number;
	readonly code: string;
	readonly headers: Readonly<Record<string, string>>;

	constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.name = 'GraphError';
		this.status = status;
		this.code = code;
		this.headers = headers;
	}
}

/** An error Entra ID's token endpoint returns: HTTP status, OAuth `error`, AADSTS number and its text. */
export class EntraError extends Error {
	readonly status: number;
	readonly error: string;
	readonly aadsts: number;

	constructor(status: number, error: string, aadsts: number, text: string) {
		super(text);
		this.name = 'EntraError';
		this.status = status;
		this.error = error;
		this.aadsts = aadsts;
	}
}

/** Graph's 400 for a malformed request body, used by body and query validation alike. */
export const badRequest = (code: string, message: string): GraphError => new GraphError(400, code, message);
