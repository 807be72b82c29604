import { createHash } from 'node:crypto';
import { ItemNotFoundError, MalformedIdError } from './store';

/**
 * Each mailbox's master list of Outlook categories (`/users/{id}/outlook/masterCategories`). A mailbox starts with
 * Outlook's six default categories; names are unique in a list, compared case-insensitively; ids are GUIDs.
 */

export interface StoredCategory {
	id: string;
	displayName: string;
	/** `none` or `preset0`..`preset24`, as Graph's categoryColor enum spells them. */
	color: string;
}

/** A category of that name is already in the list (names compared case-insensitively). */
export class CategoryExistsError extends Error {
	constructor(readonly displayName: string) {
		super(`a category named '${displayName}' already exists`);
		this.name = 'CategoryExistsError';
	}
}

/** The categories a new Exchange Online mailbox has, with their colours (Outlook's defaults). */
export const DEFAULT_CATEGORIES: readonly (readonly [displayName: string, color: string])[] = [
	['Red category', 'preset0'],
	['Orange category', 'preset1'],
	['Yellow category', 'preset3'],
	['Green category', 'preset4'],
	['Blue category', 'preset7'],
	['Purple category', 'preset8'],
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A deterministic GUID for the n-th category of a mailbox, so the same run gives the same ids. */
function categoryId(userId: string, serial: number): string {
	const hex = createHash('sha256').update(`category:${userId}:${serial}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface CategoryList {
	items: StoredCategory[];
	serial: number;
}

export class MasterCategories {
	private readonly lists = new Map<string, CategoryList>();

	/** The mailbox's categories in the order they were created (the defaults first). */
	list(userId: string): StoredCategory[] {
		return this.of(userId).items;
	}

	get(userId: string, id: string): StoredCategory {
		if (!GUID.test(id)) throw new MalformedIdError(id);
		const found = this.of(userId).items.find((category) => category.id.toLowerCase() === id.toLowerCase());
		if (!found) throw new ItemNotFoundError(id);
		return found;
	}

	/** Whether the list holds a category of this name (case-insensitively). */
	has(userId: string, displayName: string): boolean {
		const key = displayName.toLowerCase();
		return this.of(userId).items.some((category) => category.displayName.toLowerCase() === key);
	}

	create(userId: string, displayName: string, color: string): StoredCategory {
		if (this.has(userId, displayName)) throw new CategoryExistsError(displayName);
		const list = this.of(userId);
		const category: StoredCategory = { id: categoryId(userId, ++list.serial), displayName, color };
		list.items.push(category);
		return category;
	}

	setColor(userId: string, id: string, color: string): StoredCategory {
		const category = this.get(userId, id);
		category.color = color;
		return category;
	}

	delete(userId: string, id: string): void {
		const category = this.get(userId, id);
		const list = this.of(userId);
		list.items = list.items.filter((candidate) => candidate !== category);
	}

	private of(userId: string): CategoryList {
		const key = userId.toLowerCase();
		let list = this.lists.get(key);
		if (!list) {
			list = { items: [], serial: 0 };
			for (const [displayName, color] of DEFAULT_CATEGORIES) list.items.push({ id: categoryId(key, ++list.serial), displayName, color });
			this.lists.set(key, list);
		}
		return list;
	}
}
