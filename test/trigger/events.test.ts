/**
 * Trigger On beyond New Mail, on the polling trigger: Flagged, Moved Into Folder and Categorised, each emitted once
 * per transition, computed from the delta state between polls.
 */
import { SAMPLE, type Emulator } from '../emulator';
import { useEmulator } from '../helpers/outlook';
import { TriggerHarness } from './helpers';

let emulator: Emulator;
const adele = SAMPLE.users.adele.id;

useEmulator((started) => (emulator = started));

let sequence = 0;
const HOUR = 60 * 60 * 1000;
function arrive(fields: Record<string, unknown> = {}, folder = 'inbox') {
	sequence++;
	return emulator.store.addMessage(adele, folder, { receivedDateTime: new Date().toISOString(), isRead: false, subject: `Order ${sequence}`, ...fields }, sequence);
}

const deltaCalls = () => emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/messages/delta'));
const ids = (items: { json: Record<string, unknown> }[]) => items.map((item) => item.json.id);

describe('trigger events: Flagged', () => {
	it('emits a message when it becomes flagged, once, and again only after it was unflagged', async () => {
		const already = arrive({ flag: { flagStatus: 'flagged' } });
		const trigger = new TriggerHarness(emulator, { event: 'messageFlagged' });
		expect((await trigger.poll()).items).toEqual([]);
		// The whole folder is read (a message received long ago may be flagged today), with the flag selected.
		expect(deltaCalls()[0].query.$filter).toBeUndefined();
		expect(String(deltaCalls()[0].query.$select).split(',')).toContain('flag');

		const message = arrive();
		expect((await trigger.poll()).items).toEqual([]);
		emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'flagged' } });
		const flagged = await trigger.poll();
		expect(flagged.error).toBeUndefined();
		expect(ids(flagged.items)).toEqual([message.id]);
		expect(flagged.items[0].json).toMatchObject({ subject: message.subject });

		// Read while flagged, and the message flagged before activation changed: no transition, nothing emitted.
		emulator.store.updateMessage(adele, message.id, { isRead: true });
		emulator.store.updateMessage(adele, already.id, { isRead: true });
		expect((await trigger.poll()).items).toEqual([]);

		emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'complete' } });
		expect((await trigger.poll()).items).toEqual([]);
		emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'flagged' } });
		expect(ids((await trigger.poll()).items)).toEqual([message.id]);
		expect(ids(trigger.emitted)).toEqual([message.id, message.id]);
	});

	it('applies the filters to flagged messages too', async () => {
		const trigger = new TriggerHarness(emulator, { event: 'messageFlagged', filters: { subjectContains: 'invoice' } });
		await trigger.poll();
		const invoice = arrive({ subject: 'Your invoice' });
		const other = arrive({ subject: 'Lunch' });
		for (const message of [invoice, other]) emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'flagged' } });
		expect(ids((await trigger.poll()).items)).toEqual([invoice.id]);
	});
});

describe('trigger events: Moved Into Folder', () => {
	it('emits a message moved into the watched folder, not one delivered there, each once', async () => {
		const old = arrive({ receivedDateTime: new Date(Date.now() - 2 * HOUR).toISOString(), subject: 'Old contract' });
		const trigger = new TriggerHarness(emulator, { event: 'messageMoved', folders: ['archive'] });
		expect((await trigger.poll()).items).toEqual([]);
		expect(deltaCalls()[0].query).toMatchObject({ changeType: 'created' });
		expect(deltaCalls()[0].query.$filter).toBeUndefined();

		const moved = emulator.store.moveMessage(adele, old.id, 'archive');
		const delivered = arrive({ subject: 'Delivered straight to the archive' }, 'archive');
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(ids(first.items)).toEqual([moved.id]);
		expect(first.items[0].json).toMatchObject({ subject: 'Old contract' });

		// Changes of messages already there are not moves; nothing is emitted twice.
		emulator.store.updateMessage(adele, moved.id, { isRead: true, flag: { flagStatus: 'flagged' } });
		emulator.store.updateMessage(adele, delivered.id, { isRead: true });
		expect((await trigger.poll()).items).toEqual([]);
		expect(ids(trigger.emitted)).toEqual([moved.id]);
	});

	it('after Graph forgets the delta token, notes the folder again without emitting what was there', async () => {
		const old = arrive({ receivedDateTime: new Date(Date.now() - 2 * HOUR).toISOString() });
		const trigger = new TriggerHarness(emulator, { event: 'messageMoved', folders: ['archive'] });
		await trigger.poll();
		const moved = emulator.store.moveMessage(adele, old.id, 'archive');
		expect(ids((await trigger.poll()).items)).toEqual([moved.id]);
		emulator.expireDeltaTokens();
		const replay = await trigger.poll();
		expect(replay.error).toBeUndefined();
		expect(replay.items).toEqual([]);
	});
});

describe('trigger events: Categorised', () => {
	it('emits a message when it gains the chosen category (any case), once', async () => {
		const trigger = new TriggerHarness(emulator, { event: 'messageCategorised', eventCategory: 'Invoices' });
		await trigger.poll();
		expect(String(deltaCalls()[0].query.$select).split(',')).toContain('categories');
		const message = arrive({ categories: ['Blue'] });
		const other = arrive();
		expect((await trigger.poll()).items).toEqual([]);

		emulator.store.updateMessage(adele, message.id, { categories: ['Blue', 'invoices'] });
		emulator.store.updateMessage(adele, other.id, { categories: ['Receipts'] });
		expect(ids((await trigger.poll()).items)).toEqual([message.id]);

		emulator.store.updateMessage(adele, message.id, { categories: ['invoices', 'Red'] });
		expect((await trigger.poll()).items).toEqual([]);
		emulator.store.updateMessage(adele, message.id, { categories: [] });
		await trigger.poll();
		emulator.store.updateMessage(adele, message.id, { categories: ['Invoices'] });
		expect(ids((await trigger.poll()).items)).toEqual([message.id]);
		expect(ids(trigger.emitted)).toEqual([message.id, message.id]);
	});

	it('emits a message that arrives with the category (an Inbox rule set it on delivery)', async () => {
		const trigger = new TriggerHarness(emulator, { event: 'messageCategorised', eventCategory: 'Invoices' });
		await trigger.poll();
		const message = arrive({ categories: ['Invoices'] });
		expect(ids((await trigger.poll()).items)).toEqual([message.id]);
	});

	it('fails the poll naming Category to Watch when it is empty', async () => {
		const trigger = new TriggerHarness(emulator, { event: 'messageCategorised', eventCategory: ' ' });
		const { error } = await trigger.poll();
		expect(error?.message).toBe('Category to Watch: give the category whose gaining starts the workflow');
		expect(deltaCalls()).toEqual([]);
	});
});

describe('trigger events: the stored state', () => {
	it('starts over when Trigger On changes, so the new event fires only on transitions after the change', async () => {
		const flagged = new TriggerHarness(emulator, { event: 'messageFlagged' });
		await flagged.poll();
		const categorised = arrive({ categories: ['Invoices'] });
		await flagged.poll();
		const switched = new TriggerHarness(emulator, { event: 'messageCategorised', eventCategory: 'Invoices' });
		switched.staticData = flagged.staticData;
		expect((await switched.poll()).items).toEqual([]);
		const later = arrive();
		emulator.store.updateMessage(adele, later.id, { categories: ['Invoices'] });
		emulator.store.updateMessage(adele, categorised.id, { isRead: true });
		expect(ids((await switched.poll()).items)).toEqual([later.id]);
	});
});
