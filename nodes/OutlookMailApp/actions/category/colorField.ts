import type { INodeProperties } from 'n8n-workflow';

import { choice } from '../../../shared/descriptions/fields.description';
import { CATEGORY_COLOR_NAMES } from '../../../shared/mail/categories';

/** Outlook's category colours by name; an expression may also give "Dark Blue" or a preset (preset0 to preset24). */
export function colorField(defaultValue: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return choice(
		'Color',
		'color',
		defaultValue,
		['None', ...CATEGORY_COLOR_NAMES].map((name, index) => ({
			name: name.replace(/^Dark(?=[A-Z])/, 'Dark '),
			value: name,
			description: index === 0 ? 'No colour' : `Graph's preset${index - 1}`,
		})),
		{ description: 'The colour Outlook shows the category in', ...extra },
	);
}
