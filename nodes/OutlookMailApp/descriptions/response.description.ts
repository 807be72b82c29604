/**
 * Reply, Reply All and Forward: their parameters, UI only (the execution is `actions/message/respond.ts`).
 */
import type { INodeProperties } from 'n8n-workflow';

import { choice, collection } from '../../shared/descriptions/fields.description';
import type { ResponseKind } from '../../shared/mail/drafts';
import { attachmentsField, bccRecipientsField, bodyContentField, bodyFormatField, ccRecipientsField, toRecipientsField } from './compose.description';
import { messageLocator } from './locators.description';

export function responseProperties(kind: ResponseKind): INodeProperties[] {
	const forward = kind === 'forward';
	const extra = forward ? 'added' : 'added to those Outlook fills in';
	return [
		messageLocator,
		...(forward
			? [{ ...toRecipientsField(true), description: 'Who to forward the message to: email addresses separated by commas, or a list' }]
			: []),
		choice('Content', 'contentMode', 'comment', [
			{ name: 'Comment', value: 'comment', description: 'Text written above the quoted original message' },
			{ name: 'Full Body', value: 'body', description: 'The whole body, without the quoted original message' },
		]),
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
		choice('Send or Keep as Draft', 'delivery', 'send', [
			{ name: 'Keep as Draft', value: 'draft', description: 'Save it in Drafts and output the draft' },
			{ name: 'Send Now', value: 'send' },
		]),
		collection('Additional Fields', 'additionalFields', 'Add Field', [
			attachmentsField,
			{ ...bccRecipientsField, description: `Blind copy recipients, ${extra}` },
			{ ...ccRecipientsField, description: `Copy recipients, ${extra}` },
			...(forward ? [] : [{ ...toRecipientsField(false), description: `Recipients ${extra}` }]),
		]),
	];
}
