import { useBinaryDataMode } from '../../helpers/n8n';
import { mailboxUrl, runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, binaryContent, graphRequests, messageUrl, query, SIMPLE_SELECT, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'get' };

function aMessage() {
	return emulator().store.messages(ADELE.id)[0];
}

/** A sample message of Adele's with at least one file attachment. */
function withFileAttachment() {
	const message = emulator()
		.store.messages(ADELE.id)
		.find((candidate) => candidate.attachments.some((attachment) => 'content' in attachment && attachment.content.length > 0));
	if (!message) throw new Error('no sample message with a file attachment');
	return message;
}

describe('message > get', () => {
	it('returns the simplified message, paired with its item', async () => {
		const message = aMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${messageUrl(message.id)}${query({ $select: SIMPLE_SELECT })}`]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: message.id, subject: message.subject });
		expect(run.items[0].json).not.toHaveProperty('body');
		expect(run.items[0].json).not.toHaveProperty('@odata.etag');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns only the selected fields, with the ID', async () => {
		const message = aMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, output: 'fields', fields: ['subject', 'from'] });
		expect(run.graphCalls).toEqual([`GET ${messageUrl(message.id)}${query({ $select: 'id,subject,from' })}`]);
		expect(Object.keys(run.items[0].json).sort()).toEqual(['from', 'id', 'subject']);
	});

	it('returns every default field with the body as text for Raw output and Body Format text', async () => {
		const message = aMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, output: 'raw', options: { bodyFormat: 'text' } });
		expect(run.graphCalls).toEqual([`GET ${messageUrl(message.id)}`]);
		expect(graphRequests(emulator())[0].headers.prefer).toBe('outlook.body-content-type="text"');
		expect(run.items[0].json.body).toEqual({ contentType: 'text', content: expect.any(String) });
		expect(String((run.items[0].json.body as { content: string }).content)).not.toMatch(/<html/i);
		expect(run.items[0].json).toHaveProperty('toRecipients');
	});

	it('asks for HTML bodies by default', async () => {
		const message = aMessage();
		await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, output: 'raw' });
		expect(graphRequests(emulator())[0].headers.prefer).toBe('outlook.body-content-type="html"');
	});

	it('works in another mailbox named by the Mailbox parameter', async () => {
		const message = emulator().store.messages(ALEX.id)[0];
		const run = await runOutlook(
			emulator(),
			{ ...base, mailbox: '={{ $json.mailbox }}', messageId: { mode: 'id', value: '={{ $json.id }}' } },
			[{ mailbox: ALEX.userPrincipalName, id: message.id }],
		);
		expect(run.items[0].json.id).toBe(message.id);
		expect(run.graphCalls[0]).toContain(mailboxUrl(ALEX.userPrincipalName));
	});

	it('takes the ID from an Outlook on the web URL', async () => {
		const message = aMessage();
		const ewsId = message.id.replace(/-/g, '/').replace(/_/g, '+');
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'url', value: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(ewsId)}&exvsurl=1&viewmodel=ReadMessageItem` },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json.id).toBe(message.id);
	});

	describe.each(['default', 'filesystem'] as const)('with binary data in %s mode', (mode) => {
		beforeAll(async () => await useBinaryDataMode(mode));
		afterAll(async () => await useBinaryDataMode('default'));

		it('downloads file attachments as binary properties and the MIME source as an .eml file', async () => {
			const message = withFileAttachment();
			const files = message.attachments.filter((attachment) => 'content' in attachment);
			const run = await runOutlook(emulator(), {
				...base,
				messageId: { mode: 'id', value: message.id },
				options: { downloadAttachments: true, attachmentsPrefix: 'file_', getMimeSource: true, mimeBinaryProperty: 'eml' },
			});
			expect(run.error).toBeUndefined();
			expect(run.graphCalls).toEqual([
				`GET ${messageUrl(message.id)}${query({ $select: SIMPLE_SELECT })}`,
				`GET ${messageUrl(message.id, 'attachments')}${query({ $select: 'id,name,contentType,size,isInline', $top: 1000 })}`,
				...message.attachments
					.filter((attachment) => attachment.kind !== 'reference')
					.map((attachment) => `GET ${messageUrl(message.id, 'attachments', encodeURIComponent(attachment.id), '$value')}`),
				`GET ${messageUrl(message.id, '$value')}`,
			]);
			const binary = run.items[0].binary ?? {};
			for (const [index, file] of files.entries()) {
				const property = binary[`file_${index}`];
				expect(property).toMatchObject({ fileName: file.name, mimeType: file.contentType });
				if (mode === 'filesystem') expect(property.id).toEqual(expect.any(String));
				expect((await binaryContent(property)).equals((file as { content: Buffer }).content)).toBe(true);
			}
			expect(binary.eml).toMatchObject({ mimeType: 'message/rfc822', fileName: `${message.subject.replace(/[/\\]/g, '_')}.eml` });
			const mime = (await binaryContent(binary.eml)).toString('utf8');
			expect(mime).toMatch(/^[\s\S]*\r\nMIME-Version: 1\.0\r\n/);
			expect(mime).toContain(message.internetMessageId);
		});
	});

	it('fails the item with the Graph code and a hint when the message no longer exists', async () => {
		const gone = aMessage();
		emulator().store.deleteMessage(ADELE.id, gone.id);
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: gone.id } }, [{}], { continueOnFail: true });
		expect(String(run.items[0].json.error)).toMatch(/^ErrorItemNotFound: .*The message, folder or attachment was not found in this mailbox/);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});
});
