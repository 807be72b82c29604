/**
 * The master list of categories (`outlook/masterCategories`): Outlook's colour names for Graph's presets, and the
 * list itself for the category pickers.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../graph/client';
import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';
import { textValue } from '../graph/text';
import { withoutAnnotations } from './odata';
import { masterCategoriesPath } from './paths';

/** Outlook's colour names, in the order of Graph's presets: Red is preset0, DarkCranberry preset24. */
export const CATEGORY_COLOR_NAMES = [
	'Red', 'Orange', 'Brown', 'Yellow', 'Green', 'Teal', 'Olive', 'Blue', 'Purple', 'Cranberry', 'Steel', 'DarkSteel', 'Gray',
	'DarkGray', 'Black', 'DarkRed', 'DarkOrange', 'DarkBrown', 'DarkYellow', 'DarkGreen', 'DarkTeal', 'DarkOlive', 'DarkBlue',
	'DarkPurple', 'DarkCranberry',
] as const;

const squeeze = (text: string) => text.replace(/[\s_-]+/g, '').toLowerCase();
const BY_NAME = new Map(CATEGORY_COLOR_NAMES.map((name, index) => [name.toLowerCase(), `preset${index}`]));

/**
 * Graph's categoryColor for a colour as a user gives it: an Outlook name in any case and spacing ("Dark Blue"),
 * None, or a preset itself (preset0 to preset24). Anything else fails the item, naming the field.
 */
export function categoryColor(value: unknown, field: string): string {
	const text = textValue(value, field).trim();
	const key = squeeze(text);
	if (key === 'none') return 'none';
	const preset = /^preset(\d{1,2})$/.exec(key);
	if (preset && Number(preset[1]) < CATEGORY_COLOR_NAMES.length) return `preset${Number(preset[1])}`;
	const named = BY_NAME.get(key);
	if (named) return named;
	throw new GraphInputError(field, INPUT_TEXTS.categoryColor(field, text, ['None', ...CATEGORY_COLOR_NAMES].join(', ')));
}

/** Outlook's name of a Graph categoryColor ("preset7" is "Blue"), "None" for none, undefined for anything else. */
export function categoryColorName(color: unknown): string | undefined {
	if (typeof color !== 'string') return undefined;
	if (color.toLowerCase() === 'none') return 'None';
	const preset = /^preset(\d{1,2})$/i.exec(color);
	return preset ? CATEGORY_COLOR_NAMES[Number(preset[1])] : undefined;
}

export interface MasterCategory {
	id: string;
	displayName: string;
	color: string;
}

/** A category as the node outputs it: Graph's fields and the colour's Outlook name. */
export function categoryOutput(category: IDataObject): IDataObject {
	return { ...withoutAnnotations(category), colorName: categoryColorName(category.color) ?? null };
}

/** The master list of the mailbox, in Graph's order. */
export async function listCategories(client: GraphClient, mailbox: string, options: { limit?: number; itemIndex?: number } = {}): Promise<MasterCategory[]> {
	return await client.paginate<MasterCategory>(
		{ method: 'GET', path: masterCategoriesPath(mailbox), itemIndex: options.itemIndex },
		{ limit: options.limit },
	);
}

/** The category of the master list with this name (compared without case, as Outlook does). */
export async function categoryByName(client: GraphClient, mailbox: string, name: string, field: string, itemIndex?: number): Promise<MasterCategory> {
	const categories = await listCategories(client, mailbox, { itemIndex });
	const found = categories.find((category) => category.displayName.toLowerCase() === name.toLowerCase());
	if (!found) throw new GraphInputError(field, INPUT_TEXTS.categoryNameNotFound(field, name));
	return found;
}
