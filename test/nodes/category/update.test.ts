import { type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, categoriesUrl, categoryNamed, graphBodies } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'category', operation: 'update' };

describe('category > update', () => {
	it('changes the colour only, with one PATCH, and outputs the category', async () => {
		const red = categoryNamed(emulator, 'Red category');
		const run = await runOutlook(emulator, { ...base, categoryId: { mode: 'id', value: red.id }, color: 'Gray' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${categoriesUrl(red.id)}`]);
		expect(graphBodies(emulator)).toEqual([{ color: 'preset12' }]);
		expect(run.items).toEqual([{ json: { id: red.id, displayName: 'Red category', color: 'preset12', colorName: 'Gray' }, pairedItem: { item: 0 } }]);
		expect(emulator.store.categories.get(ADELE, red.id).color).toBe('preset12');
	});

	it('finds the category By Name (without regard to case) in the master list first', async () => {
		const blue = categoryNamed(emulator, 'Blue category');
		const run = await runOutlook(emulator, { ...base, categoryId: { mode: 'name', value: 'BLUE category' }, color: 'Black' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${categoriesUrl()}?$top=1000`, `PATCH ${categoriesUrl(blue.id)}`]);
		expect(run.items[0].json).toMatchObject({ id: blue.id, color: 'preset14', colorName: 'Black' });
	});

	it('fails a rename before sending anything that changes, with a sentence saying Graph does not allow it', async () => {
		const green = categoryNamed(emulator, 'Green category');
		const run = await runOutlook(
			emulator,
			{ ...base, categoryId: { mode: 'id', value: green.id }, color: 'Olive', name: '={{ $json.name }}' },
			[{ name: 'Paid' }, { name: 'GREEN category' }],
			{ continueOnFail: true },
		);
		expect(run.items[0]).toEqual({
			json: {
				error:
					'Name: "Green category" cannot become "Paid". Graph does not allow renaming a category: create a category with the new name, give it to the messages, then delete the old one',
			},
			pairedItem: { item: 0 },
		});
		expect(run.items[1]).toMatchObject({ json: { displayName: 'Green category', color: 'preset6' }, pairedItem: { item: 1 } });
		expect(run.graphCalls.filter((call) => call.startsWith('PATCH'))).toEqual([`PATCH ${categoriesUrl(green.id)}`]);
	});

	it.each([
		['an ID of no category', { mode: 'id', value: '00000000-0000-4000-8000-000000000000' }, /^ErrorItemNotFound: .* — The category is not in this mailbox's master list/],
		['a name the list does not have', { mode: 'name', value: 'Archived' }, /^Category: the mailbox's master list has no category named "Archived"$/],
	])('fails the item for %s under continue-on-fail', async (_case, categoryId, message) => {
		const run = await runOutlook(emulator, { ...base, categoryId, color: 'Red' }, [{}], { continueOnFail: true });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toMatch(message);
	});
});
