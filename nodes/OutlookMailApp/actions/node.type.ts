/**
 * The resources of the node, as its Resource parameter offers them; the router's map is checked against them.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const RESOURCE_OPTIONS = [
	{ name: 'Attachment', value: 'attachment' },
	{ name: 'Category', value: 'category' },
	{ name: 'Folder', value: 'folder' },
	{ name: 'Graph Request', value: 'graphRequest' },
	{ name: 'Mail Tips', value: 'mailTips' },
	{ name: 'Mailbox', value: 'mailbox' },
	{ name: 'Mailbox Settings', value: 'mailboxSettings' },
	{ name: 'Message', value: 'message' },
	{ name: 'Message Trace', value: 'messageTrace' },
	{ name: 'Rule', value: 'rule' },
] as const satisfies readonly INodePropertyOptions[];

export type Resource = (typeof RESOURCE_OPTIONS)[number]['value'];

export function isResource(value: unknown): value is Resource {
	return RESOURCE_OPTIONS.some((option) => option.value === value);
}
