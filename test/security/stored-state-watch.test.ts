/**
 * Stored state of a trigger watching several mailboxes is untrusted too: the watch around the mailboxes' states
 * (back-off, the mailboxes first next time, a group's members) is checked entry by entry. A bad mailbox state
 * resets that mailbox alone (the others go on from where they were); a bad cache entry is dropped; a watch whose
 * shape is wrong starts again from now. None of it crashes the trigger or reaches a request.
 */
import type { IDataObject } from 'n8n-workflow';

import { SAMPLE, type Emulator } from '../emulator';
import { useEmulator } from '../helpers/outlook';
import { TriggerHarness } from '../trigger/helpers';
import { useN8nLog } from './helpers/n8nLog';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const log = useN8nLog();

const { adele, alex } = SAMPLE.users;
const MAILBOXES = [adele.id, alex.id];

let sequence = 0;
function arrive(userId: string) {
	sequence++;
	return emulator.store.addMessage(userId, 'inbox', { receivedDateTime: new Date().toISOString(), isRead: false, subject: `Watch ${sequence}` }, sequence);
}

const watchOf = (trigger: TriggerHarness) => (trigger.staticData['node:Trigger'] as IDataObject).outlookMailApp as IDataObject & { mailboxes: Record<string, unknown> };
const setWatch = (trigger: TriggerHarness, watch: unknown) => {
	(trigger.staticData['node:Trigger'] as IDataObject).outlookMailApp = watch as IDataObject;
};
const deltaFilters = () => emulator.requests.filter((request) => request.kind === 'graph' && request.path.endsWith('/messages/delta')).map((request) => request.query.$filter);

async function watchInUse() {
	const trigger = new TriggerHarness(emulator, { mailboxMode: 'list', mailboxes: MAILBOXES });
	await trigger.poll();
	log.lines.length = 0;
	return trigger;
}

describe('security: stored state of a watch over several mailboxes', () => {
	it("resets one mailbox's bad state alone: the other mailbox emits its new mail, the reset one starts from now", async () => {
		const trigger = await watchInUse();
		watchOf(trigger).mailboxes[alex.id] = { version: 1, configKey: 'x', seen: 'broken' };
		const adeleMail = arrive(adele.id);
		arrive(alex.id);
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((item) => item.json.id)).toEqual([adeleMail.id]);
		expect(log.warnings()).toEqual([expect.stringMatching(new RegExp(`its stored state for mailbox "${alex.id}" was made for another mailbox`))]);
		const alexMail = arrive(alex.id);
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([alexMail.id]);
	});

	it.each<[string, (watch: IDataObject) => unknown, RegExp]>([
		['a watch that is a list', () => [], /\(it is not an object\)/],
		['a version of another type', (watch) => ({ ...watch, version: '2' }), /\(its version is not 2\)/],
		['mailboxes that are a list', (watch) => ({ ...watch, mailboxes: [] }), /\(mailboxes is not an object\)/],
		['a mailbox key with a control character', (watch) => ({ ...watch, mailboxes: { 'a\u0000b': {} } }), /\(mailboxes holds a mailbox that is not valid\)/],
		['a mailbox key __proto__', (watch) => ({ ...watch, mailboxes: JSON.parse('{"__proto__": {"polluted": true}}') }), /\(mailboxes holds a mailbox that is not valid\)/],
		['1,500 mailboxes', (watch) => ({ ...watch, mailboxes: Object.fromEntries(Array.from({ length: 1500 }, (_, index) => [`m${index}`, {}])) }), /\(mailboxes holds more than 1000 entries\)/],
	])('starts the whole watch again from now for %s', async (_, corrupt, warning) => {
		const trigger = await watchInUse();
		setWatch(trigger, corrupt(watchOf(trigger)));
		arrive(adele.id);
		emulator.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items).toEqual([]);
		expect(log.warnings()).toEqual([expect.stringMatching(warning)]);
		expect(deltaFilters()).toEqual([expect.stringMatching(/^receivedDateTime ge \d{4}-/), expect.stringMatching(/^receivedDateTime ge \d{4}-/)]);
		const next = arrive(alex.id);
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([next.id]);
	});

	it.each<[string, unknown]>([
		['a health entry with a count of text', { [alex.id]: { failures: 'many', retryAt: '2999-01-01T00:00:00Z' } }],
		['a health entry whose retryAt closes the date and adds a clause', { [alex.id]: { failures: 1, retryAt: "2999-01-01T00:00:00Z' or 1 eq 1" } }],
		['health that is text', 'broken'],
	])('drops %s: the mailbox is read at once, nothing reset', async (_, health) => {
		const trigger = await watchInUse();
		setWatch(trigger, { ...watchOf(trigger), health, first: [42, 'ok@x'], group: { id: 'g', readAt: 'never', members: [] } });
		const mail = arrive(alex.id);
		emulator.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((item) => item.json.id)).toEqual([mail.id]);
		expect(log.warnings()).toEqual([]);
		expect(watchOf(trigger).health).toEqual({});
		expect(watchOf(trigger).group).toBeUndefined();
	});

	it('adopts the state of a trigger that watched one mailbox before (version 1), emitting nothing twice and nothing lost', async () => {
		const single = new TriggerHarness(emulator, { mailbox: adele.userPrincipalName });
		await single.poll();
		const key = adele.userPrincipalName.toLowerCase();
		const v1 = watchOf(single).mailboxes[key];
		setWatch(single, v1);
		const mail = arrive(adele.id);
		const poll = await single.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((item) => item.json.id)).toEqual([mail.id]);
		expect(log.warnings()).toEqual([]);
		expect(watchOf(single).version).toBe(2);
	});
});
