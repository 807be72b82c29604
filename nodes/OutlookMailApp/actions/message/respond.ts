import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { attachToDraft, respond, sendDraftMessage, updateMessage, type ResponseKind } from '../../../shared/mail/drafts';
import { filesNamed } from '../../../shared/mail/files';
import { withoutAnnotations } from '../../../shared/mail/odata';
import type { GraphRecipient } from '../../../shared/mail/types';
import { responseProperties } from '../../descriptions/response.description';
import { toGraphMessage } from '../../helpers/compose';
import { locatorValue } from '../../helpers/locators';
import { mergeRecipients, parseRecipients } from '../../helpers/recipients';
import { defineOperation, type Operation, type OperationOptionText } from '../defineOperation';

/**
 * Reply, Reply All and Forward: one description and one execution, parameterised by the kind.
 *
 * Sent at once with nothing to add, a response is one `POST .../reply|replyAll|forward`. Otherwise it goes
 * through a draft: `POST .../createReply|createReplyAll|createForward`, then recipients merged into those
 * Outlook filled in (a PATCH), attachments added, and `POST .../send` unless it is kept as a draft.
 */

type RecipientField = 'toRecipients' | 'ccRecipients' | 'bccRecipients';

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

async function executeResponse(
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
		throw new GraphInputError('To', INPUT_TEXTS.forwardNeedsRecipient);
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
	const files = await filesNamed(context, itemIndex, additional.attachments, 'Attachments');

	if (delivery === 'send' && files.length === 0 && merged.length === 0) {
		await respond(client, mailbox, messageId, kind, 'send', body, itemIndex);
		return [{ json: { success: true } }];
	}

	let draft = (await respond(client, mailbox, messageId, kind, 'draft', body, itemIndex)) as IDataObject;
	const draftId = String(draft.id ?? '');
	if (merged.length) {
		const patch = Object.fromEntries(merged.map((field) => [field, mergeRecipients(draft[field], recipients[field] ?? [])]));
		draft = await updateMessage(client, mailbox, draftId, patch, itemIndex);
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

/** The operation of one kind: sent one item after another, so mail goes out in the items' order. */
export function responseOperation<K extends ResponseKind>(kind: K, option: OperationOptionText): Operation<'message', K> {
	return defineOperation({
		resource: 'message',
		operation: kind,
		option,
		properties: responseProperties(kind),
		async execute(client, itemIndex) {
			return await executeResponse(this, client, itemIndex, kind);
		},
		// One item after another: mail goes out in the items' order.
		sequential: true,
	});
}
