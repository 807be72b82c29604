import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, categoriesUrl, categoryNamed } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'category', operation: 'delete' };
const names = () => emulator.store.categories.list(ADELE).map((category) => category.displayName);

describe('category > delete', () => {
	it('deletes the category from the master list with DELETE', async () => {
		const yellow = categoryNamed(emulator, 'Yellow category');
		const run = await runOutlook(emulator, { ...base, categoryId: { mode: 'list', value: yellow.id } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`DELETE ${categoriesUrl(yellow.id)}`]);
		expect(run.items).toEqual([{ json: { success: true, id: yellow.id }, pairedItem: { item: 0 } }]);
		expect(names()).not.toContain('Yellow category');
	});

	it('fails only the item whose category is already gone, under continue-on-fail', async () => {
		const purple = categoryNamed(emulator, 'Purple category');
		const orange = categoryNamed(emulator, 'Orange category');
		const run = await runOutlook(
			emulator,
			{ ...base, categoryId: { mode: 'id', value: '={{ $json.id }}' }, requestOptions: { batching: false } },
			[{ id: purple.id }, { id: purple.id }, { id: orange.id }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => [item.json.success ?? String(item.json.error).split(':')[0], item.pairedItem])).toEqual([
			[true, { item: 0 }],
			['ErrorItemNotFound', { item: 1 }],
			[true, { item: 2 }],
		]);
		expect(names()).toEqual(['Red category', 'Yellow category', 'Green category', 'Blue category']);
	});

	it('names MailboxSettings.ReadWrite and keeps the category when the app holds only MailboxSettings.Read', async () => {
		const red = categoryNamed(emulator, 'Red category');
		const run = await runOutlook(emulator, { ...base, categoryId: { mode: 'id', value: red.id } }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.mailboxReader.clientId, clientSecret: SAMPLE.apps.mailboxReader.secret }),
		});
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*the application permission MailboxSettings\.ReadWrite/);
		expect(names()).toContain('Red category');
	});
});
