import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, folderMessages, graph, userPath } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;
const alex = SAMPLE.users.alex.id;
const adeleAddress = SAMPLE.users.adele.mail;
const alexAddress = SAMPLE.users.alex.mail;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const to = (address: string) => ({ emailAddress: { address } });

async function rule(body: Record<string, unknown>, user: { userPrincipalName: string } = SAMPLE.users.adele): Promise<void> {
	const answer = await graph(emulator, `${userPath(user)}/mailFolders/inbox/messageRules`, { token, method: 'POST', body: { isEnabled: true, sequence: 1, ...body } });
	if (answer.status !== 201) throw new Error(`rule not created: ${JSON.stringify(answer.body)}`);
}

/** Alex sends a message to Adele (and whoever else `message` names). */
async function alexSends(message: Record<string, unknown>): Promise<void> {
	const answer = await graph(emulator, `${userPath(SAMPLE.users.alex)}/sendMail`, {
		token,
		method: 'POST',
		body: { message: { subject: 'Hello', body: { contentType: 'Text', content: 'Just saying hello.' }, toRecipients: [to(adeleAddress)], ...message } },
	});
	if (answer.status !== 202) throw new Error(`not sent: ${JSON.stringify(answer.body)}`);
}

const inFolder = (userId: string, folder: string, subject: string) => folderMessages(emulator, userId, folder).filter((message) => message.subject === subject);
const projects = () => emulator.store.childFolders(adele, emulator.store.folder(adele, 'inbox').id).find((folder) => folder.displayName === 'Projects')!;

describe('Inbox rules on delivery', () => {
	it('moves mail from a sender into a folder: the message is filed there and not in the Inbox', async () => {
		await rule({ displayName: 'Alex to Projects', conditions: { senderContains: ['alex'] }, actions: { moveToFolder: projects().id } });
		await alexSends({ subject: 'Q3 plan' });
		expect(inFolder(adele, 'inbox', 'Q3 plan')).toHaveLength(0);
		expect(inFolder(adele, projects().id, 'Q3 plan')).toHaveLength(1);
	});

	it('matches fromAddresses, sentToAddresses, subject, body, importance and attachments, all of them at once', async () => {
		await rule({
			displayName: 'Everything',
			conditions: {
				fromAddresses: [to(alexAddress)],
				sentToAddresses: [to(adeleAddress)],
				subjectContains: ['invoice'],
				bodyContains: ['PAY NOW'],
				importance: 'high',
				hasAttachments: true,
			},
			actions: { markAsRead: true, markImportance: 'low', assignCategories: ['Finance'] },
		});
		const attachment = { '@odata.type': '#microsoft.graph.fileAttachment', name: 'a.txt', contentBytes: Buffer.from('x').toString('base64') };
		await alexSends({ subject: 'Invoice 7', importance: 'high', body: { contentType: 'Text', content: 'please pay now' }, attachments: [attachment] });
		await alexSends({ subject: 'Invoice 8', importance: 'high', body: { contentType: 'Text', content: 'please pay now' } });
		expect(inFolder(adele, 'inbox', 'Invoice 7')[0]).toMatchObject({ isRead: true, importance: 'low', categories: ['Finance'] });
		expect(inFolder(adele, 'inbox', 'Invoice 8')[0]).toMatchObject({ isRead: false, importance: 'high', categories: [] });
	});

	it('skips a message an exception matches, and a disabled rule', async () => {
		await rule({ displayName: 'Read all but urgent', actions: { markAsRead: true }, exceptions: { subjectContains: ['urgent'] } });
		await rule({ displayName: 'Off', isEnabled: false, actions: { delete: true } });
		await alexSends({ subject: 'Urgent: call me' });
		await alexSends({ subject: 'FYI' });
		expect(inFolder(adele, 'inbox', 'Urgent: call me')[0].isRead).toBe(false);
		expect(inFolder(adele, 'inbox', 'FYI')[0].isRead).toBe(true);
	});

	it('runs rules in sequence and stops at stopProcessingRules; later rules see the message where earlier ones left it', async () => {
		await rule({ displayName: 'File', sequence: 1, actions: { moveToFolder: projects().id } });
		await rule({ displayName: 'Flag', sequence: 2, actions: { assignCategories: ['Seen'], stopProcessingRules: true } });
		await rule({ displayName: 'Never', sequence: 3, actions: { permanentDelete: true } });
		await alexSends({ subject: 'Ordered' });
		expect(inFolder(adele, projects().id, 'Ordered')[0].categories).toEqual(['Seen']);
	});

	it('copies into a folder, keeping the Inbox copy', async () => {
		await rule({ displayName: 'Copy', actions: { copyToFolder: projects().id } });
		await alexSends({ subject: 'Twice' });
		expect(inFolder(adele, 'inbox', 'Twice')).toHaveLength(1);
		expect(inFolder(adele, projects().id, 'Twice')).toHaveLength(1);
	});

	it('deletes to Deleted Items, or for good with permanentDelete', async () => {
		await rule({ displayName: 'Bin', conditions: { subjectContains: ['spam'] }, actions: { delete: true } });
		await rule({ displayName: 'Shred', sequence: 2, conditions: { subjectContains: ['shred'] }, actions: { permanentDelete: true } });
		await alexSends({ subject: 'spam offer' });
		await alexSends({ subject: 'shred this' });
		expect(inFolder(adele, 'deleteditems', 'spam offer')).toHaveLength(1);
		expect(emulator.store.messages(adele).filter((message) => message.subject === 'shred this')).toEqual([]);
	});

	it('skips a rule in error (its folder is gone) and goes on with the next', async () => {
		const folder = emulator.store.createFolder(adele, 'inbox', 'Temporary');
		await rule({ displayName: 'Broken', actions: { moveToFolder: folder.id, stopProcessingRules: true } });
		await rule({ displayName: 'Read', sequence: 2, actions: { markAsRead: true } });
		emulator.store.permanentlyDeleteFolder(adele, folder.id);
		await alexSends({ subject: 'Still arrives' });
		expect(inFolder(adele, 'inbox', 'Still arrives')[0].isRead).toBe(true);
	});

	it('knows whether the mail was sent to the mailbox alone, or not to it at all', async () => {
		await rule({ displayName: 'Only me', conditions: { sentOnlyToMe: true }, actions: { assignCategories: ['Personal'] } });
		await rule({ displayName: 'Cc', sequence: 2, conditions: { notSentToMe: true }, actions: { assignCategories: ['Bcc'] } });
		await alexSends({ subject: 'Just you' });
		await alexSends({ subject: 'Both of us', toRecipients: [to(adeleAddress), to('someone@fabrikam.com')] });
		await alexSends({ subject: 'Blind', toRecipients: [to('someone@fabrikam.com')], bccRecipients: [to(adeleAddress)] });
		expect(inFolder(adele, 'inbox', 'Just you')[0].categories).toEqual(['Personal']);
		expect(inFolder(adele, 'inbox', 'Both of us')[0].categories).toEqual([]);
		expect(inFolder(adele, 'inbox', 'Blind')[0].categories).toEqual(['Bcc']);
	});

	it('forwards, forwards as attachment and redirects: delivered from the mailbox, without running the target\'s rules, and traced', async () => {
		await rule({ displayName: 'Forward', actions: { forwardTo: [to(alexAddress)], forwardAsAttachmentTo: [to(alexAddress)] } });
		await rule({ displayName: 'Redirect', sequence: 2, actions: { redirectTo: [to(alexAddress)] } });
		await rule({ displayName: 'Alex drops everything', actions: { permanentDelete: true } }, SAMPLE.users.alex);
		await graph(emulator, `${userPath()}/sendMail`, {
			token,
			method: 'POST',
			body: { message: { subject: 'Report', body: { contentType: 'Text', content: 'See the numbers.' }, toRecipients: [to(adeleAddress)] } },
		});
		const alexInbox = folderMessages(emulator, alex, 'inbox');
		const forwarded = alexInbox.filter((message) => message.subject === 'FW: Report');
		expect(forwarded).toHaveLength(2);
		expect(forwarded.every((message) => message.from?.emailAddress.address === adeleAddress)).toBe(true);
		expect(forwarded.map((message) => message.attachments.map((attachment) => attachment.kind))).toContainEqual(['item']);
		const redirected = alexInbox.find((message) => message.subject === 'Report');
		expect(redirected?.from?.emailAddress.address).toBe(adeleAddress);
		const traced = emulator.store.traces.forTenant(SAMPLE.tenantId).filter((row) => row.recipientAddress === alexAddress);
		expect(traced.map((row) => row.subject).sort()).toEqual(['FW: Report', 'FW: Report', 'Report']);
	});

	it('compares senderContains without case, against the name and the address', async () => {
		await rule({ displayName: 'Wilber', conditions: { senderContains: ['wilber'] }, actions: { markAsRead: true } });
		await alexSends({ subject: 'By name' });
		expect(inFolder(adele, 'inbox', 'By name')[0].isRead).toBe(true);
	});
});
