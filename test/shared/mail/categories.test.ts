import { categoryColor, categoryColorName, CATEGORY_COLOR_NAMES } from '../../../nodes/shared/mail/categories';

describe('category colours', () => {
	it("maps Outlook's 25 colour names to preset0..preset24, in Outlook's order", () => {
		expect(CATEGORY_COLOR_NAMES).toHaveLength(25);
		expect(CATEGORY_COLOR_NAMES.map((name) => categoryColor(name, 'Color'))).toEqual(Array.from({ length: 25 }, (_, index) => `preset${index}`));
		expect([categoryColor('Red', 'Color'), categoryColor('Blue', 'Color'), categoryColor('DarkCranberry', 'Color')]).toEqual(['preset0', 'preset7', 'preset24']);
	});

	it.each([
		['dark blue', 'preset22'],
		['DARK_GRAY', 'preset13'],
		['Preset09', 'preset9'],
		['none', 'none'],
	])('reads %j as %s', (given, preset) => {
		expect(categoryColor(given, 'Color')).toBe(preset);
	});

	it.each(['Pink', 'preset25', '', 'Red category'])('refuses %j, naming the field', (given) => {
		expect(() => categoryColor(given, 'Color')).toThrow(`Color: "${given}" is not an Outlook category colour`);
	});

	it("names a preset by Outlook's name, None for none, nothing for what is no colour", () => {
		expect([categoryColorName('preset8'), categoryColorName('None'), categoryColorName('preset30'), categoryColorName(undefined)]).toEqual(['Purple', 'None', undefined, undefined]);
	});
});
