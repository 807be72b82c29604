/**
 * Area 3, answers are checked: a 2xx whose body is not the JSON the request expects fails with an error that
 * says what came back (content type, first bytes), never as data; what Graph says about an attachment's name and
 * type is cleaned before it becomes file metadata; an HTML first delta round cannot make the trigger emit mail
 * that was there before activation.
 */
import { SAMPLE, type Emulator } from '../emulator';
import { runOutlook, useEmulator } from '../helpers/outlook';
import { TriggerHarness } from '../trigger/helpers';
import { emulatorCredential } from '../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele;

function answerGet(path: RegExp, status: number, contentType: string, body: string) {
	emulator.faults.add({ method: 'GET', path, status, headers: { 'Content-Type': contentType }, body });
}

describe('security: answers that are not what the request expects', () => {
	const getMessage = (id: string) => ({ resource: 'message', operation: 'get', messageId: { mode: 'id', value: id } });

	it.each([
		['an HTML page', 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>Sign in to the proxy</body></html>', 'not JSON (text/html; charset=utf-8, starting "<!DOCTYPE html><html><body>Sign in to the proxy</body></html…")'],
		['JSON that does not parse', 'application/json', '{"id": "AAMk', 'JSON that cannot be read (application/json, starting "{"id": "AAMk")'],
		['a JSON string', 'application/json', '"hello"', 'JSON that is not an object (application/json, starting ""hello"")'],
		['text with control characters', 'text/plain', 'line one\r\nSet-Cookie: x=1\u0000', 'not JSON (text/plain, starting "line one Set-Cookie: x=1")'],
	])('fails a Message > Get answered 200 with %s, saying what came back', async (_, contentType, body, what) => {
		const [message] = emulator.store.addMessages(ADELE.id, 'inbox', 1, 3);
		answerGet(/\/messages\/[^/]+$/, 200, contentType, body);
		const run = await runOutlook(emulator, getMessage(message.id), [{}], { continueOnFail: true });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual({
			error: `Graph answered 200 to GET /users/${encodeURIComponent(ADELE.userPrincipalName)}/messages/${encodeURIComponent(message.id)} with ${what}; it was not used.`,
		});
	});

	it('does not let an HTML first delta round make the trigger emit mail that was there before activation', async () => {
		const trigger = new TriggerHarness(emulator, {}, emulatorCredential(emulator));
		emulator.store.addMessages(ADELE.id, 'inbox', 3, 4);
		answerGet(/\/messages\/delta$/, 200, 'text/html', '<html>maintenance</html>');
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/with not JSON \(text\/html, starting "<html>maintenance<\/html>"\); it was not used\.$/);
		expect(failed.items).toEqual([]);
		// The next polls start the watch properly: the three old messages are not new mail.
		expect((await trigger.poll()).items).toEqual([]);
		const arrived = emulator.store.addMessage(ADELE.id, 'inbox', { receivedDateTime: new Date().toISOString(), subject: 'New one' }, 99);
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([arrived.id]);
	});

	it('cleans the name and type Graph gives an attachment before they become the file\'s name and MIME type', async () => {
		const [message] = emulator.store.addMessages(ADELE.id, 'inbox', 1, 6);
		const attachment = emulator.store.addFileAttachment(ADELE.id, message.id, 'report.pdf', Buffer.from('%PDF-1.7 test'));
		emulator.faults.add({
			method: 'GET',
			path: /\/attachments\/[^/]+$/,
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: { '@odata.type': '#microsoft.graph.fileAttachment', id: attachment.id, name: '../../etc/passwd\r\nX-Injected: 1', contentType: 'text/html\r\nSet-Cookie: a=b', size: 13 },
		});
		const run = await runOutlook(emulator, {
			resource: 'attachment',
			operation: 'download',
			messageId: { mode: 'id', value: message.id },
			scope: 'one',
			attachmentId: { mode: 'id', value: attachment.id },
		});
		expect(run.error).toBeUndefined();
		const binary = Object.values(run.items[0].binary ?? {})[0];
		expect(binary.fileName).toBe('.._.._etc_passwd__X-Injected: 1');
		expect(binary.mimeType).toBe('application/octet-stream');
	});
});
