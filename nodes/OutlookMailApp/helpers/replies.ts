import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/client';
import { GraphInputError } from '../../shared/graph/errors';
import { messagePath } from '../../shared/mail/paths';
import { textValue } from '../../shared/graph/text';
import { messageLocator } from '../descriptions/locators.description';
import {
	attachmentFiles,
	attachmentsField,
	attachToDraft,
	bccRecipientsField,
	bodyContentField,
	bodyFormatField,
	ccRecipientsField,
	sendDraftMessage,
	toGraphMessage,
	toRecipientsField,
} from './composeMessage';
import { locatorValue } from './locators';
import { withoutAnnotations } from './messageOutput';
import { mergeRecipients, parseRecipients, type GraphRecipient } from './recipients';

/**
 * Reply, Reply All and Forward: one description and one execution, parameterised by the kind.
 *
 * Sent at once with nothing to add, a response is one `POST .../reply|replyAll|forward`. Otherwise it goes
 * through a draft: `POST .../createReply|createReplyAll|createForward`, then recipients merged into those
 * Outlook filled in (a PATCH), attachments added, and `POST .../send` unless it is kept as a draft.
 */

export type ResponseKind = 'reply' | 'replyAll' | 'forward';

type RecipientField = 'toRecipients' | 'ccRecipients' | 'bccRecipients';

const CREATE_ACTION = {
	reply: 'createReply',
	replyAll: 'createReplyAll',
	forward: 'createForward',
} as const satisfies Record<ResponseKind, string>;

/**
 * Recipient fields Outlook fills in from the original message. Graph replaces such a field when the request
 * names it, so extra recipients for them are merged into the draft's own list instead.
 */
const PREFILLED: Record<ResponseKind, RecipientField[]> = {
	reply: ['toRecipients'],
	replyAll: ['toRecipients', 'ccRecipients'],
	forward: [],
};

const FIELD_NAMES: Record<RecipientField, string> = {
	toRecipients: 'To',
	ccRecipients: 'CC Recipients',
	bccRecipients: 'BCC Recipients',
};

export function responseProperties(kind: ResponseKind): INodeProperties[] {
	const forward = kind === 'forward';
	const extra = forward ? 'added' : 'added to those Outlook fills in';
	return [
		messageLocator,
		...(forward
			? [{ ...toRecipientsField(true), description: 'Who to forward the message to: email addresses separated by commas, or a list' }]
			: []),
		{
			displayName: 'Content',
			name: 'contentMode',
			type: 'options',
			default: 'comment',
			options: [
				{ name: 'Comment', value: 'comment', description: 'Text written above the quoted original message' },
				{ name: 'Full Body', value: 'body', description: 'The whole body, without the quoted original message' },
			],
		},
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Written above the original message, as HTML or text; may be empty',
			displayOptions: { show: { contentMode: ['comment'] } },
		},
		{ ...bodyContentField, displayOptions: { show: { contentMode: ['body'] } } },
		{ ...bodyFormatField, displayOptions: { show: { contentMode: ['body'] } } },
		{
			displayName: 'Send or Keep as Draft',
			name: 'delivery',
			type: 'options',
			default: 'send',
			options: [
				{ name: 'Keep as Draft', value: 'draft', description: 'Save it in Drafts and output the draft' },
				{ name: 'Send Now', value: 'send' },
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				attachmentsField,
				{ ...bccRecipientsField, description: `Blind copy recipients, ${extra}` },
				{ ...ccRecipientsField, description: `Copy recipients, ${extra}` },
				...(forward ? [] : [{ ...toRecipientsField(false), description: `Recipients ${extra}` }]),
			],
		},
	];
}

export async function executeResponse(
	context: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
	kind: ResponseKind,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(context.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(context, 'messageId', itemIndex, 'Message');
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const delivery = context.getNodeParameter('delivery', itemIndex, 'send') as string;

	const recipients: Partial<Record<RecipientField, GraphRecipient[]>> = {};
	for (const field of ['toRecipients', 'ccRecipients', 'bccRecipients'] as const) {
		const value = forward(kind) && field === 'toRecipients' ? context.getNodeParameter('toRecipients', itemIndex, '') : additional[field];
		const list = parseRecipients(value, FIELD_NAMES[field]);
		if (list.length) recipients[field] = list;
	}
	if (forward(kind) && !recipients.toRecipients) {
		throw new GraphInputError('To', 'To: a forward needs at least one recipient');
	}

	// Graph takes a comment, or the body of the message, never both.
	const body: IDataObject = {};
	const message: IDataObject = {};
	if (context.getNodeParameter('contentMode', itemIndex, 'comment') === 'body') {
		Object.assign(
			message,
			toGraphMessage({
				bodyContent: context.getNodeParameter('bodyContent', itemIndex, ''),
				bodyFormat: context.getNodeParameter('bodyFormat', itemIndex, 'html'),
			}),
		);
	} else {
		body.comment = textValue(context.getNodeParameter('comment', itemIndex, ''), 'Comment');
	}
	const merged: RecipientField[] = [];
	for (const [field, list] of Object.entries(recipients) as Array<[RecipientField, GraphRecipient[]]>) {
		if (forward(kind) && field === 'toRecipients') body.toRecipients = list;
		else if (PREFILLED[kind].includes(field)) merged.push(field);
		else message[field] = list;
	}
	if (Object.keys(message).length) body.message = message;
	const files = await attachmentFiles(context, itemIndex, { attachments: additional.attachments });

	const original = messagePath(mailbox, messageId);
	if (delivery === 'send' && files.length === 0 && merged.length === 0) {
		await client.request({
			method: 'POST',
			path: original.child(kind),
			body,
			itemIndex,
		});
		return [{ json: { success: true } }];
	}

	let draft = await client.request<IDataObject>({
		method: 'POST',
		path: original.child(CREATE_ACTION[kind]),
		body,
		itemIndex,
	});
	const draftId = String(draft.id ?? '');
	if (merged.length) {
		const patch = Object.fromEntries(merged.map((field) => [field, mergeRecipients(draft[field], recipients[field] ?? [])]));
		draft = await client.request<IDataObject>({
			method: 'PATCH',
			path: messagePath(mailbox, draftId),
			body: patch,
			itemIndex,
		});
	}
	const attachments = await attachToDraft(client, mailbox, draftId, files, itemIndex);
	if (delivery === 'draft') {
		return [{ json: { ...withoutAnnotations(draft), ...(attachments.length ? { hasAttachments: true, attachments } : {}) } }];
	}
	await sendDraftMessage(client, mailbox, draftId, itemIndex);
	return [{ json: { success: true, messageId: draftId } }];
}

function forward(kind: ResponseKind): boolean {
	return kind === 'forward';
}
