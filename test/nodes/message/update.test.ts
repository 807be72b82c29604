import { emulatorCredential, runOutlook } from '../../helpers/outlook';
import { ADELE, graphRequests, messageUrl, query, SAMPLE, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'update' };

function inboxMessage(fields: Parameters<ReturnType<typeof emulator>['store']['addMessage']>[2] = {}) {
	return emulator().store.addMessage(ADELE.id, 'inbox', { isRead: false, importance: 'normal', categories: [], ...fields });
}

describe('message > update', () => {
	it('patches only the fields given: read, importance and a flag due on a date', async () => {
		const message = inboxMessage();
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { readStatus: 'read', importance: 'high', flagDueDate: '2024-07-01T09:00:00Z' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${messageUrl(message.id)}`]);
		const flagDate = { dateTime: '2024-07-01T09:00:00', timeZone: 'UTC' };
		expect(graphRequests(emulator())[0].body).toEqual({
			isRead: true,
			importance: 'high',
			flag: { flagStatus: 'flagged', startDateTime: flagDate, dueDateTime: flagDate },
		});
		const stored = emulator().store.message(ADELE.id, message.id);
		expect(stored).toMatchObject({ isRead: true, importance: 'high', flag: { flagStatus: 'flagged' } });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: message.id, isRead: true, importance: 'high' });
		expect(run.items[0].json).not.toHaveProperty('@odata.etag');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('marks a message unread and its flag complete', async () => {
		const message = inboxMessage({ isRead: true, flag: { flagStatus: 'flagged' } });
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { readStatus: 'unread', flagStatus: 'complete' },
		});
		expect(run.error).toBeUndefined();
		expect(graphRequests(emulator())[0].body).toEqual({ isRead: false, flag: { flagStatus: 'complete' } });
		expect(emulator().store.message(ADELE.id, message.id)).toMatchObject({ isRead: false, flag: { flagStatus: 'complete' } });
	});

	it('adds categories to those the message has: reads them, then patches the union', async () => {
		const message = inboxMessage({ categories: ['Blue category'] });
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { categories: 'Red category, blue CATEGORY', categoriesMode: 'add' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${messageUrl(message.id)}${query({ $select: 'categories' })}`,
			`PATCH ${messageUrl(message.id)}`,
		]);
		expect(graphRequests(emulator())[1].body).toEqual({ categories: ['Blue category', 'Red category'] });
		expect(emulator().store.message(ADELE.id, message.id).categories).toEqual(['Blue category', 'Red category']);
	});

	it('removes categories, compared case-insensitively, from a list given by an expression', async () => {
		const message = inboxMessage({ categories: ['Blue category', 'Red category', 'Invoices'] });
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { categories: '={{ ["red category", "Invoices"] }}', categoriesMode: 'remove' },
		});
		expect(run.error).toBeUndefined();
		expect(graphRequests(emulator())[1].body).toEqual({ categories: ['Blue category'] });
	});

	it('takes the names picked from the master list (the field holds a list)', async () => {
		const message = inboxMessage({ categories: ['Blue category'] });
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { categories: ['Purple category', 'Green category'], categoriesMode: 'replace' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${messageUrl(message.id)}`]);
		expect(graphRequests(emulator())[0].body).toEqual({ categories: ['Purple category', 'Green category'] });
	});

	it('replaces categories in one PATCH, without reading them first', async () => {
		const message = inboxMessage({ categories: ['Blue category'] });
		const run = await runOutlook(emulator(), {
			...base,
			messageId: { mode: 'id', value: message.id },
			updateFields: { categories: 'Green category', categoriesMode: 'replace' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${messageUrl(message.id)}`]);
		expect(emulator().store.message(ADELE.id, message.id).categories).toEqual(['Green category']);
	});

	it('fails only the item whose message no longer exists, under continue-on-fail', async () => {
		const kept = inboxMessage();
		const gone = inboxMessage();
		emulator().store.deleteMessage(ADELE.id, gone.id);
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: '={{ $json.id }}' }, updateFields: { readStatus: 'read' } },
			[{ id: kept.id }, { id: gone.id }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json).toMatchObject({ id: kept.id, isRead: true });
		expect(String(run.items[1].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('names Mail.ReadWrite when the app may only read mail', async () => {
		const message = inboxMessage();
		const run = await runOutlook(
			emulator(),
			{ ...base, messageId: { mode: 'id', value: message.id }, updateFields: { readStatus: 'read' } },
			[{}],
			{
				continueOnFail: true,
				credential: emulatorCredential(emulator(), { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
			},
		);
		expect(String(run.items[0].json.error)).toMatch(/Mail\.ReadWrite/);
		expect(emulator().store.message(ADELE.id, message.id).isRead).toBe(false);
	});

	it('refuses an update with no field to change, sending nothing', async () => {
		const message = inboxMessage();
		const run = await runOutlook(emulator(), { ...base, messageId: { mode: 'id', value: message.id }, updateFields: {} }, [{}], {
			continueOnFail: true,
		});
		expect(run.items[0].json.error).toBe('Add at least one field to change');
		expect(run.graphCalls).toEqual([]);
	});
});
