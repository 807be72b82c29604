import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createGraphClient } from '../../shared/graph/client';
import { categoryColorName, listCategories } from '../../shared/mail/categories';
import { currentMailbox } from './context';

/** The names of the mailbox's master list, for fields that take category names (a message's categories). */
export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await createGraphClient(this);
	const categories = await listCategories(client, client.mailbox(currentMailbox(this)));
	return categories
		.map((category) => ({
			name: category.displayName,
			value: category.displayName,
			description: `Colour: ${categoryColorName(category.color) ?? category.color}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
