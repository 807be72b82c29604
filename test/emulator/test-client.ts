import type { Emulator } from './emulator';
import { SAMPLE } from './seed/sample-tenant';

/** Small fetch helpers for the emulator's own tests. */

export interface Answer {
	status: number;
	headers: Headers;
	body: unknown;
}

/** Shapes tests read answers as. */
export interface GraphCollection {
	'@odata.context': string;
	'@odata.nextLink'?: string;
	'@odata.count'?: number;
	value: Record<string, unknown>[];
}

export interface GraphErrorBody {
	error: { code: string; message: string; innerError: Record<string, string> };
}

export interface EntraErrorBody {
	error: string;
	error_description: string;
	error_codes: number[];
	trace_id: string;
	correlation_id: string;
}

/** The body read as the shape the test expects. */
export const as = <T>(answer: Answer): T => answer.body as T;

async function answer(response: Response): Promise<Answer> {
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text === '' ? undefined : (JSON.parse(text) as unknown);
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, headers: response.headers, body };
}

export async function requestToken(emulator: Emulator, form: Record<string, string>, tenant?: string): Promise<Answer> {
	const response = await fetch(emulator.tokenUrl(tenant), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	return await answer(response);
}

type App = { clientId: string; secret: string };

export const secretForm = (app: App = SAMPLE.apps.full): Record<string, string> => ({
	grant_type: 'client_credentials',
	client_id: app.clientId,
	client_secret: app.secret,
	scope: 'https://graph.microsoft.com/.default',
});

/** An access token for the app (default: SAMPLE.apps.full). */
export async function accessToken(emulator: Emulator, app: App = SAMPLE.apps.full): Promise<string> {
	const { status, body } = await requestToken(emulator, secretForm(app));
	if (status !== 200) throw new Error(`token request failed: ${JSON.stringify(body)}`);
	return (body as { access_token: string }).access_token;
}

export interface GraphInit {
	method?: string;
	token?: string | null;
	body?: unknown;
	headers?: Record<string, string>;
}

/** A Graph request; `path` is sent as is after the base URL (so it may hold hostile, pre-encoded segments). */
export async function graph(emulator: Emulator, path: string, init: GraphInit = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...(init.headers ?? {}) };
	if (init.token) headers.Authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['Content-Type'] = 'application/json';
	const url = path.startsWith('http') ? path : `${emulator.graphBaseUrl}${path}`;
	const response = await fetch(url, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
	});
	return await answer(response);
}

/** `/v1.0/users/{upn}` for a sample user, encoded as a client should. */
export const userPath = (user: { userPrincipalName: string } = SAMPLE.users.adele): string =>
	`/v1.0/users/${encodeURIComponent(user.userPrincipalName)}`;

/** A settable clock for tests. */
export function testClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
	let current = start;
	return {
		now: () => current,
		advance: (ms) => {
			current += ms;
		},
		set: (ms) => {
			current = ms;
		},
	};
}

/** A request with a raw body (upload chunks); no Authorization header unless given. */
export async function rawRequest(url: string, init: { method: string; body?: Buffer; headers?: Record<string, string> }): Promise<Answer> {
	const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body });
	return await answer(response);
}

/** The mailbox's messages in a folder, by well-known name or id. */
export const folderMessages = (emulator: Emulator, userId: string, folder: string) =>
	emulator.store.messages(userId, emulator.store.folder(userId, folder).id);

/** A delta page as tests read it. */
export interface DeltaPage {
	'@odata.context': string;
	'@odata.nextLink'?: string;
	'@odata.deltaLink'?: string;
	value: Record<string, unknown>[];
}

export interface BatchRequestEntry {
	id: string;
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	dependsOn?: string[];
}

export interface BatchAnswer {
	responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[];
}

/** POST /v1.0/$batch with these requests. */
export const batch = (emulator: Emulator, token: string, requests: unknown[]): Promise<Answer> =>
	graph(emulator, '/v1.0/$batch', { method: 'POST', token, body: { requests } });

/** The response of sub-request `id` in a batch answer. */
export function responseOf(answer: Answer, id: string): BatchAnswer['responses'][number] {
	const found = as<BatchAnswer>(answer).responses.find((response) => response.id === id);
	if (!found) throw new Error(`no response for sub-request ${id}`);
	return found;
}
