import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { addRule, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele } = SAMPLE.users;

describe('rule > delete', () => {
	it('deletes the rule with one DELETE', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind');
		const run = await runOutlook(emulator, { resource: 'rule', operation: 'delete', ruleId: { __rl: true, mode: 'id', value: rule.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`DELETE ${rulesUrl()}/${encodeURIComponent(rule.id)}`]);
		expect(run.items[0].json).toEqual({ success: true, id: rule.id });
		expect(emulator.store.rules.list(adele.id)).toEqual([]);
	});

	it('fails only the item whose rule is gone, under continue-on-fail', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind');
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'delete', ruleId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ id: rule.id }, { id: 'AQAAAAAAAAE=' }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.success ?? item.json.error)).toEqual([true, expect.stringMatching(/^ErrorItemNotFound: /)]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
