import { SAMPLE, sampleTenant } from '../seed/sample-tenant';
import { MailFlow } from '../seed/mail-flow';
import { MailboxNotEnabledError, Store, UnknownUserError } from './store';

let clock = Date.UTC(2025, 0, 1, 12);
const now = () => clock;
const tenant = SAMPLE.tenantId;

describe('store: directory', () => {
	it('adds 10,000 users, the same every time, their mailboxes filled when first used', () => {
		const one = new Store([sampleTenant()], now);
		const users = one.addUsers(tenant, 10_000, { seed: 3, shares: { withoutMailbox: 0.05, shared: 0.1, room: 0.02, equipment: 0.01, disabled: 0.03 } });
		const two = new Store([sampleTenant()], now).addUsers(tenant, 10_000, { seed: 3, shares: { withoutMailbox: 0.05, shared: 0.1, room: 0.02, equipment: 0.01, disabled: 0.03 } });
		expect(two.map((user) => [user.id, user.userPrincipalName, user.accountEnabled])).toEqual(users.map((user) => [user.id, user.userPrincipalName, user.accountEnabled]));
		expect(users[0].userPrincipalName).toBe('user00010@contoso.com');
		expect(one.tenantUsers(tenant)).toHaveLength(10_009);
		const purposes = new Map<string, number>();
		for (const user of users) {
			const purpose = user.hasMailbox ? one.mailboxSettings(user.id).userPurpose : 'none';
			purposes.set(purpose, (purposes.get(purpose) ?? 0) + 1);
		}
		expect(purposes.get('none')).toBeGreaterThan(350);
		expect(purposes.get('shared')).toBeGreaterThan(800);
		expect(purposes.get('room')).toBeGreaterThan(100);
		expect(purposes.get('equipment')).toBeGreaterThan(40);
		const shared = users.find((user) => user.hasMailbox && one.mailboxSettings(user.id).userPurpose === 'shared');
		expect(shared?.accountEnabled).toBe(false);
		expect(one.folder(users[0].id, 'inbox').displayName).toBe('Inbox');
		expect(one.messages(users[0].id)).toEqual([]);
		expect(() => one.messages(users.find((user) => !user.hasMailbox)!.id)).toThrow(MailboxNotEnabledError);
	});

	it('refuses a user whose id or UPN the tenant has already', () => {
		const store = new Store([sampleTenant()], now);
		expect(() => store.addUser(tenant, { ...SAMPLE.users.adele, mailbox: null })).toThrow(/exists already/);
		expect(() => store.addUsers(tenant, 1, { prefix: 'user' })).not.toThrow();
	});

	it('soft-deletes and restores a user with its mailbox and memberships', () => {
		const store = new Store([sampleTenant()], now);
		store.deleteUser(tenant, SAMPLE.users.alex.userPrincipalName);
		expect(store.findUser(tenant, SAMPLE.users.alex.id)).toBeUndefined();
		expect(() => store.messages(SAMPLE.users.alex.id)).toThrow(UnknownUserError);
		expect(store.userByAddress(SAMPLE.users.alex.mail)).toBeUndefined();
		expect(store.transitiveMembers(tenant, SAMPLE.groups.marketing.id).map((member) => member.type === 'user' && member.user.id)).not.toContain(SAMPLE.users.alex.id);
		store.restoreUser(tenant, SAMPLE.users.alex.id);
		expect(store.messages(SAMPLE.users.alex.id)).toHaveLength(SAMPLE.messagesPerMailbox);
		expect(store.transitiveMembers(tenant, SAMPLE.groups.marketing.id).some((member) => member.type === 'user' && member.user.id === SAMPLE.users.alex.id)).toBe(true);
	});

	it('ends a membership cycle instead of looping', () => {
		const store = new Store([sampleTenant()], now);
		store.addGroupMembers(tenant, SAMPLE.groups.emeaMarketing.id, [SAMPLE.groups.allStaff.id]);
		const members = store.transitiveMembers(tenant, SAMPLE.groups.allStaff.id);
		expect(members).toHaveLength(8);
		expect(store.transitiveMembers(tenant, SAMPLE.groups.emeaMarketing.id).some((member) => member.type === 'group' && member.group.id === SAMPLE.groups.allStaff.id)).toBe(true);
	});

	it('keeps mailbox settings as a plain value a PATCH can change', () => {
		const store = new Store([sampleTenant()], now);
		expect(store.mailboxSettings(SAMPLE.mailboxes.boardroom.id).userPurpose).toBe('room');
		store.updateMailboxSettings(SAMPLE.users.adele.id, { automaticRepliesSetting: { ...store.mailboxSettings(SAMPLE.users.adele.id).automaticRepliesSetting, status: 'alwaysEnabled' } });
		expect(store.mailboxSettings(SAMPLE.users.adele.id).automaticRepliesSetting.status).toBe('alwaysEnabled');
		store.reset();
		expect(store.mailboxSettings(SAMPLE.users.adele.id).automaticRepliesSetting.status).toBe('disabled');
	});
});

describe('mail flow', () => {
	it('spreads mail over the mailboxes from its seed, received now, each numbered in its subject', () => {
		clock = Date.UTC(2025, 0, 1, 12);
		const store = new Store([sampleTenant()], now);
		const mailboxes = store.addUsers(tenant, 20, { seed: 5 }).map((user) => user.id);
		const flow = new MailFlow(store, { mailboxes, seed: 9 });
		const first = flow.deliver(60);
		clock += 60_000;
		const second = flow.deliverSome(10, 20);
		expect(second.length).toBeGreaterThanOrEqual(10);
		expect(second[0].number).toBe(61);
		expect(second[0].receivedDateTime).toBe('2025-01-01T12:01:00Z');
		const counts = flow.countsByMailbox();
		expect(counts.size).toBeGreaterThan(15);
		expect([...counts.values()].reduce((sum, count) => sum + count, 0)).toBe(flow.delivered.length);
		const message = store.message(first[0].userId, first[0].messageId);
		expect(message.subject.startsWith('[flow 1] ')).toBe(true);
		expect(message.receivedDateTime).toBe('2025-01-01T12:00:00Z');
		expect(message.parentFolderId).toBe(store.folder(first[0].userId, 'inbox').id);
		const again = new MailFlow(new Store([sampleTenant()], now), { mailboxes: [SAMPLE.users.adele.id, SAMPLE.users.alex.id], seed: 9 }).deliver(10);
		const repeat = new MailFlow(new Store([sampleTenant()], now), { mailboxes: [SAMPLE.users.adele.id, SAMPLE.users.alex.id], seed: 9 }).deliver(10);
		expect(repeat.map((mail) => [mail.userId, mail.subject])).toEqual(again.map((mail) => [mail.userId, mail.subject]));
	});
});
