import type { IDataObject } from 'n8n-workflow';

import { PollGuard, stateFingerprint } from '../../nodes/OutlookMailAppTrigger/pollGuard';
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { TriggerHarness } from './helpers';

const adele = SAMPLE.users.adele.id;

/** A poll that can be finished from outside, and that writes `next` into the state when it finishes. */
function gatedPoll(state: IDataObject, next: IDataObject) {
	let open: () => void = () => undefined;
	const gate = new Promise<void>((resolve) => (open = resolve));
	return {
		poll: async () => {
			await gate;
			Object.assign(state, next);
			return 'polled';
		},
		finish: () => open(),
	};
}

describe('PollGuard', () => {
	it('skips a poll of the same trigger while one is in flight, and runs others', async () => {
		const guard = new PollGuard();
		const state: IDataObject = {};
		const first = gatedPoll(state, { cursor: 2 });
		const running = guard.run('wf:node', () => state, first.poll, () => 'skipped');
		expect(await guard.run('wf:node', () => state, async () => 'polled', (reason) => reason)).toBe('inFlight');
		// Another node, or another workflow: not held back.
		expect(await guard.run('wf:other', () => ({}), async () => 'polled', (reason) => reason)).toBe('polled');
		first.finish();
		expect(await running).toBe('polled');
		// Once the first is done, the next poll (from the new state) runs.
		expect(await guard.run('wf:node', () => state, async () => 'polled', (reason) => reason)).toBe('polled');
	});

	it('is free again after a poll that failed, and remembers nothing of it', async () => {
		const guard = new PollGuard();
		const state: IDataObject = { cursor: 1 };
		await expect(guard.run('wf:node', () => state, async () => Promise.reject(new Error('Graph said 503')), () => 'skipped')).rejects.toThrow('503');
		// The state is the same one the failed poll read: the next poll must run from it.
		expect(await guard.run('wf:node', () => state, async () => 'polled', (reason) => reason)).toBe('polled');
	});

	it('skips a poll that starts from a state an earlier poll already replaced, until the stale window has passed', async () => {
		let now = 1_000_000;
		const guard = new PollGuard({ now: () => now, staleMs: 60_000 });
		const before = { cursor: 1, seen: { a: '2026-01-01T00:00:00Z' } };
		const stored: IDataObject = structuredClone(before);
		expect(await guard.run('wf:node', () => stored, async () => (Object.assign(stored, { cursor: 2 }), 'polled'), (reason) => reason)).toBe('polled');
		// A second poll handed the old state (the durable scheduler's task read it before the commit), in
		// another key order, as PostgreSQL's jsonb gives it back.
		const stale = { seen: { a: '2026-01-01T00:00:00Z' }, cursor: 1 };
		expect(await guard.run('wf:node', () => stale, async () => 'polled', (reason) => reason)).toBe('staleState');
		// The new state is fine.
		expect(await guard.run('wf:node', () => stored, async () => 'polled', (reason) => reason)).toBe('polled');
		// Still the old state long after: the commit never happened, so it is the state to poll from.
		now += 60_001;
		expect(await guard.run('wf:node', () => stale, async () => 'polled', (reason) => reason)).toBe('polled');
	});

	it('goes on from the successor of a stale state when the poll that replaced it emitted nothing', async () => {
		const guard = new PollGuard();
		const stored: IDataObject = {};
		// A first poll that found nothing (null) and moved the state on.
		expect(await guard.run('wf:node', () => stored, async () => (Object.assign(stored, { cursor: 2 }), null), (reason) => reason)).toBeNull();
		// n8n dropped that commit and hands the empty state again: the poll runs from the state the first left.
		const handed: IDataObject = {};
		const restored: unknown[] = [];
		const seen: unknown[] = [];
		const result = await guard.run(
			'wf:node',
			() => handed,
			async () => (seen.push(structuredClone(handed)), Object.assign(handed, { cursor: 3 }), 'polled'),
			(reason) => reason,
			(state) => (restored.push(state), Object.assign(handed, state)),
		);
		expect(result).toBe('polled');
		expect(restored).toEqual([{ cursor: 2 }]);
		expect(seen).toEqual([{ cursor: 2 }]);
		// Without a restore function the stale state is still skipped.
		expect(await guard.run('wf:node', () => ({}), async () => 'polled', (reason) => reason)).toBe('staleState');
	});

	it('goes on from the activation poll\u2019s state when handed the empty state after the stale window, until the trigger has moved on', async () => {
		let now = 1_000_000;
		const guard = new PollGuard({ now: () => now, staleMs: 60_000 });
		const restore = (handed: IDataObject) => (state: unknown) => Object.assign(handed, state);
		// The activation poll: nothing new, the state moved on; n8n (durable scheduler) does not commit it.
		const activation: IDataObject = {};
		expect(await guard.run('wf:node', () => activation, async () => (Object.assign(activation, { cursor: 'A' }), null), (reason) => reason)).toBeNull();
		// The first scheduled poll, an hour later (poll times of an hour), is handed the empty state.
		now += 3_600_000;
		const first: IDataObject = {};
		const polledFrom: unknown[] = [];
		const poll = (handed: IDataObject, next: string) => async () => (polledFrom.push(structuredClone(handed)), Object.assign(handed, { cursor: next }), null);
		expect(await guard.run('wf:node', () => first, poll(first, 'B'), (reason) => reason, restore(first))).toBeNull();
		expect(polledFrom).toEqual([{ cursor: 'A' }]);
		// n8n committed B; a poll handed B has moved on, and the activation poll's state is forgotten.
		const second: IDataObject = { cursor: 'B' };
		expect(await guard.run('wf:node', () => second, poll(second, 'C'), (reason) => reason, restore(second))).toBeNull();
		now += 3_600_000;
		// An empty state now is a new start: polled as it is (from now), nothing restored.
		const later: IDataObject = {};
		expect(await guard.run('wf:node', () => later, poll(later, 'D'), (reason) => reason, restore(later))).toBeNull();
		expect(polledFrom).toEqual([{ cursor: 'A' }, { cursor: 'B' }, {}]);
	});

	it('still skips a stale state whose successor came from a poll that emitted items', async () => {
		const guard = new PollGuard();
		const stored: IDataObject = { cursor: 1 };
		expect(await guard.run('wf:node', () => stored, async () => (Object.assign(stored, { cursor: 2 }), 'items'), (reason) => reason)).toBe('items');
		const restore = jest.fn();
		expect(await guard.run('wf:node', () => ({ cursor: 1 }), async () => 'polled', (reason) => reason, restore)).toBe('staleState');
		expect(restore).not.toHaveBeenCalled();
	});

	it('does not count a poll that left the state as it was as having replaced it', async () => {
		const guard = new PollGuard();
		const state: IDataObject = { cursor: 1 };
		expect(await guard.run('wf:node', () => state, async () => 'polled', (reason) => reason)).toBe('polled');
		expect(await guard.run('wf:node', () => ({ cursor: 1 }), async () => 'polled', (reason) => reason)).toBe('polled');
	});

	it('fingerprints states by content: key order and n8n\u2019s change flag do not matter', () => {
		expect(stateFingerprint({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(stateFingerprint({ b: { c: [1, { e: 3, d: 2 }] }, a: 1, __dataChanged: true }));
		expect(stateFingerprint({ a: 1 })).not.toBe(stateFingerprint({ a: 2 }));
		expect(stateFingerprint(undefined)).toBe(stateFingerprint(null));
	});
});

describe('trigger: polls that overlap', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());

	it('emits a message once when two polls of the same trigger run at once', async () => {
		const trigger = new TriggerHarness(emulator);
		expect((await trigger.poll()).error).toBeUndefined();
		const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date().toISOString(), isRead: false, subject: 'Overlap' });
		// Hold the delta request of the first poll, so the second starts while it is in flight, from the same state.
		emulator.faults.add({ path: /\/messages\/delta$/, latencyMs: 300 });
		const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
		expect(first.error ?? second.error).toBeUndefined();
		expect(trigger.emitted.map((item) => item.json.id)).toEqual([message.id]);
		expect([first.items.length, second.items.length].sort()).toEqual([0, 1]);
	});

	it('does not emit again from the state the previous poll started from', async () => {
		const trigger = new TriggerHarness(emulator);
		expect((await trigger.poll()).error).toBeUndefined();
		const old = structuredClone(trigger.staticData);
		const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date().toISOString(), isRead: false, subject: 'Stale read' });
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([message.id]);
		// The next poll is handed the state from before, as a scheduler that read it before the commit would.
		trigger.staticData = old;
		const replay = await trigger.poll();
		expect(replay.error).toBeUndefined();
		expect(replay.items).toEqual([]);
		expect(trigger.emitted.map((item) => item.json.id)).toEqual([message.id]);
	});

	it('emits mail that arrived after a first poll whose state n8n did not keep', async () => {
		const trigger = new TriggerHarness(emulator);
		// The first poll after activation finds nothing and starts watching from now...
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date().toISOString(), isRead: false, subject: 'After a dropped commit' });
		// ...and n8n's durable scheduler, whose commit of that state did not land, hands the empty state again.
		trigger.staticData = {};
		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(next.items.map((item) => item.json.id)).toEqual([message.id]);
		expect(trigger.emitted.map((item) => item.json.id)).toEqual([message.id]);
	});
});
