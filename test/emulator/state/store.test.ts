import { parseItemId } from '../seed/ids';
import { MailboxNotEnabledError, MalformedIdError, ItemNotFoundError, Store, UnknownUserError, WELL_KNOWN_FOLDER_NAMES } from './store';
import { SAMPLE, sampleTenant } from '../seed/sample-tenant';

const now = () => Date.UTC(2025, 0, 1);
const adele = SAMPLE.users.adele.id;

describe('store', () => {
	it('writes the same sample mailboxes on every run', () => {
		const one = new Store([sampleTenant()], now);
		const two = new Store([sampleTenant()], now);
		expect(one.messages(adele)).toEqual(two.messages(adele));
		expect(one.messages(adele)).toHaveLength(SAMPLE.messagesPerMailbox);
		expect(one.messages(SAMPLE.users.alex.id)).toHaveLength(SAMPLE.messagesPerMailbox);
	});

	it('varies the sample messages', () => {
		const messages = new Store([sampleTenant()], now).messages(adele);
		const distinct = (pick: (message: (typeof messages)[number]) => unknown) => new Set(messages.map((message) => JSON.stringify(pick(message)))).size;
		expect(distinct((message) => message.from?.emailAddress.address)).toBeGreaterThan(4);
		expect(distinct((message) => message.subject)).toBeGreaterThan(8);
		expect(distinct((message) => message.isRead)).toBe(2);
		expect(distinct((message) => message.importance)).toBeGreaterThan(1);
		expect(distinct((message) => message.hasAttachments)).toBe(2);
		expect(distinct((message) => message.parentFolderId)).toBeGreaterThan(3);
		expect(messages.some((message) => message.categories.length > 0)).toBe(true);
		expect(messages.some((message) => message.flag.flagStatus !== 'notFlagged')).toBe(true);
		expect(messages.every((message) => message.hasAttachments === message.attachments.length > 0)).toBe(true);
	});

	it('has every standard well-known folder, findable by name', () => {
		const store = new Store([sampleTenant()], now);
		for (const name of ['inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'archive', 'outbox', 'msgfolderroot']) {
			expect(WELL_KNOWN_FOLDER_NAMES.has(name)).toBe(true);
			expect(store.folder(adele, name).wellKnownName).toBe(name);
		}
	});

	// How fast it is, is the bench's to say (a timed test fails on a busy machine, not on slow code).
	it('adds 10,000 messages, newest first, in the named folder', () => {
		const store = new Store([sampleTenant()], now);
		const added = store.addMessages(adele, 'archive', 10_000, 3);
		expect(added).toHaveLength(10_000);
		expect(new Set(added.map((message) => message.id)).size).toBe(10_000);
		expect(store.folderCounts(adele, store.folder(adele, 'archive').id).totalItemCount).toBeGreaterThanOrEqual(10_000);
		expect(added[0].receivedDateTime > added[9_999].receivedDateTime).toBe(true);
	});

	it('goes back to the seed on reset', () => {
		const store = new Store([sampleTenant()], now);
		const [first] = store.messages(adele);
		store.updateMessage(adele, first.id, { isRead: !first.isRead });
		store.addMessages(adele, 'inbox', 5);
		store.reset();
		expect(store.messages(adele)).toEqual(new Store([sampleTenant()], now).messages(adele));
	});

	it('stamps lastModifiedDateTime from its clock and bumps the changeKey on update', () => {
		const store = new Store([sampleTenant()], now);
		const [first] = store.messages(adele);
		const before = first.changeKey;
		const updated = store.updateMessage(adele, first.id, { categories: ['Red category'] });
		expect(updated.lastModifiedDateTime).toBe('2025-01-01T00:00:00Z');
		expect(updated.changeKey).not.toBe(before);
	});

	it('counts the updates of each message, from 0 again after reset', () => {
		const store = new Store([sampleTenant()], now);
		const [first, second] = store.messages(adele);
		store.updateMessage(adele, first.id, { isRead: true });
		store.updateMessage(adele, first.id, { isRead: false });
		expect([store.updateCount(first.id), store.updateCount(second.id)]).toEqual([2, 0]);
		store.reset();
		expect(store.updateCount(first.id)).toBe(0);
	});

	it('throws typed errors: unknown user, no mailbox, malformed id, absent item', () => {
		const store = new Store([sampleTenant()], now);
		expect(() => store.user(SAMPLE.tenantId, 'nobody@contoso.com')).toThrow(UnknownUserError);
		expect(() => store.messages(SAMPLE.users.noMailbox.id)).toThrow(MailboxNotEnabledError);
		expect(() => store.message(adele, 'nope')).toThrow(MalformedIdError);
		const [alexMessage] = store.messages(SAMPLE.users.alex.id);
		expect(() => store.message(adele, alexMessage.id)).toThrow(ItemNotFoundError);
		expect(() => store.folder(adele, 'syncissues')).toThrow(ItemNotFoundError);
	});

	it('makes ids that say what they are and whose mailbox they belong to', () => {
		const [message] = new Store([sampleTenant()], now).messages(adele);
		expect(parseItemId(message.id)).toMatchObject({ kind: 'message', mailboxId: adele });
		expect(parseItemId(message.id.slice(0, -5))).toBeUndefined();
		expect(parseItemId(`${message.id.slice(0, 20)}!${message.id.slice(21)}`)).toBeUndefined();
	});
});
