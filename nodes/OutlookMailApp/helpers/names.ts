/**
 * Lists of names from a parameter: comma-separated text, or an expression giving a list.
 */
import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';
import { encodableText } from '../../shared/graph/text';

/** Names from comma-separated text or a list, trimmed, without empty ones. */
export function parseNameList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!parts) throw new GraphInputError(field, INPUT_TEXTS.textOrList(field));
	return parts
		.map((part) => {
			if (typeof part !== 'string' && typeof part !== 'number') {
				throw new GraphInputError(field, INPUT_TEXTS.textOrListOfText(field));
			}
			return encodableText(String(part), field).trim();
		})
		.filter(Boolean);
}
