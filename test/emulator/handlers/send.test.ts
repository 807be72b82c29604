import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, folderMessages, graph, testClock, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const clock = testClock(Date.UTC(2025, 2, 3, 10, 0, 0));
const adele = SAMPLE.users.adele.id;
const alex = SAMPLE.users.alex.id;
const alexAddress = SAMPLE.users.alex.mail;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const to = (address: string, name?: string) => ({ emailAddress: { address, ...(name ? { name } : {}) } });
const sendMail = (body: unknown, user = userPath()) => graph(emulator, `${user}/sendMail`, { token, method: 'POST', body });
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const newest = (userId: string, folder: string) => {
	const messages = folderMessages(emulator, userId, folder);
	return messages[messages.length - 1];
};

describe('sendMail', () => {
	it('answers 202 with no body, keeps the message in Sent Items as sent by the mailbox', async () => {
		const sentBefore = folderMessages(emulator, adele, 'sentitems').length;
		const answer = await sendMail({
			message: { subject: 'Lunch?', body: { contentType: 'Text', content: 'The new cafeteria is open.' }, toRecipients: [to('someone@fabrikam.com')] },
		});
		expect(answer.status).toBe(202);
		expect(answer.body).toBeUndefined();
		const sent = folderMessages(emulator, adele, 'sentitems');
		expect(sent).toHaveLength(sentBefore + 1);
		expect(newest(adele, 'sentitems')).toMatchObject({
			subject: 'Lunch?',
			body: { contentType: 'text', content: 'The new cafeteria is open.' },
			isDraft: false,
			isRead: true,
			from: { emailAddress: { name: 'Adele Vance', address: SAMPLE.users.adele.mail } },
			sender: { emailAddress: { name: 'Adele Vance', address: SAMPLE.users.adele.mail } },
			sentDateTime: '2025-03-03T10:00:00Z',
			receivedDateTime: '2025-03-03T10:00:00Z',
			toRecipients: [{ emailAddress: { name: 'someone@fabrikam.com', address: 'someone@fabrikam.com' } }],
		});
	});

	it('delivers a copy to the Inbox of each recipient mailbox of the tenant, unread, with a new id and the same internetMessageId', async () => {
		const inboxBefore = folderMessages(emulator, alex, 'inbox').length;
		await sendMail({ message: { subject: 'Quarterly numbers', toRecipients: [to(alexAddress.toUpperCase())], bccRecipients: [to('outside@example.org')] } });
		const sent = newest(adele, 'sentitems');
		const delivered = newest(alex, 'inbox');
		expect(folderMessages(emulator, alex, 'inbox')).toHaveLength(inboxBefore + 1);
		expect(delivered.id).not.toBe(sent.id);
		expect(delivered).toMatchObject({
			subject: 'Quarterly numbers',
			isRead: false,
			isDraft: false,
			internetMessageId: sent.internetMessageId,
			from: { emailAddress: { address: SAMPLE.users.adele.mail } },
			toRecipients: [{ emailAddress: { name: 'Alex Wilber' } }],
			bccRecipients: [],
		});
		const listed = await graph(emulator, `${userPath(SAMPLE.users.alex)}/mailFolders/inbox/messages?$filter=isRead eq false&$select=subject`, { token });
		expect((listed.body as { value: { subject: string }[] }).value.map((message) => message.subject)).toContain('Quarterly numbers');
	});

	it('delivers to Bcc and Cc recipients too, once per mailbox, and not to addresses outside the emulator', async () => {
		await sendMail({ message: { subject: 'Bcc test', toRecipients: [to('partner@contoso-partner.com')], ccRecipients: [to(alexAddress)], bccRecipients: [to(alexAddress)] } });
		expect(folderMessages(emulator, alex, 'inbox').filter((message) => message.subject === 'Bcc test')).toHaveLength(1);
	});

	it('keeps nothing in Sent Items when saveToSentItems is false, also written as the string "false" as in Graph\'s example', async () => {
		const before = folderMessages(emulator, adele, 'sentitems').length;
		expect((await sendMail({ message: { subject: 'a', toRecipients: [to(alexAddress)] }, saveToSentItems: false })).status).toBe(202);
		expect((await sendMail({ message: { subject: 'b', toRecipients: [to(alexAddress)] }, saveToSentItems: 'false' })).status).toBe(202);
		expect(folderMessages(emulator, adele, 'sentitems')).toHaveLength(before);
		expect(folderMessages(emulator, alex, 'inbox').filter((message) => ['a', 'b'].includes(message.subject))).toHaveLength(2);
	});

	it('stores inline file attachments in Sent Items and in the delivered copy', async () => {
		const content = Buffer.from('Hello World!');
		await sendMail({
			message: {
				subject: 'With a file',
				toRecipients: [to(alexAddress)],
				attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'attachment.txt', contentType: 'text/plain', contentBytes: content.toString('base64') }],
			},
		});
		for (const message of [newest(adele, 'sentitems'), newest(alex, 'inbox')]) {
			expect(message.hasAttachments).toBe(true);
			expect(message.attachments).toHaveLength(1);
			expect(message.attachments[0]).toMatchObject({ kind: 'file', name: 'attachment.txt', contentType: 'text/plain', size: 12 });
			expect(message.attachments[0].kind === 'file' && message.attachments[0].content.equals(content)).toBe(true);
		}
	});

	it('stores custom x- internet message headers', async () => {
		await sendMail({ message: { subject: 'Headers', toRecipients: [to(alexAddress)], internetMessageHeaders: [{ name: 'x-custom-header-group-name', value: 'Nevada' }] } });
		expect(newest(adele, 'sentitems').internetMessageHeaders).toEqual([{ name: 'x-custom-header-group-name', value: 'Nevada' }]);
		expect(newest(alex, 'inbox').internetMessageHeaders).toContainEqual({ name: 'x-custom-header-group-name', value: 'Nevada' });
	});

	it('answers 400 InvalidInternetMessageHeader for a header that is not x-, and InvalidInternetMessageHeaderCollection for more than 5', async () => {
		const standard = await sendMail({ message: { toRecipients: [to(alexAddress)], internetMessageHeaders: [{ name: 'Notification-Id', value: '1' }] } });
		expect(standard.status).toBe(400);
		expect(errorOf(standard)).toMatchObject({ code: 'InvalidInternetMessageHeader', message: "The internet message header name 'Notification-Id' should start with 'x-' or 'X-'." });
		const headers = Array.from({ length: 6 }, (_, index) => ({ name: `x-h${index}`, value: 'v' }));
		const many = await sendMail({ message: { toRecipients: [to(alexAddress)], internetMessageHeaders: headers } });
		expect(many.status).toBe(400);
		expect(errorOf(many).code).toBe('InvalidInternetMessageHeaderCollection');
	});

	it('answers 400 ErrorInvalidRecipients without recipients, and for an address that cannot be one', async () => {
		const none = await sendMail({ message: { subject: 'Nobody' } });
		expect(none.status).toBe(400);
		expect(errorOf(none)).toMatchObject({ code: 'ErrorInvalidRecipients', message: "At least one recipient isn't valid., A message can't be sent because it contains no recipients." });
		const bad = await sendMail({ message: { toRecipients: [to('not-an-address')] } });
		expect(errorOf(bad).code).toBe('ErrorInvalidRecipients');
	});

	it('validates the action body against the metadata: unknown parameter, missing message, wrong property', async () => {
		const unknown = await sendMail({ message: { toRecipients: [to(alexAddress)] }, saveToDrafts: true });
		expect(errorOf(unknown)).toMatchObject({
			code: 'RequestBodyRead',
			message: "The parameter 'saveToDrafts' in the request payload is not a valid parameter for the operation 'microsoft.graph.sendMail'.",
		});
		const missing = await sendMail({ saveToSentItems: true });
		expect(errorOf(missing).message).toBe(
			"One or more parameters of the operation 'microsoft.graph.sendMail' are missing from the request payload. The missing parameters are: Message.",
		);
		const wrong = await sendMail({ message: { toRecipients: [to(alexAddress)], importance: 'urgent' } });
		expect(errorOf(wrong)).toMatchObject({ code: 'RequestBodyRead', message: "Requested value 'urgent' was not found." });
		const readOnly = await sendMail({ message: { toRecipients: [to(alexAddress)], isDraft: false } });
		expect(errorOf(readOnly)).toMatchObject({ code: 'ErrorInvalidProperty' });
	});

	it('answers 413 when the request is larger than 4 MB', async () => {
		const big = Buffer.alloc(3 * 1024 * 1024 + 512, 7).toString('base64');
		const answer = await sendMail({
			message: { toRecipients: [to(alexAddress)], attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'big.bin', contentBytes: big }] },
		});
		expect(answer.status).toBe(413);
		expect(errorOf(answer)).toMatchObject({ code: 'BadRequest', message: 'The maximum request length supported is 4MB.' });
		const logged = emulator.requests.find((request) => request.path.endsWith('/sendMail'));
		expect(logged?.body).toBeUndefined();
		expect(logged?.bodyLength).toBeGreaterThan(4 * 1024 * 1024);
	});

	it('needs Mail.Send: a Mail.Read app gets 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, `${userPath()}/sendMail`, { token: readOnly, method: 'POST', body: { message: { toRecipients: [to(alexAddress)] } } });
		expect(answer.status).toBe(403);
	});

	it('is also routed as microsoft.graph.sendMail', async () => {
		expect((await graph(emulator, `${userPath()}/microsoft.graph.sendMail`, { token, method: 'POST', body: { message: { toRecipients: [to(alexAddress)] } } })).status).toBe(202);
	});
});

describe('drafts', () => {
	it('creates a draft in Drafts: 201 with the message, recipient names resolved from the directory', async () => {
		const answer = await graph(emulator, `${userPath()}/messages`, {
			token,
			method: 'POST',
			body: { subject: "Did you see last night's game?", importance: 'Low', body: { contentType: 'HTML', content: 'They were <b>awesome</b>!' }, toRecipients: [to(alexAddress)] },
		});
		expect(answer.status).toBe(201);
		const draft = answer.body as Record<string, unknown>;
		expect(draft).toMatchObject({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('AdeleV%40contoso.onmicrosoft.com')/messages/$entity`,
			subject: "Did you see last night's game?",
			importance: 'low',
			isDraft: true,
			isRead: true,
			bodyPreview: 'They were awesome!',
			parentFolderId: emulator.store.folder(adele, 'drafts').id,
			toRecipients: [{ emailAddress: { name: 'Alex Wilber', address: alexAddress } }],
		});
		expect((draft.body as { content: string }).content).toMatch(/^<html>[\s\S]*They were <b>awesome<\/b>![\s\S]*<\/html>$/);
	});

	it('creates a draft in the folder named by the path', async () => {
		const folder = emulator.store.folder(adele, 'archive');
		const answer = await graph(emulator, `${userPath()}/mailFolders/archive/messages`, { token, method: 'POST', body: { subject: 'Filed draft' } });
		expect(answer.status).toBe(201);
		expect((answer.body as { parentFolderId: string }).parentFolderId).toBe(folder.id);
	});

	it('updates a draft (subject, body, recipients), sends it: 202, it leaves Drafts for Sent Items and is delivered', async () => {
		const created = await graph(emulator, `${userPath()}/messages`, { token, method: 'POST', body: { subject: 'Draft' } });
		const id = (created.body as { id: string }).id;
		const patched = await graph(emulator, `${userPath()}/messages/${id}`, {
			token,
			method: 'PATCH',
			body: { subject: 'Final', body: { contentType: 'text', content: 'Ready.' }, toRecipients: [to(alexAddress)], ccRecipients: [to('cc@fabrikam.com', 'Partner')] },
		});
		expect(patched.body).toMatchObject({ subject: 'Final', bodyPreview: 'Ready.', ccRecipients: [{ emailAddress: { name: 'Partner', address: 'cc@fabrikam.com' } }] });
		const sent = await graph(emulator, `${userPath()}/messages/${id}/send`, { token, method: 'POST' });
		expect(sent.status).toBe(202);
		expect((await graph(emulator, `${userPath()}/messages/${id}`, { token })).status).toBe(404);
		expect(newest(adele, 'sentitems')).toMatchObject({ subject: 'Final', isDraft: false, from: { emailAddress: { address: SAMPLE.users.adele.mail } } });
		expect(newest(alex, 'inbox')).toMatchObject({ subject: 'Final', isRead: false });
	});

	it("answers 400 when send is asked of a message that is not a draft", async () => {
		const received = folderMessages(emulator, adele, 'inbox')[0];
		const answer = await graph(emulator, `${userPath()}/messages/${received.id}/send`, { token, method: 'POST' });
		expect(answer.status).toBe(400);
		expect(errorOf(answer).code).toBe('ErrorInvalidOperation');
	});

	it('keeps the folder counts right through create, send and delivery', async () => {
		const count = async (user: { userPrincipalName: string }, folder: string) =>
			(await graph(emulator, `${userPath(user)}/mailFolders/${folder}`, { token })).body as { totalItemCount: number; unreadItemCount: number };
		const drafts = await count(SAMPLE.users.adele, 'drafts');
		const sent = await count(SAMPLE.users.adele, 'sentitems');
		const inbox = await count(SAMPLE.users.alex, 'inbox');
		const created = await graph(emulator, `${userPath()}/messages`, { token, method: 'POST', body: { subject: 'Count me', toRecipients: [to(alexAddress)] } });
		expect((await count(SAMPLE.users.adele, 'drafts')).totalItemCount).toBe(drafts.totalItemCount + 1);
		await graph(emulator, `${userPath()}/messages/${(created.body as { id: string }).id}/send`, { token, method: 'POST' });
		expect((await count(SAMPLE.users.adele, 'drafts')).totalItemCount).toBe(drafts.totalItemCount);
		expect((await count(SAMPLE.users.adele, 'sentitems')).totalItemCount).toBe(sent.totalItemCount + 1);
		expect(await count(SAMPLE.users.alex, 'inbox')).toEqual(
			expect.objectContaining({ totalItemCount: inbox.totalItemCount + 1, unreadItemCount: inbox.unreadItemCount + 1 }),
		);
	});
});

describe('reply, replyAll, forward', () => {
	/** A message from Alex to Adele with Megan and Adele in Cc, delivered through sendMail. */
	async function receivedFromAlex(): Promise<string> {
		await sendMail(
			{
				message: {
					subject: 'Plan',
					body: { contentType: 'html', content: '<p>Here is the plan.</p>' },
					toRecipients: [to(SAMPLE.users.adele.mail), to('megan@fabrikam.com', 'Megan')],
					ccRecipients: [to('nestor@fabrikam.com', 'Nestor'), to(SAMPLE.users.adele.userPrincipalName)],
					attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'plan.txt', contentBytes: Buffer.from('plan').toString('base64') }],
				},
			},
			userPath(SAMPLE.users.alex),
		);
		return newest(adele, 'inbox').id;
	}

	it('reply: 202, "RE: " subject, to the sender, comment above the quoted original, saved in Sent Items and delivered', async () => {
		const id = await receivedFromAlex();
		const answer = await graph(emulator, `${userPath()}/messages/${id}/reply`, { token, method: 'POST', body: { comment: 'Looks good.' } });
		expect(answer.status).toBe(202);
		const reply = newest(adele, 'sentitems');
		expect(reply).toMatchObject({ subject: 'RE: Plan', toRecipients: [{ emailAddress: { address: alexAddress } }], ccRecipients: [], hasAttachments: false });
		expect(reply.conversationId).toBe(emulator.store.message(adele, id).conversationId);
		expect(reply.body.contentType).toBe('html');
		expect(reply.body.content).toMatch(/Looks good\.[\s\S]*<b>From:<\/b> Alex Wilber &lt;AlexW@contoso\.onmicrosoft\.com&gt;[\s\S]*<b>Subject:<\/b> Plan[\s\S]*<p>Here is the plan\.<\/p>/);
		expect(newest(alex, 'inbox')).toMatchObject({ subject: 'RE: Plan', isRead: false });
	});

	it('replyAll: to the sender and the other To recipients, Cc kept, without the mailbox itself', async () => {
		const id = await receivedFromAlex();
		expect((await graph(emulator, `${userPath()}/messages/${id}/replyAll`, { token, method: 'POST', body: { comment: 'All good.' } })).status).toBe(202);
		const reply = newest(adele, 'sentitems');
		expect(reply.toRecipients.map((item) => item.emailAddress.address)).toEqual([alexAddress, 'megan@fabrikam.com']);
		expect(reply.ccRecipients.map((item) => item.emailAddress.address)).toEqual(['nestor@fabrikam.com']);
	});

	it('forward: "FW: " subject, the original attachments, to the toRecipients parameter', async () => {
		const id = await receivedFromAlex();
		const answer = await graph(emulator, `${userPath()}/messages/${id}/forward`, { token, method: 'POST', body: { comment: 'FYI', toRecipients: [to('boss@fabrikam.com')] } });
		expect(answer.status).toBe(202);
		const forwarded = newest(adele, 'sentitems');
		expect(forwarded).toMatchObject({ subject: 'FW: Plan', toRecipients: [{ emailAddress: { address: 'boss@fabrikam.com' } }], hasAttachments: true });
		expect(forwarded.attachments.map((attachment) => attachment.name)).toEqual(['plan.txt']);
	});

	it('forward answers 400 without recipients, and with toRecipients both as parameter and in message', async () => {
		const id = await receivedFromAlex();
		const none = await graph(emulator, `${userPath()}/messages/${id}/forward`, { token, method: 'POST', body: { comment: 'FYI' } });
		expect(none.status).toBe(400);
		expect(errorOf(none).code).toBe('ErrorInvalidRecipients');
		const both = await graph(emulator, `${userPath()}/messages/${id}/forward`, {
			token,
			method: 'POST',
			body: { toRecipients: [to('a@fabrikam.com')], message: { toRecipients: [to('b@fabrikam.com')] } },
		});
		expect(both.status).toBe(400);
	});

	it('answers 400 when both comment and message.body are given', async () => {
		const id = await receivedFromAlex();
		const answer = await graph(emulator, `${userPath()}/messages/${id}/reply`, {
			token,
			method: 'POST',
			body: { comment: 'one', message: { body: { contentType: 'text', content: 'two' } } },
		});
		expect(answer.status).toBe(400);
		expect(errorOf(answer).code).toBe('ErrorInvalidRequest');
	});

	it('takes message properties in place of the computed ones: recipients, body', async () => {
		const id = await receivedFromAlex();
		await graph(emulator, `${userPath()}/messages/${id}/reply`, {
			token,
			method: 'POST',
			body: { message: { toRecipients: [to('samantha@fabrikam.com')], body: { contentType: 'html', content: '<i>Mine</i>' } } },
		});
		const reply = newest(adele, 'sentitems');
		expect(reply.toRecipients.map((item) => item.emailAddress.address)).toEqual(['samantha@fabrikam.com']);
		expect(reply.body.content).toMatch(/<i>Mine<\/i>[\s\S]*Here is the plan/);
	});

	it('createReply, createReplyAll, createForward: 201 with a draft in Drafts, nothing sent', async () => {
		const id = await receivedFromAlex();
		const sentBefore = folderMessages(emulator, adele, 'sentitems').length;
		for (const [action, subject] of [
			['createReply', 'RE: Plan'],
			['createReplyAll', 'RE: Plan'],
			['createForward', 'FW: Plan'],
		] as const) {
			const answer = await graph(emulator, `${userPath()}/messages/${id}/${action}`, { token, method: 'POST', body: { comment: 'Draft reply' } });
			expect(answer.status).toBe(201);
			expect(answer.body).toMatchObject({
				subject,
				isDraft: true,
				parentFolderId: emulator.store.folder(adele, 'drafts').id,
				from: { emailAddress: { address: SAMPLE.users.adele.mail } },
			});
		}
		expect(folderMessages(emulator, adele, 'sentitems')).toHaveLength(sentBefore);
		const noBody = await graph(emulator, `${userPath()}/messages/${id}/createReply`, { token, method: 'POST' });
		expect(noBody.status).toBe(201);
	});
});
