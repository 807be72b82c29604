/**
 * The Outlook Mail (App) node in real n8n: the packed package installed as n8n installs community packages
 * (node types `n8n-nodes-outlook-mail-app.*`), a credential and a workflow imported with n8n's CLI, the workflow run with `n8n execute`, against the emulator running
 * in this process. One fresh n8n user folder per case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SAMPLE, type StoredMessage } from '../emulator';
import { useEmulator } from '../helpers/outlook';
import { compiledEntryPoints, installedPackageDir, nodeOutput, type RunItem } from './harness/n8n';
import { base64ToFile, byId, linearWorkflow, manualTrigger, outlook, setFields } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';
import { loadState } from './setup/state';

const { adele, alex } = SAMPLE.users;

/** One emulator for the file, back to its seed before each test. */
const emulator = useEmulator();

/** Bytes that survive only an encoding-clean path: a PDF header, every byte value, a trailer. */
function fileBytes(label: string): Buffer {
	const all = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
	return Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`), all, all.reverse(), Buffer.from('\n%%EOF\n')]);
}

/**
 * The bytes of a binary item n8n output: inline base64, or a file of n8n's filesystem binary data store
 * (n8n 2.x's default mode), which lives in <user folder>/.n8n/storage.
 */
function binaryBytes(userFolder: string, binary: NonNullable<RunItem['binary']>[string]): Buffer {
	if (binary.id?.startsWith('filesystem-v2:')) {
		return readFileSync(join(userFolder, '.n8n', 'storage', binary.id.slice('filesystem-v2:'.length)));
	}
	if (binary.data && binary.data !== 'filesystem-v2') return Buffer.from(binary.data, 'base64');
	throw new Error(`cannot read binary data ${JSON.stringify(binary)}`);
}

const graphRequests = () => emulator().requests.filter((request) => request.kind === 'graph');

describe('the package as n8n loads it', () => {
	it('declares in package.json every node and credential it ships (n8n installs community packages from that list)', () => {
		const installed = installedPackageDir(loadState().templateUserFolder);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		const shipped = compiledEntryPoints(installed);
		expect({ nodes: [...manifest.n8n.nodes].sort(), credentials: [...manifest.n8n.credentials].sort() }).toEqual(shipped);
	});
});

describe('Outlook Mail (App) in n8n execute', () => {
	it('Message > Send: a file made by n8n nodes is delivered as an attachment, byte for byte', async () => {
		const bytes = fileBytes('invoice 0042');
		const subject = 'Invoice 0042 (e2e send)';
		const workflow = linearWorkflow('e2eMessageSend01', 'E2E message send with attachment', [
			manualTrigger(),
			setFields('Invoice content', { content: bytes.toString('base64') }),
			base64ToFile('Invoice file', 'content', 'invoice-0042.pdf', 'application/pdf'),
			outlook('Send invoice', {
				resource: 'message',
				operation: 'send',
				toRecipients: alex.mail,
				subject,
				bodyContent: '<p>Please find invoice 0042 attached.</p>',
				additionalFields: { attachments: 'data' },
			}),
		]);

		const n8n = await N8nCase.create('message-send', emulator());
		const run = await n8n.run(workflow);

		expect(nodeOutput(run, 'Send invoice').map((item) => item.json)).toEqual([{ success: true }]);
		const sends = graphRequests().filter((request) => request.method === 'POST' && /\/sendMail$/.test(request.path));
		expect(sends.map((request) => request.path)).toEqual([`/v1.0/users/${adele.userPrincipalName}/sendMail`]);

		const delivered = emulator().store.messages(alex.id, emulator().store.folder(alex.id, 'inbox').id).filter((message) => message.subject === subject);
		expect(delivered).toHaveLength(1);
		expect(delivered[0].from?.emailAddress.address.toLowerCase()).toBe(adele.mail.toLowerCase());
		expect(delivered[0].attachments).toHaveLength(1);
		const [attachment] = delivered[0].attachments;
		expect(attachment).toMatchObject({ kind: 'file', name: 'invoice-0042.pdf', contentType: 'application/pdf', size: bytes.length });
		expect(attachment.kind === 'file' && attachment.content.equals(bytes)).toBe(true);
		const kept = emulator().store.messages(adele.id, emulator().store.folder(adele.id, 'sentitems').id).filter((message) => message.subject === subject);
		expect(kept).toHaveLength(1);
	});

	it('Message > Get Many with filters: the matching messages, newest first, from exactly the $filter the filters make', async () => {
		const sender = { emailAddress: { name: 'Northwind Billing', address: 'billing@northwind.example' } };
		const inbox = emulator().store.folder(adele.id, 'inbox').id;
		const add = (subject: string, receivedDateTime: string, isRead: boolean, from = sender): StoredMessage =>
			emulator().store.addMessage(adele.id, inbox, { subject, receivedDateTime, sentDateTime: receivedDateTime, isRead, from, sender: from });
		const older = add('Invoice NW-1001', '2024-07-01T08:00:00Z', false);
		add('Invoice NW-1002 (already read)', '2024-07-02T08:00:00Z', true);
		const newer = add('Invoice NW-1003', '2024-07-03T08:00:00Z', false);
		add('Statement for June', '2024-07-04T08:00:00Z', false);
		add('Invoice from someone else', '2024-07-05T08:00:00Z', false, { emailAddress: { name: 'Other', address: 'billing@other.example' } });

		const workflow = linearWorkflow('e2eMessageGetMany1', 'E2E message get many with filters', [
			manualTrigger(),
			outlook('Unread Northwind invoices', {
				resource: 'message',
				operation: 'getMany',
				folderScope: 'folder',
				folderId: byId('inbox'),
				returnAll: true,
				filters: { from: 'billing@northwind.example', subjectContains: 'Invoice', unreadOnly: true },
			}),
		]);

		const n8n = await N8nCase.create('message-get-many', emulator());
		emulator().clearRequests();
		const run = await n8n.run(workflow);

		const items = nodeOutput(run, 'Unread Northwind invoices');
		expect(items.map((item) => [item.json.id, item.json.subject])).toEqual([
			[newer.id, 'Invoice NW-1003'],
			[older.id, 'Invoice NW-1001'],
		]);
		const lists = graphRequests().filter((request) => request.method === 'GET' && /\/messages$/.test(request.path));
		expect(lists).toHaveLength(1);
		expect(lists[0].path).toBe(`/v1.0/users/${adele.userPrincipalName}/mailFolders/inbox/messages`);
		expect(lists[0].query.$filter).toBe(
			"receivedDateTime ge 1900-01-01T00:00:00Z and from/emailAddress/address eq 'billing@northwind.example' and contains(subject,'Invoice') and isRead eq false",
		);
		expect(lists[0].query.$orderby).toBe('receivedDateTime desc');
	});

	it('Folder > Create with a path: Inbox/Clients/ACME creates each missing level under Inbox', async () => {
		const workflow = linearWorkflow('e2eFolderCreate01', 'E2E folder create with a path', [
			manualTrigger(),
			outlook('Client folder', { resource: 'folder', operation: 'create', name: 'Inbox/Clients/ACME', options: { createPath: true } }),
		]);

		const n8n = await N8nCase.create('folder-create', emulator());
		const run = await n8n.run(workflow);

		const inbox = emulator().store.folder(adele.id, 'inbox');
		const clients = emulator().store.childFolders(adele.id, inbox.id).filter((folder) => folder.displayName === 'Clients');
		expect(clients).toHaveLength(1);
		const acme = emulator().store.childFolders(adele.id, clients[0].id);
		expect(acme.map((folder) => folder.displayName)).toEqual(['ACME']);
		const [item] = nodeOutput(run, 'Client folder');
		expect(item.json).toMatchObject({ id: acme[0].id, displayName: 'ACME', path: 'Inbox/Clients/ACME' });
	});

	it('Attachment > Download: the attachment becomes n8n binary data with its name, type and bytes', async () => {
		const bytes = fileBytes('quarterly report');
		const inbox = emulator().store.folder(adele.id, 'inbox').id;
		const message = emulator().store.addMessage(adele.id, inbox, { subject: 'Q2 report attached' });
		const attachment = emulator().store.addFileAttachment(adele.id, message.id, 'Q2 report.pdf', bytes, 'application/pdf');

		const workflow = linearWorkflow('e2eAttachmentDl01', 'E2E attachment download', [
			manualTrigger(),
			outlook('Download report', {
				resource: 'attachment',
				operation: 'download',
				messageId: byId(message.id),
				scope: 'one',
				attachmentId: byId(attachment.id),
				binaryPropertyName: 'report',
			}),
		]);

		const n8n = await N8nCase.create('attachment-download', emulator());
		const run = await n8n.run(workflow);

		const items = nodeOutput(run, 'Download report');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: attachment.id, name: 'Q2 report.pdf', contentType: 'application/pdf', size: bytes.length });
		const binary = items[0].binary?.report;
		expect(binary).toMatchObject({ fileName: 'Q2 report.pdf', mimeType: 'application/pdf' });
		expect(binaryBytes(n8n.userFolder, binary!).equals(bytes)).toBe(true);
	});
});

describe('many mailboxes in n8n execute', () => {
	it("Mailbox > Get Many lists a group's members with a mailbox, and feeds each one's id to Message > Get Many as its Mailbox", async () => {
		const { marketing } = SAMPLE.groups;
		const { sales, lukas } = SAMPLE.mailboxes;
		const members = [alex, sales, lukas];
		for (const [index, member] of members.entries()) emulator().store.addMessages(member.id, 'inbox', 3, 900 + index);
		const workflow = linearWorkflow('e2eManyMailboxes1', 'E2E group members and their newest mail', [
			manualTrigger(),
			outlook('Members', { resource: 'mailbox', operation: 'getMany', returnAll: true, filters: { groupId: marketing.id }, options: { onlyWithMailbox: true } }),
			outlook('Newest mail', {
				resource: 'message',
				operation: 'getMany',
				mailbox: '={{ $json.id }}',
				folderScope: 'folder',
				folderId: byId('inbox'),
				limit: 2,
			}),
		]);

		const n8n = await N8nCase.create('many-mailboxes', emulator());
		const run = await n8n.run(workflow);

		const listed = nodeOutput(run, 'Members').map((item) => item.json);
		expect(listed.map((user) => user.id).sort()).toEqual(members.map((member) => member.id).sort());
		expect(listed.find((user) => user.id === sales.id)).toMatchObject({ mail: sales.mail, purpose: 'shared' });
		// Two messages per member, each of that member's own Inbox.
		const messages = nodeOutput(run, 'Newest mail').map((item) => item.json);
		expect(messages).toHaveLength(2 * members.length);
		const owners = messages.map((message) => members.filter((member) => emulator().store.messages(member.id, emulator().store.folder(member.id, 'inbox').id).some((stored) => stored.id === message.id)).length);
		expect(owners).toEqual(messages.map(() => 1));
		const perMailbox = emulator()
			.requests.filter((request) => request.kind === 'graph' && request.method === 'GET' && /\/mailFolders\/inbox\/messages$/.test(request.path))
			.map((request) => request.mailbox);
		expect(perMailbox.sort()).toEqual(members.map((member) => member.id).sort());
	});
});

describe('Mailbox Settings, Category and Mail Tips in n8n execute', () => {
	it('schedules automatic replies in a chosen time zone, then reads them back with Get', async () => {
		const workflow = linearWorkflow('e2eAutoReplies01', 'E2E scheduled automatic replies', [
			manualTrigger(),
			outlook('Schedule replies', {
				resource: 'mailboxSettings',
				operation: 'updateAutomaticReplies',
				status: 'scheduled',
				start: '2099-07-01T09:00:00',
				end: '2099-07-15T17:30:00',
				timeZone: 'W. Europe Standard Time',
				internalReply: '<p>On leave until 15 July.</p>',
				externalAudience: 'contactsOnly',
				externalReply: '<p>On leave.</p>',
			}),
			outlook('Read settings', { resource: 'mailboxSettings', operation: 'get' }),
		]);

		const n8n = await N8nCase.create('automatic-replies', emulator());
		const run = await n8n.run(workflow);

		const setting = {
			status: 'scheduled',
			externalAudience: 'contactsOnly',
			scheduledStartDateTime: { dateTime: '2099-07-01T07:00:00.0000000', timeZone: 'UTC' },
			scheduledEndDateTime: { dateTime: '2099-07-15T15:30:00.0000000', timeZone: 'UTC' },
			internalReplyMessage: '<p>On leave until 15 July.</p>',
			externalReplyMessage: '<p>On leave.</p>',
		};
		expect(nodeOutput(run, 'Schedule replies').map((item) => item.json)).toEqual([setting]);
		expect(nodeOutput(run, 'Read settings').map((item) => item.json.automaticRepliesSetting)).toEqual([setting]);
		expect(emulator().store.mailboxSettings(adele.id).automaticRepliesSetting).toEqual(setting);
	});

	it('creates a category by colour name, recolours it found By Name, and asks mail tips of a colleague on leave', async () => {
		emulator().store.updateMailboxSettings(alex.id, {
			automaticRepliesSetting: { ...emulator().store.mailboxSettings(alex.id).automaticRepliesSetting, status: 'alwaysEnabled', internalReplyMessage: 'On leave' },
		});
		const workflow = linearWorkflow('e2eCategoryTips01', 'E2E category and mail tips', [
			manualTrigger(),
			outlook('Create category', { resource: 'category', operation: 'create', name: 'Invoices', color: 'DarkBlue' }),
			outlook('Recolour category', {
				resource: 'category',
				operation: 'update',
				categoryId: { __rl: true, mode: 'name', value: '={{ $json.displayName.toLowerCase() }}' },
				color: 'Teal',
			}),
			outlook('Mail tips', { resource: 'mailTips', operation: 'get', recipients: `${alex.mail}, partner@fabrikam.com`, tips: ['automaticReplies', 'recipientScope'] }),
		]);

		const n8n = await N8nCase.create('category-tips', emulator());
		const run = await n8n.run(workflow);

		const created = emulator().store.categories.list(adele.id).find((category) => category.displayName === 'Invoices');
		expect(nodeOutput(run, 'Create category').map((item) => item.json)).toEqual([{ id: created?.id, displayName: 'Invoices', color: 'preset22', colorName: 'DarkBlue' }]);
		expect(nodeOutput(run, 'Recolour category').map((item) => item.json)).toEqual([{ id: created?.id, displayName: 'Invoices', color: 'preset5', colorName: 'Teal' }]);
		expect(nodeOutput(run, 'Mail tips').map((item) => item.json)).toEqual([
			{ emailAddress: { name: '', address: alex.mail }, automaticReplies: { message: 'On leave', messageLanguage: { locale: 'en-US', displayName: 'English (United States)' } }, recipientScope: 'internal' },
			{ emailAddress: { name: '', address: 'partner@fabrikam.com' }, recipientScope: 'external' },
		]);
	});
});
