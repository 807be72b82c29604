import { newClientState } from '../../nodes/OutlookMailAppInstantTrigger/clientState';
import type { Notification } from '../../nodes/OutlookMailAppInstantTrigger/notifications';
import {
	InstantTriggerWorker,
	renewalDue,
	type TrackedSubscription,
	type WatchedFolder,
} from '../../nodes/OutlookMailAppInstantTrigger/worker';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const inbox: WatchedFolder = { mailbox: 'adele@contoso.com', folder: 'inbox' };
const archive: WatchedFolder = { mailbox: 'adele@contoso.com', folder: 'archive' };

function setup(options: { watched?: WatchedFolder[]; safetyNetMs?: number } = {}) {
	let now = Date.UTC(2025, 0, 15, 12);
	const clientState = newClientState();
	let subscriptions: TrackedSubscription[] = [];
	let serial = 0;
	const reads: string[][] = [];
	const calls: string[] = [];
	const logs: string[] = [];
	const failures: string[] = [];
	let gone = new Set<string>();
	const worker = new InstantTriggerWorker({
		now: () => now,
		log: { info: (message) => logs.push(message), warn: (message) => logs.push(message) },
		clientState: () => clientState,
		watched: options.watched ?? [inbox, archive],
		subscriptions: () => subscriptions.map((subscription) => ({ ...subscription })),
		saveSubscriptions: (list) => {
			subscriptions = list.map((subscription) => ({ ...subscription }));
		},
		ops: {
			create: async (watched) => {
				calls.push(`create ${watched.folder}`);
				return { id: `sub-${++serial}`, expiresAt: now + 7 * DAY };
			},
			renew: async (subscription) => {
				calls.push(`renew ${subscription.id}`);
				return gone.has(subscription.id) ? 'gone' : { expiresAt: now + 7 * DAY };
			},
			reauthorize: async (subscription) => {
				calls.push(`reauthorize ${subscription.id}`);
				return gone.has(subscription.id) ? 'gone' : 'ok';
			},
		},
		sync: async (folders) => {
			reads.push(folders.map((watched) => watched.folder));
		},
		safetyNetMs: 15 * 60 * 1000,
		failed: (error, what) => failures.push(`${what}: ${String(error)}`),
	});
	const change = (id: string, state = clientState): Notification => ({ kind: 'change', subscriptionId: id, clientState: state, changeType: 'created' });
	return {
		worker,
		clientState,
		change,
		reads,
		calls,
		logs,
		failures,
		advance: (ms: number) => (now += ms),
		subscriptions: () => subscriptions,
		seed: (list: TrackedSubscription[]) => (subscriptions = list),
		markGone: (ids: string[]) => (gone = new Set(ids)),
	};
}

const tracked = (watched: WatchedFolder, id: string, renewedAt: number, lifetime = 7 * DAY): TrackedSubscription => ({
	...watched,
	id,
	renewedAt,
	expiresAt: renewedAt + lifetime,
});

describe('instant trigger worker', () => {
	it('renewalDue: after a day for a seven-day subscription, after half its life for a short one', () => {
		const start = Date.UTC(2025, 0, 1);
		expect(renewalDue(tracked(inbox, 'a', start), start + DAY - 1)).toBe(false);
		expect(renewalDue(tracked(inbox, 'a', start), start + DAY)).toBe(true);
		expect(renewalDue(tracked(inbox, 'a', start, 45 * 60 * 1000), start + 22 * 60 * 1000)).toBe(false);
		expect(renewalDue(tracked(inbox, 'a', start, 45 * 60 * 1000), start + 23 * 60 * 1000)).toBe(true);
	});

	it('renewalDue: at once for a stored renewal later than now or an expiry further off than Graph grants (not written by the trigger)', () => {
		const start = Date.UTC(2025, 0, 1);
		expect(renewalDue(tracked(inbox, 'a', start + 365 * DAY), start)).toBe(true);
		expect(renewalDue({ ...tracked(inbox, 'a', start), expiresAt: Date.UTC(9999, 0, 1) }, start + 1)).toBe(true);
		// Graph's longest grant, renewed just now, is not due.
		expect(renewalDue({ ...tracked(inbox, 'a', start), expiresAt: start + 10_080 * 60_000 }, start)).toBe(false);
	});

	it('reads every folder at start, and then only the folder a notification names', async () => {
		const t = setup();
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11)), tracked(archive, 'sub-ar', Date.UTC(2025, 0, 15, 11))]);
		await t.worker.start();
		expect(t.reads).toEqual([['inbox', 'archive']]);
		t.worker.receive([t.change('sub-ar')]);
		await t.worker.idle();
		expect(t.reads).toEqual([['inbox', 'archive'], ['archive']]);
	});

	it('ignores, with a log line, a notification with another clientState or for a subscription it does not own', async () => {
		const t = setup();
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11))]);
		t.worker.receive([t.change('sub-in', 'forged'), t.change('sub-in', ''), t.change('sub-unknown')]);
		await t.worker.idle();
		expect(t.reads).toEqual([]);
		expect(t.logs).toEqual([
			expect.stringContaining('clientState is not this trigger'),
			expect.stringContaining('clientState is not this trigger'),
			expect.stringContaining('sub-unknown, which is not one of'),
		]);
	});

	it('gathers notifications that arrive together into one read, and those that arrive during a read into one more', async () => {
		const t = setup();
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11))]);
		t.worker.receive([t.change('sub-in')]);
		t.worker.receive([t.change('sub-in'), t.change('sub-in')]);
		await t.worker.idle();
		expect(t.reads).toEqual([['inbox']]);
		t.worker.receive([t.change('sub-in')]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(t.reads).toHaveLength(2);
		t.worker.receive([t.change('sub-in')]);
		t.worker.receive([t.change('sub-in')]);
		await t.worker.idle();
		expect(t.reads).toEqual([['inbox'], ['inbox'], ['inbox']]);
	});

	it('renews a day after creation, on the tick, not only when a notification comes', async () => {
		const t = setup({ watched: [inbox] });
		const start = Date.UTC(2025, 0, 15, 12);
		t.seed([tracked(inbox, 'sub-in', start)]);
		t.advance(DAY - 60_000);
		await t.worker.tick();
		expect(t.calls).toEqual([]);
		t.advance(60_000);
		await t.worker.tick();
		expect(t.calls).toEqual(['renew sub-in']);
		expect(t.subscriptions()[0]).toMatchObject({ id: 'sub-in', renewedAt: start + DAY, expiresAt: start + 8 * DAY });
	});

	it('recreates a subscription Graph no longer has, and reads its folder', async () => {
		const t = setup({ watched: [inbox] });
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 12))]);
		t.markGone(['sub-in']);
		t.advance(DAY);
		await t.worker.tick();
		expect(t.calls).toEqual(['renew sub-in', 'create inbox']);
		expect(t.subscriptions().map((subscription) => subscription.id)).toEqual(['sub-1']);
		expect(t.reads).toEqual([['inbox']]);
	});

	it('recreates a subscription that expired while n8n was not running, and catches its folder up', async () => {
		const t = setup({ watched: [inbox] });
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 1))]);
		await t.worker.tick();
		expect(t.calls).toEqual(['create inbox']);
		expect(t.reads).toEqual([['inbox']]);
	});

	it('handles reauthorizationRequired, subscriptionRemoved and missed', async () => {
		const t = setup();
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11)), tracked(archive, 'sub-ar', Date.UTC(2025, 0, 15, 11))]);
		const lifecycle = (id: string, lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed'): Notification => ({
			kind: 'lifecycle',
			subscriptionId: id,
			clientState: t.clientState,
			lifecycleEvent,
		});
		t.worker.receive([lifecycle('sub-in', 'reauthorizationRequired')]);
		await t.worker.idle();
		expect(t.calls).toEqual(['reauthorize sub-in']);
		expect(t.reads).toEqual([]);
		t.worker.receive([lifecycle('sub-ar', 'subscriptionRemoved')]);
		await t.worker.idle();
		expect(t.calls).toEqual(['reauthorize sub-in', 'create archive']);
		expect(t.reads).toEqual([['archive']]);
		expect(t.subscriptions().map((subscription) => subscription.id).sort()).toEqual(['sub-1', 'sub-in']);
		t.worker.receive([lifecycle('sub-in', 'missed')]);
		await t.worker.idle();
		expect(t.reads).toEqual([['archive'], ['inbox']]);
	});

	it('reads every folder once per safety-net period, whatever arrived', async () => {
		const t = setup();
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11)), tracked(archive, 'sub-ar', Date.UTC(2025, 0, 15, 11))]);
		await t.worker.start();
		t.advance(14 * 60 * 1000);
		await t.worker.tick();
		t.advance(60 * 1000);
		await t.worker.tick();
		expect(t.reads).toEqual([
			['inbox', 'archive'],
			['inbox', 'archive'],
		]);
	});

	it('keeps going after a failed read: the folder is read again at the next notification', async () => {
		const t = setup({ watched: [inbox] });
		t.seed([tracked(inbox, 'sub-in', Date.UTC(2025, 0, 15, 11))]);
		let fail = true;
		const sync = (t.worker as unknown as { options: { sync: (folders: WatchedFolder[]) => Promise<void> } }).options;
		const original = sync.sync;
		sync.sync = async (folders) => {
			if (fail) {
				fail = false;
				throw new Error('Graph answered 503');
			}
			await original(folders);
		};
		t.worker.receive([t.change('sub-in')]);
		await t.worker.idle();
		expect(t.failures).toEqual([expect.stringContaining('Graph answered 503')]);
		t.worker.receive([t.change('sub-in')]);
		await t.worker.idle();
		expect(t.reads).toEqual([['inbox']]);
	});
});
