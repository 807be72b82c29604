/**
 * Trigger On beyond New Mail, on the instant trigger: the subscriptions carry the change types the event needs, a
 * notification is a reason to read the folder's delta, and each transition is emitted once (events.ts decides).
 */
import { adele, clock, deliver, emittedIds, emulator, settle, startWith, trigger, until } from './helpers';

const HOUR = 60 * 60 * 1000;

describe('instant trigger: events', () => {
	beforeEach(async () => await startWith());

	it('Flagged: subscribes to created and updated messages, and emits a message once when it becomes flagged', async () => {
		const harness = await trigger({ folders: ['inbox'], event: 'messageFlagged' });
		await harness.activate();
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.changeType)).toEqual(['created,updated']);
		const message = deliver();
		await settle(harness);
		expect(harness.executions).toEqual([]);
		emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'flagged' } });
		await until('the flagged message', () => emittedIds(harness).includes(message.id));
		emulator.store.updateMessage(adele, message.id, { isRead: true });
		await settle(harness);
		expect(emittedIds(harness)).toEqual([message.id]);
	});

	it('Moved Into Folder: emits a message moved into the watched folder, not one delivered there', async () => {
		const old = deliver({ receivedDateTime: new Date(clock.now() - 2 * HOUR).toISOString(), subject: 'Old contract' });
		const harness = await trigger({ folders: ['archive'], event: 'messageMoved' });
		await harness.activate();
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.changeType)).toEqual(['created']);
		deliver({ subject: 'Delivered to the archive' }, 'archive');
		await settle(harness);
		expect(harness.executions).toEqual([]);
		const moved = emulator.store.moveMessage(adele, old.id, 'archive');
		await until('the moved message', () => emittedIds(harness).includes(moved.id));
		await settle(harness);
		expect(emittedIds(harness)).toEqual([moved.id]);
		expect(harness.emittedItems()[0].json).toMatchObject({ subject: 'Old contract' });
	});

	it('Categorised: emits a message once when it gains the chosen category', async () => {
		const harness = await trigger({ folders: ['inbox'], event: 'messageCategorised', eventCategory: 'Invoices' });
		await harness.activate();
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.changeType)).toEqual(['created,updated']);
		const message = deliver({ categories: ['Blue'] });
		const other = deliver();
		emulator.store.updateMessage(adele, other.id, { categories: ['Receipts'] });
		await settle(harness);
		expect(harness.executions).toEqual([]);
		emulator.store.updateMessage(adele, message.id, { categories: ['Blue', 'Invoices'] });
		await until('the categorised message', () => emittedIds(harness).includes(message.id));
		emulator.store.updateMessage(adele, message.id, { categories: ['Invoices', 'Red'] });
		await settle(harness);
		expect(emittedIds(harness)).toEqual([message.id]);
	});

	it('a change of Trigger On replaces live subscriptions of other change types when n8n starts the workflow again', async () => {
		const harness = await trigger({ folders: ['inbox'] });
		await harness.activate();
		const before = emulator.notifications.subscriptions().map((subscription) => subscription.id);
		harness.editParameters({ event: 'messageFlagged' });
		await harness.restart();
		const after = emulator.notifications.subscriptions();
		expect(after.map((subscription) => subscription.changeType)).toEqual(['created,updated']);
		expect(after.map((subscription) => subscription.id)).not.toContain(before[0]);
		const message = deliver();
		emulator.store.updateMessage(adele, message.id, { flag: { flagStatus: 'flagged' } });
		await until('the flagged message', () => emittedIds(harness).includes(message.id));
	});
});
