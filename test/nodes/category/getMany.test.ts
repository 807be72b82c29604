import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../../helpers/outlook';
import { categoriesUrl, categoryNamed } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'category', operation: 'getMany' };

describe('category > getMany', () => {
	it("outputs the master list, each category with its colour's Outlook name", async () => {
		const run = await runOutlook(emulator, { ...base, returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${categoriesUrl()}?$top=1000`]);
		expect(run.items.map((item) => item.json)).toEqual(
			[
				['Red category', 'preset0', 'Red'],
				['Orange category', 'preset1', 'Orange'],
				['Yellow category', 'preset3', 'Yellow'],
				['Green category', 'preset4', 'Green'],
				['Blue category', 'preset7', 'Blue'],
				['Purple category', 'preset8', 'Purple'],
			].map(([displayName, color, colorName]) => ({ id: categoryNamed(emulator, displayName).id, displayName, color, colorName })),
		);
		expect(run.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('stops at Limit, asking Graph for no more', async () => {
		const run = await runOutlook(emulator, { ...base, returnAll: false, limit: 2 });
		expect(run.graphCalls).toEqual([`GET ${categoriesUrl()}?$top=2`]);
		expect(run.items.map((item) => item.json.displayName)).toEqual(['Red category', 'Orange category']);
	});

	it('names MailboxSettings.Read when the app may only send mail, under continue-on-fail', async () => {
		const run = await runOutlook(emulator, { ...base, returnAll: true }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		});
		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*the application permission MailboxSettings\.Read\b/);
	});
});
