/**
 * The trigger watching many mailboxes, through n8n-core's poll context against the emulator: a list or a group's
 * members, each mailbox with its own state, failures that hold back no other mailbox, group changes picked up
 * without old mail, the poll budget shared fairly, and an empty poll over many mailboxes in a few `$batch` requests.
 */
import type { IDataObject } from 'n8n-workflow';

import { isGraphHttpRequest, SAMPLE, type Emulator } from '../emulator';
import { createVirtualClock } from '../helpers/clock';
import { useEmulator } from '../helpers/outlook';
import { useN8nLog } from '../security/helpers/n8nLog';
import { TriggerHarness } from './helpers';

const clock = createVirtualClock(new Date().toISOString());
let emulator: Emulator;
useEmulator((started) => (emulator = started), { virtualClock: clock });
const log = useN8nLog();

const { adele, alex, noMailbox } = SAMPLE.users;
const { sales, lukas } = SAMPLE.mailboxes;
const MINUTE = 60_000;

let sequence = 0;
function arrive(userId: string) {
	sequence++;
	return emulator.store.addMessage(userId, 'inbox', { receivedDateTime: new Date(clock.now()).toISOString(), isRead: false, subject: `Multi ${sequence}` }, sequence);
}

const graph = () => emulator.requests.filter((request) => request.kind === 'graph');
const batches = () => emulator.requests.filter((request) => request.kind === 'batch');
/** HTTP requests to Graph: $batch requests, and requests sent alone. */
const httpRequests = () => emulator.requests.filter(isGraphHttpRequest);
const deltaMailboxes = () => graph().filter((request) => request.path.endsWith('/messages/delta')).map((request) => request.mailbox);
const watchOf = (trigger: TriggerHarness) => (trigger.staticData['node:Trigger'] as IDataObject).outlookMailApp as IDataObject & {
	mailboxes: Record<string, IDataObject>;
	health: Record<string, { failures: number; retryAt: string }>;
	first: string[];
	group?: { id: string; readAt: string; members: string[] };
};

describe('trigger: a list of mailboxes', () => {
	it('emits each mailbox\'s new mail once, each item saying its mailbox, after a baseline of the mail already there', async () => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: `${adele.userPrincipalName}, ${alex.userPrincipalName}\n${lukas.id}` });
		const first = await trigger.poll();
		expect(first).toEqual({ items: [] });
		const mails = [arrive(adele.id), arrive(alex.id), arrive(lukas.id)];
		emulator.clearRequests();
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => [item.json.mailbox, item.json.id])).toEqual([
			[adele.userPrincipalName, mails[0].id],
			[alex.userPrincipalName, mails[1].id],
			[lukas.id, mails[2].id],
		]);
		// The three delta requests went in one $batch.
		expect(batches()).toHaveLength(1);
		expect(httpRequests()).toHaveLength(1);
		expect(deltaMailboxes().sort()).toEqual([adele.id, alex.id, lukas.id].sort());
		expect((await trigger.poll()).items).toEqual([]);
	});

	it('costs ceil(N / 20) HTTP requests for an empty poll over N mailboxes', async () => {
		const users = emulator.store.addUsers(SAMPLE.tenantId, 45, { seed: 3 });
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: users.map((user) => user.userPrincipalName) });
		await trigger.poll();
		emulator.clearRequests();
		const empty = await trigger.poll();
		expect(empty).toEqual({ items: [] });
		expect(httpRequests().map((request) => request.kind)).toEqual(['batch', 'batch', 'batch']);
		expect(graph()).toHaveLength(45);
		expect(new Set(deltaMailboxes()).size).toBe(45);
	});
});

describe('trigger: the Mailboxes field', () => {
	it.each<[string, unknown, string]>([
		['a number in the list', [adele.id, 42], 'Mailboxes must be text (a user principal name, email address or object ID), not a number'],
		['an object', { a: 1 }, 'Mailboxes must be a list of mailboxes (text, comma-separated, or a list), not an object'],
		['only separators', ' , ;', 'Mailboxes names no mailbox to watch'],
		['a mailbox of 500 characters', `${'a'.repeat(490)}@contoso.com`, 'Mailboxes is longer than 320 characters, longer than any mailbox name'],
		['__proto__', `${adele.id}, __proto__`, 'Mailboxes "__proto__" is not a mailbox: use a user principal name or email address (name@domain) or an object ID (GUID)'],
	])('fails the poll naming the field for %s, sending nothing', async (_, mailboxes, message) => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes } as never);
		emulator.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error?.message).toBe(message);
		expect(graph()).toEqual([]);
	});
});

describe('trigger: one mailbox listed under two names', () => {
	it('emits each message once when the list names a mailbox by its address and by its object ID', async () => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: [adele.userPrincipalName, adele.id, alex.id] });
		await trigger.poll();
		const both = [arrive(adele.id), arrive(alex.id)];
		expect((await trigger.poll()).items.map((item) => [item.json.mailbox, item.json.id])).toEqual([
			[adele.userPrincipalName, both[0].id],
			[alex.id, both[1].id],
		]);
		expect(log.warnings()).toEqual([
			`Outlook Mail (App) Trigger "Trigger": mailboxes "${adele.userPrincipalName}" and "${adele.id}" are one mailbox (they hold the same messages); each message is emitted once, as "${adele.userPrincipalName}". List the mailbox once to spare the second read.`,
		]);

		// The address's read fails in the next poll, so only the object ID's sees the new mail; when the address is
		// read again, after its back-off, that mail is not emitted a second time.
		emulator.faults.add({ method: 'GET', path: `/v1.0/users/${adele.userPrincipalName}/mailFolders/inbox/messages/delta`, status: 403 });
		const later = arrive(adele.id);
		expect((await trigger.poll()).items.map((item) => [item.json.mailbox, item.json.id])).toEqual([[adele.id, later.id]]);
		clock.advance(MINUTE);
		emulator.clearRequests();
		expect((await trigger.poll()).items).toEqual([]);
		expect(deltaMailboxes().filter((mailbox) => mailbox === adele.id)).toHaveLength(2);
		const last = arrive(adele.id);
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([last.id]);
	});
});

describe('trigger: failing mailboxes', () => {
	it('goes on with the others, logs the failure, backs off, and reads the mailbox again once it works', async () => {
		emulator.store.setMailboxFailure(sales.id, 'outsideRbacScope');
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: [adele.id, noMailbox.id, sales.id] });
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(log.warnings()).toEqual([
			expect.stringMatching(new RegExp(`^Outlook Mail \\(App\\) Trigger "Trigger": mailbox "${noMailbox.id}" could not be read \\(MailboxNotEnabledForRESTAPI: .*\\); the others go on, and it is tried again from .* \\(failure 1 in a row\\)\\.$`)),
			expect.stringMatching(new RegExp(`mailbox "${sales.id}" could not be read \\(ErrorAccessDenied: `)),
		]);
		expect(watchOf(trigger).health[sales.id].failures).toBe(1);
		expect(Date.parse(watchOf(trigger).health[sales.id].retryAt)).toBe(clock.now() + MINUTE);

		// Before the back-off has passed: the failing mailboxes are not asked; Adele's new mail is emitted.
		const mail = arrive(adele.id);
		emulator.clearRequests();
		log.lines.length = 0;
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([mail.id]);
		expect(deltaMailboxes()).toEqual([adele.id]);
		expect(log.warnings()).toEqual([]);

		// After it, the mailbox still outside the scope fails again, waiting twice as long.
		clock.advance(MINUTE);
		emulator.clearRequests();
		await trigger.poll();
		expect(deltaMailboxes().sort()).toEqual([adele.id, noMailbox.id, sales.id].sort());
		expect(watchOf(trigger).health[sales.id].failures).toBe(2);
		expect(Date.parse(watchOf(trigger).health[sales.id].retryAt)).toBe(clock.now() + 2 * MINUTE);

		// Back in scope: a baseline first (mail from while it failed is not emitted), then its new mail.
		emulator.store.setMailboxFailure(sales.id, null);
		arrive(sales.id);
		clock.advance(2 * MINUTE);
		expect((await trigger.poll()).items).toEqual([]);
		expect(watchOf(trigger).health[sales.id]).toBeUndefined();
		const salesMail = arrive(sales.id);
		expect((await trigger.poll()).items.map((item) => [item.json.mailbox, item.json.id])).toEqual([[sales.id, salesMail.id]]);
	});

	it('reads a mailbox whose stored back-off lies beyond the longest one (not a wait this trigger wrote)', async () => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: [adele.id, alex.id] });
		await trigger.poll();
		watchOf(trigger).health[alex.id] = { failures: 1, retryAt: '9999-12-31T00:00:00.000Z' };
		const mail = arrive(alex.id);
		emulator.clearRequests();
		expect((await trigger.poll()).items.map((item) => [item.json.mailbox, item.json.id])).toEqual([[alex.id, mail.id]]);
		expect(deltaMailboxes().sort()).toEqual([adele.id, alex.id].sort());
		expect(watchOf(trigger).health[alex.id]).toBeUndefined();

		// A back-off the trigger did write (the longest: an hour) is waited out.
		watchOf(trigger).health[alex.id] = { failures: 30, retryAt: new Date(clock.now() + 60 * MINUTE).toISOString() };
		arrive(alex.id);
		emulator.clearRequests();
		expect((await trigger.poll()).items).toEqual([]);
		expect(deltaMailboxes()).toEqual([adele.id]);
	});

	it('fails the poll, keeping its state, only when every mailbox fails', async () => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: [adele.id, alex.id] });
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		emulator.store.setMailboxFailure(adele.id, 'deleted');
		emulator.store.setMailboxFailure(alex.id, 'outsideAccessPolicy');
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/^All 2 watched mailboxes failed in this poll; the first error: (ErrorInvalidUser|ErrorAccessDenied): /);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
	});
});

describe('trigger: the members of a group', () => {
	const marketing = SAMPLE.groups.marketing.id;
	const membersRead = () => graph().filter((request) => request.path.includes('/transitiveMembers'));

	it('watches the members at any depth, reads the group at most every 15 minutes, and picks up joiners and leavers without old mail', async () => {
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'group', groupId: marketing });
		await trigger.poll();
		expect(membersRead().map((request) => [request.rawUrl, request.headers.consistencylevel])).toEqual([
			[
				`/v1.0/groups/${marketing}/transitiveMembers/microsoft.graph.user?$select=id%2CuserPrincipalName%2Cmail%2CdisplayName&$count=true&$top=999`,
				'eventual',
			],
		]);
		expect(watchOf(trigger).group?.members.sort()).toEqual([alex.id, sales.id, lukas.id].sort());

		// Adele joins, with mail already in her mailbox; within 15 minutes the group is not read again.
		emulator.store.addGroupMembers(SAMPLE.tenantId, marketing, [adele.id]);
		const alexMail = arrive(alex.id);
		arrive(adele.id);
		clock.advance(14 * MINUTE);
		emulator.clearRequests();
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([alexMail.id]);
		expect(membersRead()).toEqual([]);

		// Past 15 minutes: read again; Adele's first poll is a baseline, her mail from before is not emitted.
		emulator.store.removeGroupMembers(SAMPLE.tenantId, marketing, [alex.id]);
		emulator.store.removeGroupMembers(SAMPLE.tenantId, SAMPLE.groups.emeaMarketing.id, [alex.id]);
		clock.advance(2 * MINUTE);
		emulator.clearRequests();
		expect((await trigger.poll()).items).toEqual([]);
		expect(membersRead()).toHaveLength(1);
		expect(Object.keys(watchOf(trigger).mailboxes).sort()).toEqual([adele.id, sales.id, lukas.id].sort());
		const adeleMail = arrive(adele.id);
		arrive(alex.id);
		expect((await trigger.poll()).items.map((item) => [item.json.mailbox, item.json.id])).toEqual([[adele.id, adeleMail.id]]);
	});
});

describe('trigger: the poll budget', () => {
	it('leaves the mailboxes it did not reach for the start of the next poll', async () => {
		const users = emulator.store.addUsers(SAMPLE.tenantId, 230, { seed: 5 });
		const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: users.map((user) => user.id) });
		await trigger.poll();
		emulator.faults.add({ path: /\$batch$/, latencyMs: 10_000, times: 1 });
		// Half the budget is the poll's time to read: 1 s, passed by the first $batch answered after 10 s.
		trigger.pollBudgetMs = 2000;
		emulator.clearRequests();
		await trigger.poll();
		const notReached = watchOf(trigger).first;
		expect(notReached).toHaveLength(30);
		expect(notReached).toEqual(users.slice(200).map((user) => user.id));
		emulator.faults.clear();
		emulator.clearRequests();
		await trigger.poll();
		expect(deltaMailboxes().slice(0, 30).sort()).toEqual([...notReached].sort());
		expect(watchOf(trigger).first).toEqual([]);
	});
});
