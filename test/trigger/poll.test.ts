import { SAMPLE, type Emulator } from '../emulator';
import { emulatorCredential, useEmulator } from '../helpers/outlook';
import { TriggerHarness } from './helpers';

let emulator: Emulator;
const adele = SAMPLE.users.adele.id;

useEmulator((started) => (emulator = started));

let sequence = 0;
function arrive(fields: Record<string, unknown> = {}, folder = 'inbox') {
	sequence++;
	return emulator.store.addMessage(
		adele,
		folder,
		{ receivedDateTime: new Date().toISOString(), isRead: false, subject: `Order ${sequence}`, ...fields },
		sequence,
	);
}

const deltaCalls = () =>
	emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/messages/delta'));

describe('trigger: activation', () => {
	it('starts from now: the first poll emits nothing of the mail already there', async () => {
		arrive();
		const trigger = new TriggerHarness(emulator);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(deltaCalls()[0].query.$filter).toMatch(/^receivedDateTime ge \d{4}-\d\d-\d\dT/);
	});

	it('emits the mail already there, oldest first, when asked to include it', async () => {
		const trigger = new TriggerHarness(emulator, { options: { includeExisting: true } });
		const { items } = await trigger.poll();
		const inbox = emulator.store.messages(adele, emulator.store.folder(adele, 'inbox').id);
		expect(items.length).toBe(Math.min(inbox.length, 100));
		const received = items.map((item) => String(item.json.receivedDateTime));
		expect(received).toEqual([...received].sort());
	});
});

describe('trigger: new mail', () => {
	it('emits a new message once, and not again after it is read, flagged and recategorised', async () => {
		const trigger = new TriggerHarness(emulator);
		await trigger.poll();
		const message = arrive({ subject: "Dave's invoice" });
		const second = await trigger.poll();
		expect(second.items.map((item) => item.json.id)).toEqual([message.id]);
		expect(second.items[0].json).toMatchObject({ subject: "Dave's invoice", isRead: false });

		emulator.store.updateMessage(adele, message.id, { isRead: true, categories: ['Blue'], flag: { flagStatus: 'flagged' } });
		const third = await trigger.poll();
		expect(third.error).toBeUndefined();
		expect(third.items).toEqual([]);
	});

	it('costs one request per watched folder when nothing is new', async () => {
		const trigger = new TriggerHarness(emulator, { folders: ['inbox', 'archive'] });
		await trigger.poll();
		emulator.clearRequests();
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(emulator.requests.filter((request) => request.kind === 'graph')).toHaveLength(2);
		expect(emulator.requests.filter((request) => request.kind === 'token')).toHaveLength(0);
	});

	it('watches several folders and emits from each', async () => {
		const trigger = new TriggerHarness(emulator, { folders: ['inbox', 'archive'] });
		await trigger.poll();
		const inInbox = arrive({}, 'inbox');
		const inArchive = arrive({}, 'archive');
		const { items } = await trigger.poll();
		expect(items.map((item) => item.json.id).sort()).toEqual([inInbox.id, inArchive.id].sort());
	});

	it('emits a large backlog oldest first, at most 100 per poll, until it is drained', async () => {
		const trigger = new TriggerHarness(emulator);
		await trigger.poll();
		const base = Date.now();
		const arrived = Array.from({ length: 250 }, (_, index) =>
			arrive({ receivedDateTime: new Date(base + index * 1000).toISOString() }),
		);
		const batches = [await trigger.poll(), await trigger.poll(), await trigger.poll(), await trigger.poll()];
		expect(batches.map((batch) => batch.items.length)).toEqual([100, 100, 50, 0]);
		expect(trigger.emitted.map((item) => item.json.id)).toEqual(arrived.map((message) => message.id));
	});

	it('leaves its state as it was after a failed poll, and the next poll catches up', async () => {
		const trigger = new TriggerHarness(emulator, {}, emulatorCredential(emulator, { retryMode: 'None' }));
		await trigger.poll();
		const message = arrive();
		const before = JSON.stringify(trigger.staticData);
		emulator.faults.add({ method: 'GET', path: /\/messages\/delta$/, status: 503, times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/^ServiceUnavailable|^HTTP 503/);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		const next = await trigger.poll();
		expect(next.items.map((item) => item.json.id)).toEqual([message.id]);
	});

	it('fails the poll, keeping its state, when a delta round hands out a link it has already given', async () => {
		const trigger = new TriggerHarness(emulator);
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const loop = `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}/mailFolders/inbox/messages/delta?$skiptoken=loop`;
		emulator.faults.add({ method: 'GET', path: /\/messages\/delta$/, status: 200, body: { value: [], '@odata.nextLink': loop }, times: 2 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/^Graph returned the same next-page link twice while listing \/users\/.*\/messages\/delta; paging stopped/);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		emulator.faults.clear();
		const message = arrive();
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([message.id]);
	});

	it('resyncs after the delta token expires without emitting twice or skipping', async () => {
		const trigger = new TriggerHarness(emulator);
		await trigger.poll();
		const first = arrive();
		expect((await trigger.poll()).items).toHaveLength(1);
		const second = arrive();
		emulator.faults.add({ method: 'GET', path: /\/messages\/delta$/, status: 410, times: 1 });
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([second.id]);
		expect(trigger.emitted.map((item) => item.json.id)).toEqual([first.id, second.id]);
	});
});

describe('trigger: filters', () => {
	it('emits only the messages that match every filter', async () => {
		const trigger = new TriggerHarness(emulator, {
			filters: { from: 'orders@fabrikam.com', subjectContains: 'invoice', unreadOnly: true, hasAttachments: false },
		});
		await trigger.poll();
		const from = (address: string) => ({ emailAddress: { address, name: address } });
		const match = arrive({ from: from('Orders@Fabrikam.com'), subject: 'Your Invoice 42' });
		arrive({ from: from('someone@else.com'), subject: 'Your invoice 43' });
		arrive({ from: from('orders@fabrikam.com'), subject: 'Shipping notice' });
		arrive({ from: from('orders@fabrikam.com'), subject: 'invoice 44', isRead: true });
		const { items } = await trigger.poll();
		expect(items.map((item) => item.json.id)).toEqual([match.id]);
	});

	it('matches To or Cc, importance and category', async () => {
		const trigger = new TriggerHarness(emulator, {
			filters: { to: 'support@contoso.com', importance: 'high', category: 'Customer' },
		});
		await trigger.poll();
		const to = (address: string) => [{ emailAddress: { address, name: address } }];
		const match = arrive({ ccRecipients: to('support@contoso.com'), toRecipients: [], importance: 'high', categories: ['Customer'] });
		arrive({ toRecipients: to('support@contoso.com'), importance: 'normal', categories: ['Customer'] });
		arrive({ toRecipients: to('support@contoso.com'), importance: 'high', categories: [] });
		const { items } = await trigger.poll();
		expect(items.map((item) => item.json.id)).toEqual([match.id]);
	});
});

describe('trigger: Fetch Test Event', () => {
	it('returns the newest matching message and changes no state', async () => {
		const newest = arrive({ receivedDateTime: new Date(Date.now() + 60_000).toISOString(), subject: 'Newest' });
		const trigger = new TriggerHarness(emulator);
		const { items, staticData } = await trigger.manual();
		expect(items.map((item) => item.json.id)).toEqual([newest.id]);
		expect(staticData).toEqual({});
	});
});

describe('trigger: mark as read', () => {
	it('marks each emitted message as read', async () => {
		const trigger = new TriggerHarness(emulator, { options: { markAsRead: true } });
		await trigger.poll();
		const message = arrive();
		await trigger.poll();
		expect(emulator.store.message(adele, message.id).isRead).toBe(true);
		expect((await trigger.poll()).items).toEqual([]);
	});
});
