/**
 * The resources of the node, as its Resource parameter offers them; the router's map is checked against them.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const RESOURCE_OPTIONS = [
	{ name: 'Attachment', value: 'attachment' },
	{ name: 'Folder', value: 'folder' },
	{ name: 'Message', value: 'message' },
] as const satisfies readonly INodePropertyOptions[];

export type Resource = (typeof RESOURCE_OPTIONS)[number]['value'];

export function isResource(value: unknown): value is Resource {
	return RESOURCE_OPTIONS.some((option) => option.value === value);
}
