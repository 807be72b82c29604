import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { addRule, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele } = SAMPLE.users;

describe('rule > get', () => {
	it('gets one rule by ID, the ID encoded as one path segment', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind');
		const run = await runOutlook(emulator, { resource: 'rule', operation: 'get', ruleId: { __rl: true, mode: 'id', value: rule.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${rulesUrl()}/${encodeURIComponent(rule.id)}`]);
		expect(run.items[0].json).toEqual({ id: rule.id, displayName: 'Northwind', sequence: 1, isEnabled: true, hasError: false, isReadOnly: false, conditions: { senderContains: ['NORTHWIND'] }, actions: { markAsRead: true } });
	});

	it('fails only the item whose rule is not there, naming the ID, under continue-on-fail', async () => {
		const rule = addRule(emulator, adele.id, 'Northwind');
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'get', ruleId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ id: 'AQAAAAAAAAE=' }, { id: rule.id }, { id: '../../../users' }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.displayName ?? item.json.error)).toEqual([
			expect.stringMatching(/^ErrorItemNotFound: .*The IDs? given: Rule "AQAAAAAAAAE="/),
			'Northwind',
			expect.stringMatching(/^ErrorInvalidIdMalformed: /),
		]);
		expect(run.graphCalls[2]).toBe(`GET ${rulesUrl()}/..%2F..%2F..%2Fusers`);
	});
});
