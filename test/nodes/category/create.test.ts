import { type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';
import { ADELE, categoriesUrl, graphBodies } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'category', operation: 'create' };

describe('category > create', () => {
	it('creates a category with the preset of its Outlook colour name, and outputs it', async () => {
		const run = await runOutlook(emulator, { ...base, name: ' Invoices ', color: 'DarkBlue' });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${categoriesUrl()}`]);
		expect(graphBodies(emulator)).toEqual([{ displayName: 'Invoices', color: 'preset22' }]);
		const stored = emulator.store.categories.list(ADELE).find((category) => category.displayName === 'Invoices');
		expect(stored).toMatchObject({ color: 'preset22' });
		expect(run.items).toEqual([{ json: { id: stored!.id, displayName: 'Invoices', color: 'preset22', colorName: 'DarkBlue' }, pairedItem: { item: 0 } }]);
	});

	it.each([
		['dark cranberry', 'preset24'],
		['preset5', 'preset5'],
		['NONE', 'none'],
	])('takes the colour "%s" from an expression as %s', async (color, preset) => {
		const run = await runOutlook(emulator, { ...base, name: 'Tagged', color: '={{ $json.color }}' }, [{ color }]);
		expect(run.error).toBeUndefined();
		expect(graphBodies(emulator)).toEqual([{ displayName: 'Tagged', color: preset }]);
	});

	it('fails an unknown colour before sending, naming the field and the colours there are', async () => {
		const run = await runOutlook(emulator, { ...base, name: 'Tagged', color: '={{ $json.color }}' }, [{ color: 'Pink' }, { color: 'preset25' }], { continueOnFail: true });
		expect(run.graphCalls).toEqual([]);
		expect(run.items.map((item) => item.json.error)).toEqual(
			['Pink', 'preset25'].map(
				(text) =>
					`Color: "${text}" is not an Outlook category colour: use one of None, Red, Orange, Brown, Yellow, Green, Teal, Olive, Blue, Purple, Cranberry, Steel, DarkSteel, Gray, DarkGray, Black, DarkRed, DarkOrange, DarkBrown, DarkYellow, DarkGreen, DarkTeal, DarkOlive, DarkBlue, DarkPurple, DarkCranberry, or preset0 to preset24`,
			),
		);
	});

	it("fails only the item whose name is already in the list with Graph's 409, under continue-on-fail", async () => {
		const run = await runOutlook(emulator, { ...base, name: '={{ $json.name }}', color: 'Teal' }, [{ name: 'red CATEGORY' }, { name: 'Projects' }], {
			continueOnFail: true,
		});
		expect(run.items[0]).toEqual({
			json: {
				error: expect.stringMatching(/^ErrorDuplicateCategory: .* — The mailbox's master list already has a category of this name \(names compare without regard to case\)/),
			},
			pairedItem: { item: 0 },
		});
		expect(run.items[1]).toMatchObject({ json: { displayName: 'Projects', color: 'preset5', colorName: 'Teal' }, pairedItem: { item: 1 } });
	});
});
