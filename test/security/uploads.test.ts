/**
 * Area 6, uploads finish once: once Graph has accepted the last chunk of an upload session, the item succeeds
 * whatever the Location header says (the attachment is taken from it when it can be, else looked up), so a
 * rerun never attaches the file twice, and nothing is ever uploaded again or sent to the Location's host.
 */
import { randomBytes } from 'node:crypto';

import { SAMPLE, type Emulator } from '../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../helpers/outlook';
import { useForeignHost } from './helpers/foreignHost';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const ADELE = SAMPLE.users.adele;
const ALEX = SAMPLE.users.alex;
const MB = 1024 * 1024;
/** One chunk (3.75 MB), above the 3 MB of inline attachments: the one PUT is the last. */
const FILE_BYTES = Math.round(3.5 * MB);

function emptyDraft() {
	const draft = emulator.store.addMessage(ADELE.id, 'drafts', { subject: 'Large file', isDraft: true });
	for (const attachment of [...draft.attachments]) emulator.store.removeAttachment(ADELE.id, draft.id, attachment.id);
	return draft;
}

const fileItem = (content: Buffer, fileName = 'survey.bin') => ({
	__binary: { data: { base64: content.toString('base64'), fileName, mimeType: 'application/octet-stream' } },
});

/** The last PUT of a session is answered as Graph answers it (201, the attachment stored), but with this Location. */
function lastChunkLocation(location: string) {
	emulator.faults.add({ method: 'PUT', path: /AttachmentSessions/, headers: { Location: location } });
}

async function addLargeFile(draftId: string, content: Buffer, options: Parameters<typeof runOutlook>[3] = {}) {
	return await runOutlook(
		emulator,
		{ resource: 'attachment', operation: 'add', messageId: { mode: 'id', value: draftId } },
		[fileItem(content)],
		options,
	);
}

const uploads = () => emulator.requests.filter((request) => request.kind === 'upload');
const sessions = () => emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/createUploadSession'));
const listings = () => emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'GET' && request.path.endsWith('/attachments'));

describe('security: an upload that Graph accepted finishes once', () => {
	it.each([
		['a Location whose ID does not decode', "Attachments('%E0%A4%A')"],
		['a Location that is not a URL', 'http://[not a url'],
		['a Location without an attachment', 'https://outlook.office.com/api/v2.0/Users/x'],
		['an empty Location', ''],
	])('succeeds with the attachment looked up after %s, uploading once', async (_, malformed) => {
		const draft = emptyDraft();
		const content = randomBytes(FILE_BYTES);
		lastChunkLocation(malformed);
		const run = await addLargeFile(draft.id, content);

		// Graph: one session, one chunk, one listing to find the attachment; one attachment in the store.
		expect(sessions()).toHaveLength(1);
		expect(uploads().map((request) => `${request.method} ${request.status}`)).toEqual(['PUT 201']);
		expect(listings()).toHaveLength(1);
		const stored = emulator.store.message(ADELE.id, draft.id).attachments;
		expect(stored).toHaveLength(1);
		// The user: a successful item naming the attachment Graph made.
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: stored[0].id, name: 'survey.bin', size: FILE_BYTES, type: 'file' });
		expect(foreign.host.requests).toEqual([]);
	});

	it('never takes an ID from, nor sends anything to, a Location on another host', async () => {
		const draft = emptyDraft();
		lastChunkLocation(`${foreign.host.origin('attacker.example')}/api/v2.0/Users('x')/Messages('y')/Attachments('AAMk-forged')`);
		const run = await addLargeFile(draft.id, randomBytes(FILE_BYTES));
		const stored = emulator.store.message(ADELE.id, draft.id).attachments;
		expect(stored).toHaveLength(1);
		expect(run.items[0].json.id).toBe(stored[0].id);
		expect(run.items[0].json.id).not.toBe('AAMk-forged');
		expect(uploads()).toHaveLength(1);
		expect(foreign.host.requests).toEqual([]);
	});

	it('picks the newest attachment of that name and size when the message already had one', async () => {
		const draft = emptyDraft();
		const content = randomBytes(FILE_BYTES);
		const first = await addLargeFile(draft.id, content);
		expect(first.error).toBeUndefined();
		lastChunkLocation("Attachments('%')");
		const second = await addLargeFile(draft.id, content);
		const stored = emulator.store.message(ADELE.id, draft.id).attachments;
		expect(stored).toHaveLength(2);
		expect(second.items[0].json.id).toBe(stored[1].id);
		expect(second.items[0].json.id).not.toBe(first.items[0].json.id);
	});

	it('still succeeds, without an ID, when the lookup fails too, and uploads nothing again', async () => {
		const draft = emptyDraft();
		lastChunkLocation("Attachments('%E0%A4%A')");
		emulator.faults.add({ method: 'GET', path: /\/attachments$/, status: 503, times: Infinity });
		const run = await addLargeFile(draft.id, randomBytes(FILE_BYTES), {
			credential: emulatorCredential(emulator, { retryMode: 'None' }),
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ name: 'survey.bin', size: FILE_BYTES, type: 'file' });
		expect(run.items[0].json).not.toHaveProperty('id');
		expect(emulator.store.message(ADELE.id, draft.id).attachments).toHaveLength(1);
		expect(sessions()).toHaveLength(1);
		expect(uploads()).toHaveLength(1);
		expect(foreign.host.requests).toEqual([]);
	});

	it('Send with a large attachment: a malformed Location still sends the mail once, with the file once', async () => {
		const content = randomBytes(FILE_BYTES);
		lastChunkLocation("Attachments('%E0%A4%A')");
		const subject = `Survey ${Date.now()}`;
		const run = await runOutlook(
			emulator,
			{
				resource: 'message',
				operation: 'send',
				toRecipients: ALEX.mail,
				subject,
				bodyContent: 'The survey data.',
				additionalFields: { attachments: 'data' },
			},
			[fileItem(content)],
		);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ success: true });
		const sends = emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/send'));
		expect(sends).toHaveLength(1);
		expect(uploads()).toHaveLength(1);
		const delivered = emulator.store.messages(ALEX.id).filter((message) => message.subject === subject);
		expect(delivered).toHaveLength(1);
		expect(delivered[0].attachments.map((attachment) => attachment.name)).toEqual(['survey.bin']);
		expect(foreign.host.requests).toEqual([]);
	});

	it('fails the item when the last answer says Graph still expects bytes, and makes no second upload', async () => {
		const draft = emptyDraft();
		emulator.faults.add({
			method: 'PUT',
			path: /AttachmentSessions/,
			status: 200,
			body: { ExpirationDateTime: '2026-12-01T11:00:00.0000000Z', nextExpectedRanges: ['0-'] },
		});
		const run = await addLargeFile(draft.id, randomBytes(FILE_BYTES));
		expect(run.error?.message).toMatch(/^The upload session still expects bytes from "0-" after all \d+ bytes were sent: the attachment was not added\./);
		expect(uploads()).toHaveLength(1);
		expect(emulator.store.message(ADELE.id, draft.id).attachments).toEqual([]);
		expect(foreign.host.requests).toEqual([]);
	});
});
