/**
 * Message fields both nodes offer in their UI, from the mail layer's one list of each.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { MESSAGE_PROPERTIES } from '../mail/select';
import { IMPORTANCE_VALUES } from '../mail/types';

/** Every message property, to choose the "Selected Fields" of the output from. */
export const MESSAGE_FIELD_OPTIONS: INodePropertyOptions[] = MESSAGE_PROPERTIES.map((property) => ({ name: property, value: property }));

/** High, Low, Normal: the importance values, in the alphabetical order n8n lists options in. */
export const IMPORTANCE_OPTIONS: INodePropertyOptions[] = [...IMPORTANCE_VALUES]
	.sort()
	.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }));
