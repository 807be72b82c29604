import { deltaScope, eventFields, holdsCondition, isMovedIn, noteChange, noteRemoved, pruneHolds, subscriptionChangeType } from '../../../nodes/shared/mail/delta/events';
import { MAX_SEEN, STATE_VERSION, type TriggerState } from '../../../nodes/shared/mail/delta/state';

const state = (): TriggerState => ({ version: STATE_VERSION, configKey: 'k', startedAt: '2026-01-01T00:00:00Z', folders: {}, seen: {}, pending: [] });
const at = '2026-03-02T09:00:00Z';

describe('trigger events: the rules', () => {
	it('reads, selects and subscribes to what each event needs', () => {
		expect([deltaScope('messageReceived'), deltaScope('messageMoved'), deltaScope('messageFlagged')]).toEqual([
			{ fromStartDate: true },
			{ fromStartDate: false, changeType: 'created' },
			{ fromStartDate: false },
		]);
		expect([eventFields('messageReceived'), eventFields('messageFlagged'), eventFields('messageCategorised'), eventFields('messageMoved')]).toEqual([
			[],
			['flag'],
			['categories'],
			['receivedDateTime', 'lastModifiedDateTime'],
		]);
		expect(['messageReceived', 'messageMoved', 'messageFlagged', 'messageCategorised'].map((event) => subscriptionChangeType(event as never))).toEqual([
			'created',
			'created',
			'created,updated',
			'created,updated',
		]);
	});

	it('counts a created message as moved in when it was last changed a minute or more after it was received', () => {
		expect(isMovedIn({ receivedDateTime: '2026-03-02T08:00:00Z', lastModifiedDateTime: '2026-03-02T08:01:00Z' })).toBe(true);
		expect(isMovedIn({ receivedDateTime: '2026-03-02T08:00:00Z', lastModifiedDateTime: '2026-03-02T08:00:59Z' })).toBe(false);
		expect(isMovedIn({ receivedDateTime: 'yesterday', lastModifiedDateTime: '2026-03-02T08:01:00Z' })).toBe(false);
		expect(isMovedIn({})).toBe(false);
	});

	it('Flagged holds for flagStatus "flagged" only; Categorised for the category in any case', () => {
		const flagged = { event: 'messageFlagged' as const, eventCategory: '' };
		expect(['flagged', 'complete', 'notFlagged'].map((flagStatus) => holdsCondition({ flag: { flagStatus } }, flagged))).toEqual([true, false, false]);
		expect(holdsCondition({}, flagged)).toBe(false);
		const categorised = { event: 'messageCategorised' as const, eventCategory: 'Invoices' };
		expect(holdsCondition({ categories: ['Blue', 'INVOICES'] }, categorised)).toBe(true);
		expect(holdsCondition({ categories: ['Invoices 2026'] }, categorised)).toBe(false);
		expect(holdsCondition({ categories: 'Invoices' }, categorised)).toBe(false);
	});

	it('emits a transition once: noted while it holds, forgotten when it stops holding or the message leaves the folder', () => {
		const settings = { event: 'messageFlagged' as const, eventCategory: '' };
		const kept = state();
		const flagged = { id: 'm1', flag: { flagStatus: 'flagged' } };
		expect(noteChange(kept, flagged, at, settings, true)).toBe(true);
		expect(noteChange(kept, flagged, at, settings, true)).toBe(false);
		expect(noteChange(kept, { id: 'm1', flag: { flagStatus: 'complete' } }, at, settings, true)).toBe(false);
		expect(kept.holds).toEqual({});
		expect(noteChange(kept, flagged, at, settings, false)).toBe(false);
		expect(kept.holds).toEqual({ m1: at });
		noteRemoved(kept, ['m1']);
		expect(kept.holds).toEqual({});
	});

	it('keeps at most MAX_SEEN messages as holding, the most recently received', () => {
		const kept = state();
		kept.holds = {};
		for (let index = 0; index <= MAX_SEEN; index++) kept.holds[`m${index}`] = new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString();
		pruneHolds(kept);
		expect(Object.keys(kept.holds)).toHaveLength(MAX_SEEN);
		expect(kept.holds.m0).toBeUndefined();
		expect(kept.holds[`m${MAX_SEEN}`]).toBeDefined();
	});
});
