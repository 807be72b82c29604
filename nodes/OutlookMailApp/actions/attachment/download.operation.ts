import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choice, optionsCollection } from '../../../shared/descriptions/fields.description';
import { textValue } from '../../../shared/graph/text';
import { attachmentKind, attachmentMetadata, attachmentToBinary, getAttachmentMetadata } from '../../../shared/mail/attachments';
import { attachmentsPath } from '../../../shared/mail/paths';
import { ATTACHMENT_FIELDS } from '../../../shared/mail/select';
import type { GraphAttachment } from '../../../shared/mail/types';
import { attachmentLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	messageLocator,
	choice('Attachments', 'scope', 'one', [
		{ name: 'One Attachment', value: 'one' },
		{
			name: 'All Attachments of the Message',
			value: 'all',
			description: 'Each attachment becomes its own output item',
		},
	]),
	{ ...attachmentLocator, displayOptions: { show: { scope: ['one'] } } },
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection([
		{
			displayName: 'Include Inline Attachments',
			name: 'includeInline',
			type: 'boolean',
			default: true,
			description:
				'Whether to download attachments shown inside the body too, such as images in a signature',
		},
	], { displayOptions: { show: { scope: ['all'] } } }),
];

/**
 * File attachments become binary data with their name and MIME type, item attachments (an attached
 * message, event or contact) an `.eml` file. Reference attachments are links to a file in OneDrive or
 * SharePoint with no content in the mailbox: their item has the metadata and no binary data. Graph v1.0
 * does not give their link (`sourceUrl` is in its beta only), so a `sourceUrl` is passed on only when
 * Graph includes one.
 *
 * "All" outputs one item per attachment, each with its file in the same field: that is what n8n's file
 * nodes (write to disk, upload to a drive, extract from file) expect, one file per item. Message > Get with
 * "Download Attachments" gives them all on one item instead, as attachment_0, attachment_1...
 */
export default defineOperation({
	resource: 'attachment',
	operation: 'download',
	option: { name: 'Download', description: 'Download attachments as binary files', action: 'Download an attachment' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const binaryPropertyName =
			textValue(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field').trim() || 'data';
		const scope = this.getNodeParameter('scope', itemIndex, 'one') as string;

		let attachments: GraphAttachment[];
		if (scope === 'all') {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			attachments = await client.paginate<GraphAttachment>({
				method: 'GET',
				path: attachmentsPath(mailbox, messageId),
				query: { $select: ATTACHMENT_FIELDS },
				itemIndex,
			});
			if (options.includeInline === false) attachments = attachments.filter((attachment) => attachment.isInline !== true);
		} else {
			const attachmentId = locatorValue(this, 'attachmentId', itemIndex, 'Attachment');
			attachments = [await getAttachmentMetadata(client, mailbox, messageId, attachmentId, itemIndex)];
		}

		const results: INodeExecutionData[] = [];
		for (const attachment of attachments) {
			const kind = attachmentKind(attachment);
			const result: INodeExecutionData = { json: attachmentMetadata(attachment) };
			if (kind === 'file' || kind === 'item') {
				result.binary = {
					[binaryPropertyName]: await attachmentToBinary(this, client, mailbox, messageId, attachment, itemIndex),
				};
			}
			results.push(result);
		}
		return results;
	},
});
