/**
 * Issue 14's workflow in real n8n (the packed package installed as users install it, `n8n execute`, the emulator
 * in this process): a scheduled automatic reply (on from an hour ago for a week), a folder for a sender's mail, an
 * Inbox rule that moves the sender's mail into it (the folder given by its path), a mail from the sender delivered,
 * and the folder listed with the mail in it; the sender got the automatic reply.
 */
import { SAMPLE } from '../emulator';
import { useEmulator } from '../helpers/outlook';
import { nodeOutput } from './harness/n8n';
import { byId, linearWorkflow, manualTrigger, outlook } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele, alex } = SAMPLE.users;

/** One emulator for the file, back to its seed before each test. */
const emulator = useEmulator();

describe('Outlook Mail (App) in n8n execute: mailbox automation', () => {
	it('sets a scheduled automatic reply, creates a rule that moves mail from a sender into a folder, delivers such a mail and shows it filed', async () => {
		const subject = 'Invoice NW-2001 (e2e rule)';
		const workflow = linearWorkflow('e2eMailboxRules01', 'E2E rule files vendor mail', [
			manualTrigger(),
			outlook('Out of office', {
				resource: 'mailboxSettings',
				operation: 'updateAutomaticReplies',
				status: 'scheduled',
				start: '={{ $now.minus({ hours: 1 }).toISO() }}',
				end: '={{ $now.plus({ days: 7 }).toISO() }}',
				timeZone: 'W. Europe Standard Time',
				internalReply: '<p>I am away this week.</p>',
				externalAudience: 'none',
			}),
			outlook('Vendor folder', { resource: 'folder', operation: 'create', name: 'Inbox/Vendors/Alex', options: { createPath: true, returnExisting: true } }),
			outlook('File Alex mail', {
				resource: 'rule',
				operation: 'create',
				name: 'File mail from Alex',
				sequence: 1,
				conditions: { fromAddresses: alex.mail },
				actions: { moveToFolder: { __rl: true, mode: 'path', value: 'Inbox/Vendors/Alex' }, stopProcessingRules: true },
			}),
			outlook('Alex sends', { resource: 'message', operation: 'send', mailbox: alex.userPrincipalName, toRecipients: adele.mail, subject, bodyContent: '<p>Please pay.</p>' }),
			outlook('Filed mail', {
				resource: 'message',
				operation: 'getMany',
				folderScope: 'folder',
				folderId: byId("={{ $('Vendor folder').item.json.id }}"),
				returnAll: true,
			}),
		]);

		const n8n = await N8nCase.create('mailbox-rules', emulator());
		const run = await n8n.run(workflow);

		const away = nodeOutput(run, 'Out of office')[0].json;
		expect(away).toMatchObject({ status: 'scheduled', externalAudience: 'none', internalReplyMessage: '<p>I am away this week.</p>' });
		const patch = emulator().requests.find((request) => request.kind === 'graph' && request.method === 'PATCH' && request.path.endsWith('/mailboxSettings'));
		expect(patch?.body).toMatchObject({ automaticRepliesSetting: { status: 'scheduled', scheduledStartDateTime: { timeZone: 'W. Europe Standard Time' } } });
		expect(emulator().store.mailboxSettings(adele.id).automaticRepliesSetting.status).toBe('scheduled');
		const folder = nodeOutput(run, 'Vendor folder')[0].json;
		expect(folder).toMatchObject({ displayName: 'Alex', path: 'Inbox/Vendors/Alex' });
		const rule = nodeOutput(run, 'File Alex mail')[0].json;
		expect(rule).toMatchObject({ displayName: 'File mail from Alex', sequence: 1, isEnabled: true, hasError: false, actions: { moveToFolder: folder.id, stopProcessingRules: true } });
		expect(nodeOutput(run, 'Alex sends').map((item) => item.json)).toEqual([{ success: true }]);
		expect(nodeOutput(run, 'Filed mail').map((item) => item.json.subject)).toEqual([subject]);

		// What Graph holds afterwards: the rule, the mail in the folder and not in the Inbox.
		expect(emulator().store.rules.list(adele.id).map((stored) => stored.displayName)).toEqual(['File mail from Alex']);
		const inFolder = emulator().store.messages(adele.id, String(folder.id)).filter((message) => message.subject === subject);
		expect(inFolder).toHaveLength(1);
		const inInbox = emulator().store.messages(adele.id, emulator().store.folder(adele.id, 'inbox').id).filter((message) => message.subject === subject);
		expect(inInbox).toEqual([]);
		// The automatic reply was on when the mail came: Alex got it once.
		const alexInbox = emulator().store.messages(alex.id, emulator().store.folder(alex.id, 'inbox').id);
		expect(alexInbox.filter((message) => message.subject === `Automatic reply: ${subject}`)).toHaveLength(1);
		const posts = emulator().requests.filter((request) => request.kind === 'graph' && request.method === 'POST').map((request) => request.path);
		expect(posts).toContain(`/v1.0/users/${adele.userPrincipalName}/mailFolders/inbox/messageRules`);
	});
});
