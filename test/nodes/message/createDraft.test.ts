import { mailboxUrl, runOutlook } from '../../helpers/outlook';
import { ADELE, ALEX, graphRequests, itemWithFiles, patternBytes, sha256, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'createDraft' };

function inFolder(folder: string, subject: string) {
	const store = emulator().store;
	return store.messages(ADELE.id, store.folder(ADELE.id, folder).id).filter((message) => message.subject === subject);
}

describe('message > createDraft', () => {
	it('creates a draft in Drafts with the fields given, custom headers included, and outputs it', async () => {
		const run = await runOutlook(emulator(), {
			...base,
			toRecipients: ALEX.mail,
			subject: 'Proposal for review',
			bodyContent: 'Draft text',
			additionalFields: {
				bodyFormat: 'text',
				importance: 'low',
				internetMessageHeaders: { headers: [{ name: 'X-Workflow', value: 'proposals' }] },
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/messages`]);
		expect(graphRequests(emulator())[0].body).toEqual({
			toRecipients: [{ emailAddress: { address: ALEX.mail } }],
			subject: 'Proposal for review',
			body: { contentType: 'text', content: 'Draft text' },
			importance: 'low',
			internetMessageHeaders: [{ name: 'X-Workflow', value: 'proposals' }],
		});
		const [draft] = inFolder('drafts', 'Proposal for review');
		expect(draft).toMatchObject({ isDraft: true, importance: 'low' });
		expect(run.items[0].json).toMatchObject({ id: draft.id, isDraft: true, subject: 'Proposal for review' });
		expect(run.items[0].json).not.toHaveProperty('@odata.context');
	});

	it('creates the draft in the folder chosen, with a small attachment in the same request', async () => {
		const folder = emulator().store.addFolder(ADELE.id, 'inbox', 'Templates');
		const file = Buffer.from('a,b\n1,2\n');
		const run = await runOutlook(
			emulator(),
			{
				...base,
				subject: 'Template',
				additionalFields: { folderId: { mode: 'id', value: folder.id }, attachments: 'data' },
			},
			[itemWithFiles({ data: { content: file, fileName: 'table.csv', mimeType: 'text/csv' } })],
		);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/mailFolders/${encodeURIComponent(folder.id)}/messages`]);
		const [draft] = emulator().store.messages(ADELE.id, folder.id).filter((message) => message.subject === 'Template');
		expect(draft.attachments.map((attachment) => [attachment.name, 'content' in attachment ? sha256(attachment.content) : undefined])).toEqual([
			['table.csv', sha256(file)],
		]);
	});

	it('adds a 5 MB attachment to the new draft through an upload session', async () => {
		const file = patternBytes(5 * 1024 * 1024);
		const run = await runOutlook(
			emulator(),
			{ ...base, toRecipients: ALEX.mail, subject: 'With a large file', additionalFields: { attachments: 'data' } },
			[itemWithFiles({ data: { content: file, fileName: 'large.bin', mimeType: 'application/octet-stream' } })],
		);
		expect(run.error).toBeUndefined();
		const draft = inFolder('drafts', 'With a large file')[0];
		expect(run.graphCalls).toEqual([
			`POST ${mailboxUrl()}/messages`,
			`POST ${mailboxUrl()}/messages/${encodeURIComponent(draft.id)}/attachments/createUploadSession`,
		]);
		expect(emulator().requests.filter((request) => request.kind === 'upload').map((request) => request.headers['content-range'])).toEqual([
			`bytes 0-3932159/${file.length}`,
			`bytes 3932160-${file.length - 1}/${file.length}`,
		]);
		expect(run.items[0].json).toMatchObject({ id: draft.id, hasAttachments: true, attachments: [{ name: 'large.bin', size: file.length }] });
		expect(draft.attachments.map((attachment) => ('content' in attachment ? sha256(attachment.content) : undefined))).toEqual([sha256(file)]);
	});

	it('fails only the item whose folder does not exist, under continue-on-fail', async () => {
		const folder = emulator().store.addFolder(ADELE.id, 'inbox', 'Templates');
		const removed = emulator().store.addFolder(ADELE.id, 'inbox', 'Old templates');
		emulator().store.permanentlyDeleteFolder(ADELE.id, removed.id);
		const run = await runOutlook(
			emulator(),
			{ ...base, subject: '={{ $json.subject }}', additionalFields: { folderId: { mode: 'id', value: '={{ $json.folder }}' } } },
			[
				{ subject: 'Kept', folder: folder.id },
				{ subject: 'Lost', folder: removed.id },
			],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json).toMatchObject({ subject: 'Kept', isDraft: true });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});
});
