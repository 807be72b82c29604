import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { addRule, graphBodies, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele } = SAMPLE.users;

describe('rule > enable, disable', () => {
	it.each([
		['disable', true, false],
		['enable', false, true],
	])('%s sends one PATCH of isEnabled and outputs the rule', async (operation, before, after) => {
		const rule = addRule(emulator, adele.id, 'Northwind', 1, before);
		const run = await runOutlook(emulator, { resource: 'rule', operation, ruleId: { __rl: true, mode: 'id', value: rule.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${rulesUrl()}/${encodeURIComponent(rule.id)}`]);
		expect(graphBodies(emulator, 'PATCH')).toEqual([{ isEnabled: after }]);
		expect(run.items[0].json).toMatchObject({ id: rule.id, isEnabled: after });
		expect(emulator.store.rules.get(adele.id, rule.id).isEnabled).toBe(after);
	});

	it('fails only the item whose rule is not there, under continue-on-fail', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind', 1, false);
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'enable', ruleId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ id: 'AQAAAAAAAAE=' }, { id: rule.id }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.isEnabled ?? item.json.error)).toEqual([expect.stringMatching(/^ErrorItemNotFound: /), true]);
	});
});
