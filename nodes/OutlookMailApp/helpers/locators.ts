import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../shared/graph/inputTexts';
import { GraphInputError } from '../../shared/graph/errors';

/**
 * Outlook on the web shows message links with the EWS form of the ID (`+`, `/`) URL-encoded, such as
 * `https://outlook.office365.com/owa/?ItemID=AAMk...%3D` (Graph's webLink) or
 * `https://outlook.office.com/mail/inbox/id/AAQk...%3D`. Graph's REST IDs use `-` and `_` instead.
 */
export const OUTLOOK_WEB_MESSAGE_URL = '(?:[?&]ItemID=|/id/)([^&/?#]+)';

/** The Graph REST ID in a piece of an Outlook on the web URL: URL-decoded, EWS characters replaced. */
export function restIdFromUrlPart(encoded: string): string {
	let decoded: string;
	try {
		decoded = decodeURIComponent(encoded);
	} catch {
		decoded = encoded;
	}
	return decoded.replace(/\//g, '-').replace(/\+/g, '_');
}

/** The value of a resource locator parameter, with "By URL" values turned into Graph IDs. */
export function locatorValue(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	field: string,
): string {
	const locator = context.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator | string;
	if (typeof locator === 'string') return locator;
	// Only "By URL" has a value to extract; for the other modes the resolved value is the ID, and a second
	// resolution would evaluate the parameter's expression once more for every item.
	const value = locator.mode === 'url' ? (context.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true }) as unknown) : locator.value;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new GraphInputError(field, INPUT_TEXTS.mustBeText(field));
	}
	const text = String(value).trim();
	if (locator.mode === 'url') {
		if (text === String(locator.value ?? '').trim()) {
			throw new GraphInputError(field, INPUT_TEXTS.urlWithoutId(field));
		}
		return restIdFromUrlPart(text);
	}
	return text;
}
