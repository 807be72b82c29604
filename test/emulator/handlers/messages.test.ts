import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

/** A fresh folder holding `count` generated messages; returns its id. */
function folderWith(count: number): string {
	const folder = emulator.store.addFolder(adele, 'inbox', `Batch of ${count}`);
	emulator.store.addMessages(adele, folder.id, count, 7);
	return folder.id;
}

const DEFAULT_MESSAGE_KEYS = [
	'@odata.etag',
	'id',
	'createdDateTime',
	'lastModifiedDateTime',
	'changeKey',
	'categories',
	'receivedDateTime',
	'sentDateTime',
	'hasAttachments',
	'internetMessageId',
	'subject',
	'bodyPreview',
	'importance',
	'parentFolderId',
	'conversationId',
	'conversationIndex',
	'isDeliveryReceiptRequested',
	'isReadReceiptRequested',
	'isRead',
	'isDraft',
	'webLink',
	'inferenceClassification',
	'body',
	'sender',
	'from',
	'toRecipients',
	'ccRecipients',
	'bccRecipients',
	'replyTo',
	'flag',
];

describe('messages', () => {
	it('pages 25 messages with $top=10 into 3 pages through absolute nextLinks with $skip', async () => {
		const folderId = folderWith(25);
		const seen: string[] = [];
		const links: string[] = [];
		let url: string | undefined = `${userPath()}/mailFolders/${folderId}/messages?$top=10&$select=subject`;
		while (url) {
			const page: GraphCollection = as<GraphCollection>(await graph(emulator, url, { token }));
			seen.push(...page.value.map((message) => message.id as string));
			url = page['@odata.nextLink'];
			if (url) links.push(url);
		}
		expect(seen).toHaveLength(25);
		expect(new Set(seen).size).toBe(25);
		expect(links).toEqual([
			`${emulator.baseUrl}${userPath()}/mailFolders/${folderId}/messages?%24top=10&%24select=subject&%24skip=10`,
			`${emulator.baseUrl}${userPath()}/mailFolders/${folderId}/messages?%24top=10&%24select=subject&%24skip=20`,
		]);
	});

	it('returns 10 messages by default, newest first, shaped as Graph shapes them', async () => {
		const answer = await graph(emulator, `${userPath()}/messages`, { token });
		const body = as<GraphCollection>(answer);
		expect(answer.headers.get('content-type')).toMatch(/^application\/json;odata\.metadata=minimal/);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/messages`);
		expect(body.value).toHaveLength(10);
		expect(Object.keys(body.value[0])).toEqual(DEFAULT_MESSAGE_KEYS);
		const dates = body.value.map((message) => message.receivedDateTime as string);
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(body.value[0].id).toMatch(/^AAMkAG[A-Za-z0-9_-]{130,}=$/);
		expect(body.value[0]['@odata.etag']).toBe(`W/"${body.value[0].changeKey as string}"`);
		expect(body['@odata.nextLink']).toBeDefined();
	});

	it('caps $top at 1000, the documented page maximum', async () => {
		const folderId = folderWith(1200);
		const page = as<GraphCollection>(await graph(emulator, `${userPath()}/mailFolders/${folderId}/messages?$top=5000&$select=id`, { token }));
		expect(page.value).toHaveLength(1000);
		expect(page['@odata.nextLink']).toContain('%24skip=1000');
	});

	it('counts with $count=true', async () => {
		const folderId = folderWith(13);
		const page = as<GraphCollection>(await graph(emulator, `${userPath()}/mailFolders/${folderId}/messages?$count=true&$top=2`, { token }));
		expect(page['@odata.count']).toBe(13);
	});

	it('returns only id, the etag and the $select fields', async () => {
		const page = as<GraphCollection>(await graph(emulator, `${userPath()}/messages?$select=subject,from&$top=1`, { token }));
		expect(Object.keys(page.value[0])).toEqual(['@odata.etag', 'id', 'subject', 'from']);
		expect(page['@odata.context']).toMatch(/\/messages\(subject,from\)$/);
	});

	it("answers 400 RequestBroker--ParseUri when $select names a property message does not have", async () => {
		const answer = await graph(emulator, `${userPath()}/messages?$select=subject,sizeInBytes`, { token });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({
			code: 'RequestBroker--ParseUri',
			message: "Could not find a property named 'sizeInBytes' on type 'microsoft.graph.message'.",
		});
	});

	it('gets one message by id, also through its folder, with the entity context', async () => {
		const [message] = emulator.store.messages(adele, emulator.store.folder(adele, 'inbox').id);
		const direct = await graph(emulator, `${userPath()}/messages/${message.id}`, { token });
		expect(direct.body).toMatchObject({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/messages/$entity`,
			id: message.id,
			subject: message.subject,
		});
		expect((await graph(emulator, `${userPath()}/mailFolders/inbox/messages/${message.id}`, { token })).status).toBe(200);
	});

	it('answers 400 ErrorInvalidIdMalformed for a malformed id and 404 ErrorItemNotFound for an absent one', async () => {
		const malformed = await graph(emulator, `${userPath()}/messages/AAMkAG-not-really`, { token });
		expect(malformed.status).toBe(400);
		expect(as<GraphErrorBody>(malformed).error).toMatchObject({ code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' });
		const [alexMessage] = emulator.store.messages(SAMPLE.users.alex.id);
		const absent = await graph(emulator, `${userPath()}/messages/${alexMessage.id}`, { token });
		expect(absent.status).toBe(404);
		expect(as<GraphErrorBody>(absent).error).toMatchObject({ code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' });
	});

	it('answers the body as text when Prefer asks for it', async () => {
		const answer = await graph(emulator, `${userPath()}/messages?$top=1&$select=body`, { token, headers: { Prefer: 'outlook.body-content-type="text"' } });
		expect(as<GraphCollection>(answer).value[0].body).toMatchObject({ contentType: 'text' });
		expect(answer.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');
	});

	describe('update and delete', () => {
		const received = () => emulator.store.messages(adele, emulator.store.folder(adele, 'inbox').id)[0];

		it('updates isRead, categories, importance and flag, and changes the changeKey', async () => {
			const message = received();
			const before = message.changeKey;
			const answer = await graph(emulator, `${userPath()}/messages/${message.id}`, {
				token,
				method: 'PATCH',
				body: { isRead: true, categories: ['Blue category'], importance: 'High', flag: { flagStatus: 'flagged' } },
			});
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ isRead: true, categories: ['Blue category'], importance: 'high', flag: { flagStatus: 'flagged' } });
			expect(emulator.store.message(adele, message.id).changeKey).not.toBe(before);
		});

		it('answers 400 RequestBodyRead when the body names a property message does not have', async () => {
			const answer = await graph(emulator, `${userPath()}/messages/${received().id}`, { token, method: 'PATCH', body: { isUnread: true } });
			expect(answer.status).toBe(400);
			expect(as<GraphErrorBody>(answer).error).toMatchObject({
				code: 'RequestBodyRead',
				message:
					"The property 'isUnread' does not exist on type 'microsoft.graph.message'. Make sure to only use property names that are defined by the type or mark the type as open type.",
			});
		});

		it('answers 400 when a value has the wrong type', async () => {
			const answer = await graph(emulator, `${userPath()}/messages/${received().id}`, { token, method: 'PATCH', body: { isRead: 'yes' } });
			expect(answer.status).toBe(400);
			expect(as<GraphErrorBody>(answer).error.message).toBe("Cannot convert a primitive value to the expected type 'Edm.Boolean'. See the inner exception for more details.");
		});

		it('refuses to change the subject of a received message but changes a draft', async () => {
			const refused = await graph(emulator, `${userPath()}/messages/${received().id}`, { token, method: 'PATCH', body: { subject: 'New' } });
			expect(refused.status).toBe(400);
			const [draft] = emulator.store.messages(adele, emulator.store.folder(adele, 'drafts').id);
			const changed = await graph(emulator, `${userPath()}/messages/${draft.id}`, { token, method: 'PATCH', body: { subject: "It's new" } });
			expect(changed.body).toMatchObject({ subject: "It's new" });
		});

		it('deletes a message: 204, then 404 under its old id (it moved to Deleted Items)', async () => {
			const { id } = received();
			expect((await graph(emulator, `${userPath()}/messages/${id}`, { token, method: 'DELETE' })).status).toBe(204);
			expect((await graph(emulator, `${userPath()}/messages/${id}`, { token })).status).toBe(404);
		});

		it('answers 400 when the JSON body cannot be parsed', async () => {
			const answer = await graph(emulator, `${userPath()}/messages/${received().id}`, { token, method: 'PATCH', body: '{"isRead": tru' });
			expect(answer.status).toBe(400);
			expect(as<GraphErrorBody>(answer).error.code).toBe('BadRequest');
		});
	});
});
