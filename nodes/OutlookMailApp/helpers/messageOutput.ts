import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Properties of microsoft.graph.message (with outlookItem and entity), from Graph's v1.0 metadata. */
export const MESSAGE_PROPERTIES = [
	'bccRecipients',
	'body',
	'bodyPreview',
	'categories',
	'ccRecipients',
	'changeKey',
	'conversationId',
	'conversationIndex',
	'createdDateTime',
	'flag',
	'from',
	'hasAttachments',
	'id',
	'importance',
	'inferenceClassification',
	'internetMessageHeaders',
	'internetMessageId',
	'isDeliveryReceiptRequested',
	'isDraft',
	'isRead',
	'isReadReceiptRequested',
	'lastModifiedDateTime',
	'parentFolderId',
	'receivedDateTime',
	'replyTo',
	'sender',
	'sentDateTime',
	'subject',
	'toRecipients',
	'uniqueBody',
	'webLink',
] as const;

/** What "Simplified" output keeps: what a workflow usually needs, without the body. */
export const SIMPLIFIED_MESSAGE_FIELDS = [
	'id',
	'conversationId',
	'subject',
	'bodyPreview',
	'from',
	'toRecipients',
	'ccRecipients',
	'receivedDateTime',
	'sentDateTime',
	'isRead',
	'isDraft',
	'importance',
	'hasAttachments',
	'categories',
	'flag',
	'parentFolderId',
	'webLink',
];

export function messageOutputProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simple',
			options: [
				{ name: 'Simplified', value: 'simple', description: 'The usual fields, without the body' },
				{ name: 'Raw', value: 'raw', description: 'Every field Graph returns by default, with the body' },
				{ name: 'Selected Fields', value: 'fields', description: 'Only the fields you choose' },
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			options: MESSAGE_PROPERTIES.map((property) => ({ name: property, value: property })),
			displayOptions: { show: { output: ['fields'] } },
		},
	];
}

/** `$select` for the chosen output, or undefined for Raw. */
export function messageSelect(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const output = context.getNodeParameter('output', itemIndex, 'simple') as string;
	if (output === 'raw') return undefined;
	if (output === 'fields') {
		const fields = context.getNodeParameter('fields', itemIndex, []) as string[];
		return [...new Set(['id', ...fields])].join(',');
	}
	return SIMPLIFIED_MESSAGE_FIELDS.join(',');
}

/** Graph's entity without OData annotations, which mean nothing in a workflow. */
export function withoutAnnotations(entity: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(entity).filter(([key]) => !key.startsWith('@odata.')));
}

/** The `Prefer` header that makes Graph return bodies as HTML or text. */
export function bodyFormatHeader(format: unknown): Record<string, string> {
	return format === 'text' ? { Prefer: 'outlook.body-content-type="text"' } : { Prefer: 'outlook.body-content-type="html"' };
}
