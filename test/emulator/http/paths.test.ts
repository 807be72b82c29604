import { request as httpRequest } from 'node:http';
import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, graph, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

/** Sends the request-target exactly as given: fetch would resolve dot segments first. */
function raw(target: string): Promise<{ status: number; body: GraphErrorBody }> {
	return new Promise((resolve, reject) => {
		const url = new URL(emulator.baseUrl);
		const outgoing = httpRequest({ host: url.hostname, port: url.port, path: target, method: 'GET', headers: { Authorization: `Bearer ${token}` } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as GraphErrorBody }));
		});
		outgoing.on('error', reject);
		outgoing.end();
	});
}

const upn = encodeURIComponent(SAMPLE.users.adele.userPrincipalName);

describe('request paths', () => {
	it('keeps an encoded slash inside one segment: x%2F..%2Fy is just a malformed id', async () => {
		const target = `/v1.0/users/${upn}/messages/x%2F..%2Fy`;
		const answer = await graph(emulator, target, { token });
		expect(answer.status).toBe(400);
		expect((answer.body as GraphErrorBody).error.code).toBe('ErrorInvalidIdMalformed');
		const record = emulator.requests.find((request) => request.kind === 'graph');
		expect(record?.rawUrl).toBe(target);
		expect(record?.path).toBe(`/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/messages/x/../y`);
	});

	it('does not resolve dot segments: messages/.. sent raw reaches no other resource', async () => {
		const target = `/v1.0/users/${upn}/messages/../mailFolders`;
		const answer = await raw(target);
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('BadRequest');
		expect(emulator.requests.at(-1)?.rawUrl).toBe(target);
	});

	it('treats an encoded dot-dot segment as a message id', async () => {
		const answer = await raw(`/v1.0/users/${upn}/messages/%2E%2E`);
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('ErrorInvalidIdMalformed');
		expect(emulator.requests.at(-1)?.path).toBe(`/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/messages/..`);
	});

	it.each(['%3F%24top%3D1', '%00', 'AAMkAG%20%27%27', '%25%32%46'])('answers ErrorInvalidIdMalformed for the hostile id %s', async (id) => {
		const answer = await graph(emulator, `/v1.0/users/${upn}/messages/${id}`, { token });
		expect(answer.status).toBe(400);
		expect((answer.body as GraphErrorBody).error.code).toBe('ErrorInvalidIdMalformed');
		expect(emulator.requests.at(-1)?.rawUrl).toBe(`/v1.0/users/${upn}/messages/${id}`);
	});

	it('decodes an encoded user principal name and matches path words case-insensitively', async () => {
		expect((await graph(emulator, `/v1.0/Users/${upn}/MailFolders/INBOX`, { token })).status).toBe(200);
	});

	it('answers 400 for a path Graph does not have', async () => {
		const answer = await graph(emulator, `/v1.0/users/${upn}/nothing`, { token });
		expect(answer.status).toBe(400);
		expect((answer.body as GraphErrorBody).error.message).toBe("Resource not found for the segment 'nothing'.");
	});
});
