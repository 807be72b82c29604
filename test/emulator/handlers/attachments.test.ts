import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, folderMessages, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const request = (method: string, path: string, body?: unknown) => graph(emulator, `${userPath()}${path}`, { token, method, body });
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const withAttachments = () => emulator.store.messages(adele).find((message) => message.attachments.length > 0 && !message.isDraft)!;

async function draft(): Promise<string> {
	const answer = await request('POST', '/messages', { subject: 'With attachments' });
	return (answer.body as { id: string }).id;
}

const file = (name: string, content: Buffer, extra: Record<string, unknown> = {}) => ({
	'@odata.type': '#microsoft.graph.fileAttachment',
	name,
	contentBytes: content.toString('base64'),
	...extra,
});

describe('attachments', () => {
	it('lists a message attachments with their @odata.type, metadata and, for files, contentBytes', async () => {
		const message = withAttachments();
		const answer = await request('GET', `/messages/${message.id}/attachments`);
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(
			`${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/messages('${encodeURIComponent(message.id)}')/attachments`,
		);
		expect(body.value).toHaveLength(message.attachments.length);
		expect(Object.keys(body.value[0])).toEqual([
			'@odata.type',
			'@odata.mediaContentType',
			'id',
			'lastModifiedDateTime',
			'name',
			'contentType',
			'size',
			'isInline',
			'contentId',
			'contentLocation',
			'contentBytes',
		]);
		expect(body.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', id: message.attachments[0].id, isInline: false });
	});

	it('honours $select on attachments and refuses a property attachment does not have', async () => {
		const message = withAttachments();
		const selected = as<GraphCollection>(await request('GET', `/messages/${message.id}/attachments?$select=name,size`));
		expect(Object.keys(selected.value[0])).toEqual(['@odata.type', '@odata.mediaContentType', 'id', 'name', 'size']);
		const refused = await request('GET', `/messages/${message.id}/attachments?$select=contentBytes`);
		expect(refused.status).toBe(400);
		expect(errorOf(refused).message).toBe("Could not find a property named 'contentBytes' on type 'microsoft.graph.attachment'.");
	});

	it('gets one file attachment with contentBytes, and its raw bytes from $value with its content type', async () => {
		const id = await draft();
		const content = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
		const added = await request('POST', `/messages/${id}/attachments`, file('data.bin', content, { contentType: 'application/x-custom' }));
		expect(added.status).toBe(201);
		const attachmentId = (added.body as { id: string }).id;
		const got = await request('GET', `/messages/${id}/attachments/${attachmentId}`);
		expect(got.body).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'data.bin', size: 8, contentBytes: content.toString('base64') });
		const raw = await fetch(`${emulator.graphBaseUrl}${userPath()}/messages/${id}/attachments/${attachmentId}/$value`, { headers: { Authorization: `Bearer ${token}` } });
		expect(raw.status).toBe(200);
		expect(raw.headers.get('content-type')).toBe('application/x-custom');
		expect(Buffer.from(await raw.arrayBuffer()).equals(content)).toBe(true);
	});

	it('adds file, item and reference attachments; hasAttachments and changeKey follow; DELETE removes one', async () => {
		const id = await draft();
		const changeKey = emulator.store.message(adele, id).changeKey;
		const added = await request('POST', `/messages/${id}/attachments`, file('notes.txt', Buffer.from('notes')));
		expect(added.body).toMatchObject({ name: 'notes.txt', contentType: 'text/plain', size: 5 });
		expect(emulator.store.message(adele, id)).toMatchObject({ hasAttachments: true });
		expect(emulator.store.message(adele, id).changeKey).not.toBe(changeKey);
		const item = await request('POST', `/messages/${id}/attachments`, {
			'@odata.type': '#microsoft.graph.itemAttachment',
			name: 'Holiday note',
			item: { '@odata.type': 'microsoft.graph.message', subject: 'Holiday', body: { contentType: 'text', content: 'Off on Friday.' } },
		});
		expect(item.status).toBe(201);
		expect(item.body).toMatchObject({ '@odata.type': '#microsoft.graph.itemAttachment', name: 'Holiday note', contentType: null });
		const reference = await request('POST', `/messages/${id}/attachments`, { '@odata.type': '#microsoft.graph.referenceAttachment', name: 'Plan.docx' });
		expect(reference.body).toMatchObject({ '@odata.type': '#microsoft.graph.referenceAttachment', name: 'Plan.docx' });
		const listed = as<GraphCollection>(await request('GET', `/messages/${id}/attachments`));
		expect(listed.value.map((attachment) => attachment['@odata.type'])).toEqual([
			'#microsoft.graph.fileAttachment',
			'#microsoft.graph.itemAttachment',
			'#microsoft.graph.referenceAttachment',
		]);
		for (const attachment of listed.value) {
			expect((await request('DELETE', `/messages/${id}/attachments/${attachment.id as string}`)).status).toBe(204);
		}
		expect(emulator.store.message(adele, id)).toMatchObject({ hasAttachments: false, attachments: [] });
	});

	it('adds an attachment to a received message too', async () => {
		const [received] = folderMessages(emulator, adele, 'inbox');
		expect((await request('POST', `/messages/${received.id}/attachments`, file('late.txt', Buffer.from('x')))).status).toBe(201);
	});

	it('expands the item of an item attachment, and answers its MIME from $value', async () => {
		const id = await draft();
		const added = await request('POST', `/messages/${id}/attachments`, {
			'@odata.type': '#microsoft.graph.itemAttachment',
			name: 'Forwarded',
			item: { '@odata.type': '#microsoft.graph.message', subject: 'Inner subject', toRecipients: [{ emailAddress: { address: 'x@fabrikam.com' } }] },
		});
		const attachmentId = (added.body as { id: string }).id;
		const plain = await request('GET', `/messages/${id}/attachments/${attachmentId}`);
		expect(plain.body).not.toHaveProperty('item');
		const expanded = await request('GET', `/messages/${id}/attachments/${attachmentId}?$expand=microsoft.graph.itemattachment/item`);
		expect(expanded.status).toBe(200);
		expect(expanded.body).toMatchObject({ item: { '@odata.type': '#microsoft.graph.message', id: '', subject: 'Inner subject' } });
		const mime = await request('GET', `/messages/${id}/attachments/${attachmentId}/$value`);
		expect(mime.status).toBe(200);
		expect(mime.body as string).toMatch(/^To: <x@fabrikam\.com>\r\nSubject: Inner subject\r\n/m);
	});

	it('answers 405 for the $value of a reference attachment', async () => {
		const id = await draft();
		const added = await request('POST', `/messages/${id}/attachments`, { '@odata.type': '#microsoft.graph.referenceAttachment', name: 'Link' });
		const answer = await request('GET', `/messages/${id}/attachments/${(added.body as { id: string }).id}/$value`);
		expect(answer.status).toBe(405);
	});

	it('answers 400 for an attachment without @odata.type, or with a property its type does not have', async () => {
		const id = await draft();
		const abstract = await request('POST', `/messages/${id}/attachments`, { name: 'x', contentBytes: 'eA==' });
		expect(abstract.status).toBe(400);
		const unknown = await request('POST', `/messages/${id}/attachments`, { '@odata.type': '#microsoft.graph.referenceAttachment', name: 'x', sourceUrl: 'https://contoso.sharepoint.com/x' });
		expect(errorOf(unknown)).toMatchObject({
			code: 'RequestBodyRead',
			message: expect.stringContaining("The property 'sourceUrl' does not exist on type 'microsoft.graph.referenceAttachment'."),
		});
	});

	it('serves a seeded 20 MB attachment from $value byte for byte', async () => {
		const [message] = folderMessages(emulator, adele, 'inbox');
		const content = Buffer.alloc(20 * 1024 * 1024, 0x5a);
		const attachment = emulator.store.addFileAttachment(adele, message.id, 'large.bin', content);
		expect(emulator.store.message(adele, message.id).hasAttachments).toBe(true);
		const raw = await fetch(`${emulator.graphBaseUrl}${userPath()}/messages/${message.id}/attachments/${attachment.id}/$value`, { headers: { Authorization: `Bearer ${token}` } });
		expect(raw.headers.get('content-length')).toBe(String(content.length));
		expect(Buffer.from(await raw.arrayBuffer()).equals(content)).toBe(true);
	});

	it('answers 404 for an attachment of another message', async () => {
		const message = withAttachments();
		const id = await draft();
		const answer = await request('GET', `/messages/${id}/attachments/${message.attachments[0].id}`);
		expect(answer.status).toBe(404);
		expect(errorOf(answer).code).toBe('ErrorItemNotFound');
	});
});
