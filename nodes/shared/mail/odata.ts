/**
 * OData as Graph speaks it: string literals, and the `@odata.` annotations that mean nothing in a workflow.
 */

/** An OData string literal: quoted, with `'` doubled. */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}
