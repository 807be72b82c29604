import { randomBytes } from 'node:crypto';
import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, rawRequest, testClock, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const START = Date.UTC(2025, 3, 1, 8, 0, 0);
const clock = testClock(START);
const adele = SAMPLE.users.adele.id;
const MB = 1024 * 1024;
const CHUNK = 4 * MB;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => {
	emulator.reset();
	clock.set(START);
});

interface Session {
	'@odata.context': string;
	uploadUrl: string;
	expirationDateTime: string;
	nextExpectedRanges: string[];
}

async function draft(): Promise<string> {
	const answer = await graph(emulator, `${userPath()}/messages`, { token, method: 'POST', body: { subject: 'Large attachment' } });
	return (answer.body as { id: string }).id;
}

async function session(messageId: string, size: number, name = 'video.mp4'): Promise<Session> {
	const answer = await graph(emulator, `${userPath()}/messages/${messageId}/attachments/createUploadSession`, {
		token,
		method: 'POST',
		body: { AttachmentItem: { attachmentType: 'file', name, size } },
	});
	expect(answer.status).toBe(201);
	return answer.body as Session;
}

const put = (url: string, content: Buffer, start: number, total: number, headers: Record<string, string> = {}) =>
	rawRequest(url, {
		method: 'PUT',
		body: content,
		headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${start}-${start + content.length - 1}/${total}`, ...headers },
	});

const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;

describe('upload sessions', () => {
	it('createUploadSession answers 201 with an uploadUrl on another origin, its expiry, and nextExpectedRanges ["0-"]', async () => {
		const id = await draft();
		const created = await session(id, 5 * MB);
		expect(Object.keys(created)).toEqual(['@odata.context', 'uploadUrl', 'expirationDateTime', 'nextExpectedRanges']);
		expect(created['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#microsoft.graph.uploadSession`);
		expect(created.uploadUrl.startsWith(`${emulator.uploadBaseUrl}/upload/api/gv1.0/users('${adele}@${SAMPLE.tenantId}')/messages('${id}')/AttachmentSessions('`)).toBe(true);
		expect(new URL(created.uploadUrl).origin).not.toBe(new URL(emulator.graphBaseUrl).origin);
		expect(new URL(created.uploadUrl).searchParams.get('authtoken')).toMatch(/^eyJ/);
		expect(created.expirationDateTime).toBe('2025-04-01T10:00:00.0000000Z');
		expect(created.nextExpectedRanges).toEqual(['0-']);
	});

	it('uploads 10 MB in 4 MB chunks: 200 with the next range for each but the last, 201 with Location for the last, exact bytes attached', async () => {
		const id = await draft();
		const content = randomBytes(10 * MB);
		const { uploadUrl } = await session(id, content.length, 'archive.zip');
		const answers = [];
		for (let start = 0; start < content.length; start += CHUNK) {
			answers.push(await put(uploadUrl, content.subarray(start, Math.min(start + CHUNK, content.length)), start, content.length));
		}
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 201]);
		expect(answers[0].body).toEqual({
			'@odata.context': expect.stringMatching(/\/AttachmentSessions\/\$entity$/),
			ExpirationDateTime: '2025-04-01T10:00:00.0000000Z',
			nextExpectedRanges: [String(CHUNK)],
		});
		expect((answers[1].body as Session).nextExpectedRanges).toEqual([String(2 * CHUNK)]);
		const last = answers[2];
		expect(last.body).toBeUndefined();
		const location = last.headers.get('location') ?? '';
		const attachmentId = /Attachments\('([^']+)'\)$/.exec(location)?.[1] as string;
		const [attachment] = emulator.store.message(adele, id).attachments;
		expect(attachment.id).toBe(attachmentId);
		expect(attachment).toMatchObject({ kind: 'file', name: 'archive.zip', contentType: 'application/x-zip-compressed', size: content.length });
		expect(attachment.kind === 'file' && attachment.content.equals(content)).toBe(true);
		const raw = await fetch(`${emulator.graphBaseUrl}${userPath()}/messages/${id}/attachments/${attachmentId}/$value`, { headers: { Authorization: `Bearer ${token}` } });
		expect(Buffer.from(await raw.arrayBuffer()).equals(content)).toBe(true);
		expect((await put(uploadUrl, content.subarray(0, 10), 0, content.length)).status).toBe(404);
	});

	it('refuses a range that is not the next expected one (416), then accepts the right one', async () => {
		const id = await draft();
		const content = randomBytes(3 * MB + 100);
		const { uploadUrl } = await session(id, content.length);
		const skipped = await put(uploadUrl, content.subarray(MB, 2 * MB), MB, content.length);
		expect(skipped.status).toBe(416);
		expect(errorOf(skipped).code).toBe('ErrorInvalidRange');
		expect(errorOf(skipped)).not.toHaveProperty('innerError');
		expect((await put(uploadUrl, content.subarray(0, MB), 0, content.length)).status).toBe(200);
		const overlap = await put(uploadUrl, content.subarray(MB - 10, 2 * MB), MB - 10, content.length);
		expect(overlap.status).toBe(416);
		expect((await put(uploadUrl, content.subarray(MB), MB, content.length)).status).toBe(201);
	});

	it('refuses an upload request that carries an Authorization header: 401 InvalidAudienceForResource', async () => {
		const id = await draft();
		const content = randomBytes(3 * MB);
		const { uploadUrl } = await session(id, content.length);
		const answer = await put(uploadUrl, content.subarray(0, MB), 0, content.length, { Authorization: `Bearer ${token}` });
		expect(answer.status).toBe(401);
		expect(errorOf(answer)).toEqual({
			code: 'InvalidAudienceForResource',
			message: `The audience claim value is invalid for current resource. Audience claim is 'https://graph.microsoft.com', request url is '${emulator.uploadBaseUrl}' and resource type is 'Exchange'.`,
		});
	});

	it('refuses a wrong authtoken, a missing or wrong Content-Range, a length mismatch, and a chunk over 4 MB', async () => {
		const id = await draft();
		const content = randomBytes(9 * MB);
		const { uploadUrl } = await session(id, content.length);
		const forged = new URL(uploadUrl);
		forged.searchParams.set('authtoken', 'eyJforged');
		expect((await put(forged.toString(), content.subarray(0, 10), 0, content.length)).status).toBe(401);
		const noRange = await rawRequest(uploadUrl, { method: 'PUT', body: content.subarray(0, 10) });
		expect(noRange.status).toBe(400);
		expect((await put(uploadUrl, content.subarray(0, 10), 0, content.length + 1)).status).toBe(400);
		const mismatch = await rawRequest(uploadUrl, { method: 'PUT', body: content.subarray(0, 10), headers: { 'Content-Range': `bytes 0-19/${content.length}` } });
		expect(errorOf(mismatch).message).toBe('The Content-Range header length does not match the provided number of bytes.');
		expect((await put(uploadUrl, content.subarray(0, CHUNK + 1), 0, content.length)).status).toBe(413);
	});

	it('createUploadSession answers 400 ErrorAttachmentSizeShouldNotBeLessThanMinimumSize under 3 MB, and checks its body against the metadata', async () => {
		const id = await draft();
		const path = `${userPath()}/messages/${id}/attachments/createUploadSession`;
		const small = await graph(emulator, path, { token, method: 'POST', body: { AttachmentItem: { attachmentType: 'file', name: 'a.txt', size: 1024 } } });
		expect(small.status).toBe(400);
		expect(errorOf(small).code).toBe('ErrorAttachmentSizeShouldNotBeLessThanMinimumSize');
		const wrongType = await graph(emulator, path, { token, method: 'POST', body: { AttachmentItem: { attachmentType: 'file', name: 'a', size: '5000000' } } });
		expect(errorOf(wrongType).message).toBe("Cannot convert a primitive value to the expected type 'Edm.Int64'. See the inner exception for more details.");
		const missing = await graph(emulator, path, { token, method: 'POST', body: {} });
		expect(errorOf(missing).message).toMatch(/The missing parameters are: AttachmentItem\.$/);
		const qualified = await graph(emulator, `${userPath()}/messages/${id}/attachments/microsoft.graph.createUploadSession`, {
			token,
			method: 'POST',
			body: { attachmentItem: { attachmentType: 'file', name: 'b.bin', size: 4 * MB } },
		});
		expect(qualified.status).toBe(201);
	});

	it('DELETE on the uploadUrl cancels the session: 204, then 404', async () => {
		const id = await draft();
		const { uploadUrl } = await session(id, 4 * MB);
		expect((await rawRequest(uploadUrl, { method: 'DELETE' })).status).toBe(204);
		expect((await put(uploadUrl, randomBytes(10), 0, 4 * MB)).status).toBe(404);
		expect(emulator.uploads.list()).toHaveLength(0);
	});

	it('refuses the uploadUrl after its expiry', async () => {
		const id = await draft();
		const { uploadUrl } = await session(id, 4 * MB);
		clock.advance(2 * 60 * 60 * 1000 + 1);
		expect((await put(uploadUrl, randomBytes(10), 0, 4 * MB)).status).toBe(401);
	});

	it('logs upload requests as kind upload, with rawUrl and Content-Range, without their bytes; faults can target them', async () => {
		const id = await draft();
		const content = randomBytes(3 * MB);
		const { uploadUrl } = await session(id, content.length);
		emulator.faults.add({ method: 'PUT', path: /^\/upload\//, status: 503, retryAfter: '1' });
		const faulted = await put(uploadUrl, content.subarray(0, MB), 0, content.length);
		expect(faulted.status).toBe(503);
		expect(faulted.headers.get('retry-after')).toBe('1');
		expect((await put(uploadUrl, content.subarray(0, MB), 0, content.length)).status).toBe(200);
		const uploads = emulator.requests.filter((request) => request.kind === 'upload');
		expect(uploads).toHaveLength(2);
		expect(uploads[1]).toMatchObject({
			method: 'PUT',
			rawUrl: uploadUrl.slice(emulator.uploadBaseUrl.length),
			status: 200,
			body: undefined,
			bodyLength: MB,
		});
		expect(uploads[1].headers['content-range']).toBe(`bytes 0-${MB - 1}/${content.length}`);
		expect(uploads[1].headers.authorization).toBeUndefined();
	});
});
