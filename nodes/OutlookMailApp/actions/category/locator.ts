import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { categoryByName, type MasterCategory } from '../../../shared/mail/categories';
import { locatorValue } from '../../helpers/locators';

/**
 * The category the Category parameter names: its ID as given (From List, By ID), or, By Name, the category of
 * the master list with that name, read with one request (`found` then holds it).
 */
export async function categoryFromLocator(
	context: IExecuteFunctions,
	client: GraphClient,
	mailbox: string,
	itemIndex: number,
): Promise<{ id: string; found?: MasterCategory }> {
	const locator = context.getNodeParameter('categoryId', itemIndex) as INodeParameterResourceLocator | string;
	if (typeof locator === 'object' && locator.mode === 'name') {
		const name = textValue(context.getNodeParameter('categoryId', itemIndex, undefined, { extractValue: true }), 'Category').trim();
		if (!name) throw new GraphInputError('Category', INPUT_TEXTS.empty('Category'));
		const found = await categoryByName(client, mailbox, name, 'Category', itemIndex);
		return { id: found.id, found };
	}
	return { id: locatorValue(context, 'categoryId', itemIndex, 'Category') };
}
