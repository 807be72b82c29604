import { isOurClientState, newClientState } from '../../nodes/OutlookMailAppInstantTrigger/clientState';
import { MAX_NOTIFICATIONS_PER_POST, readNotifications } from '../../nodes/OutlookMailAppInstantTrigger/notifications';
import { readInstantState, writeInstantState } from '../../nodes/OutlookMailAppInstantTrigger/state';

describe('clientState', () => {
	it('newClientState: 43 base64url characters, different every time', () => {
		const first = newClientState();
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(newClientState()).not.toBe(first);
	});

	it('isOurClientState: only the same text, and never for no secret or a value that is not text', () => {
		const secret = newClientState();
		expect(isOurClientState(secret, secret)).toBe(true);
		expect(isOurClientState(`${secret} `, secret)).toBe(false);
		expect(isOurClientState(secret.slice(0, 42), secret)).toBe(false);
		expect(isOurClientState(undefined, secret)).toBe(false);
		expect(isOurClientState(42, secret)).toBe(false);
		expect(isOurClientState('', '')).toBe(false);
	});
});

describe('readNotifications', () => {
	const change = { subscriptionId: 'sub-1', clientState: 'secret', changeType: 'created', resource: 'Users/u/Messages/m', resourceData: { id: 'm' } };

	it('reads change and lifecycle notifications of one POST', () => {
		const read = readNotifications({ value: [change, { subscriptionId: 'sub-2', clientState: 'secret', lifecycleEvent: 'missed' }] });
		expect(read).toEqual({
			notifications: [
				{ kind: 'change', subscriptionId: 'sub-1', clientState: 'secret', changeType: 'created' },
				{ kind: 'lifecycle', subscriptionId: 'sub-2', clientState: 'secret', lifecycleEvent: 'missed' },
			],
			unreadable: 0,
		});
	});

	it('counts what is not a notification as unreadable: no value list, no subscription id, an unknown event or change type', () => {
		expect(readNotifications('text').unreadable).toBe(1);
		expect(readNotifications({ value: 'x' }).unreadable).toBe(1);
		const read = readNotifications({
			value: [null, 'x', { clientState: 'a', changeType: 'created' }, { subscriptionId: 'sub', changeType: 'exploded' }, { subscriptionId: 'sub', lifecycleEvent: 'gone' }, change],
		});
		expect(read.unreadable).toBe(5);
		expect(read.notifications).toHaveLength(1);
	});

	it('keeps no clientState that is not short printable text, and reads at most 1,000 entries of a POST', () => {
		expect(readNotifications({ value: [{ ...change, clientState: 'x'.repeat(600) }] }).notifications[0].clientState).toBeUndefined();
		expect(readNotifications({ value: [{ ...change, clientState: 'a\nb' }] }).notifications[0].clientState).toBeUndefined();
		const read = readNotifications({ value: Array.from({ length: MAX_NOTIFICATIONS_PER_POST + 5 }, () => change) });
		expect(read.notifications).toHaveLength(MAX_NOTIFICATIONS_PER_POST);
		expect(read.unreadable).toBe(5);
	});
});

describe('instant trigger state', () => {
	const state = {
		version: 1,
		clientState: newClientState(),
		notificationUrl: 'https://n8n.contoso.com/webhook/abc/webhook',
		subscriptions: [{ id: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07', mailbox: 'adele@contoso.com', folder: 'inbox', expiresAt: 1_800_000_000_000, renewedAt: 1_799_000_000_000 }],
	};

	it('reads back what it wrote', () => {
		const staticData = {};
		writeInstantState(staticData, state);
		expect(readInstantState(staticData)).toEqual(state);
	});

	it('uses nothing of a state that does not pass its checks', () => {
		const broken = (patch: Record<string, unknown>) => ({ outlookMailAppInstant: { ...state, ...patch } });
		expect(readInstantState({})).toBeUndefined();
		expect(readInstantState(broken({ version: 2 }))).toBeUndefined();
		expect(readInstantState(broken({ clientState: 7 }))).toBeUndefined();
		expect(readInstantState(broken({ clientState: 'x'.repeat(129) }))).toBeUndefined();
		expect(readInstantState(broken({ subscriptions: {} }))).toBeUndefined();
		expect(readInstantState(broken({ subscriptions: [{ ...state.subscriptions[0], id: 'has space' }] }))).toBeUndefined();
		expect(readInstantState(broken({ subscriptions: [{ ...state.subscriptions[0], expiresAt: 'soon' }] }))).toBeUndefined();
	});
});
