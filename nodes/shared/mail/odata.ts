/**
 * OData as Graph speaks it: string literals, `$search` phrases, and the `@odata.` annotations that mean nothing
 * in a workflow.
 */
import type { IDataObject } from 'n8n-workflow';

import { encodableText } from '../graph/text';

/** An OData string literal: quoted, with `'` doubled. */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A KQL query as Graph's `$search` takes it: in double quotes, with the quotes and backslashes inside
 * escaped, so `subject:"quarterly report"` stays one phrase. The one way every `$search` phrase is written
 * (Get Many's Search Query and the list search box alike).
 */
export function searchValue(query: string, field = 'Search Query'): string {
	return `"${encodableText(query, field).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graph's entity without OData annotations (`@odata.etag`, `@odata.context`), and without `omit`. */
export function withoutAnnotations<T extends IDataObject>(entity: T, ...omit: string[]): IDataObject {
	return Object.fromEntries(Object.entries(entity).filter(([key]) => !key.startsWith('@odata.') && !omit.includes(key)));
}
