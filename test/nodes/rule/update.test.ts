import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { addRule, graphBodies, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele } = SAMPLE.users;

describe('rule > update', () => {
	it('sends only what changes: the name, and the actions, which replace the rule\'s actions whole', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind');
		const run = await runOutlook(emulator, {
			resource: 'rule',
			operation: 'update',
			ruleId: { __rl: true, mode: 'list', value: rule.id },
			updateFields: { name: 'Northwind (forward)' },
			actions: { forwardTo: SAMPLE.users.alex.mail, markImportance: 'high' },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${rulesUrl()}/${encodeURIComponent(rule.id)}`]);
		expect(graphBodies(emulator, 'PATCH')).toEqual([
			{ displayName: 'Northwind (forward)', actions: { forwardTo: [{ emailAddress: { address: SAMPLE.users.alex.mail } }], markImportance: 'high' } },
		]);
		expect(run.items[0].json).toMatchObject({
			id: rule.id,
			displayName: 'Northwind (forward)',
			conditions: { senderContains: ['NORTHWIND'] },
			actions: { forwardTo: [{ emailAddress: { address: SAMPLE.users.alex.mail } }], markImportance: 'high' },
		});
		expect(run.items[0].json.actions).not.toHaveProperty('markAsRead');
	});

	it('fails the item Graph refuses (a read-only rule) and the one with nothing to change, under continue-on-fail', async () => {
		const readOnly = emulator.store.rules.add(adele.id, { displayName: 'Made in Outlook', sequence: 1, isEnabled: true, isReadOnly: true, actions: { delete: true } });
		const normal = addRule(emulator, adele.id, 'Normal', 2);
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'update', ruleId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { sequence: '={{ $json.sequence }}' } },
			[{ id: readOnly.id, sequence: 5 }, { id: normal.id, sequence: 7 }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.sequence ?? item.json.error)).toEqual([
			expect.stringMatching(/^ErrorNotSupportedMessageRule: .* — The rule was made in Outlook in a form Graph cannot represent/),
			7,
		]);
		const nothing = await runOutlook(emulator, { resource: 'rule', operation: 'update', ruleId: { __rl: true, mode: 'id', value: normal.id } }, [{}], { continueOnFail: true });
		expect(nothing.items[0].json.error).toBe('Add at least one field to change');
		expect(nothing.graphCalls).toEqual([]);
	});
});
