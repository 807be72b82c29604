import type { INodeProperties } from 'n8n-workflow';

import { attachmentMetadata, getAttachmentMetadata } from '../../../shared/mail/attachments';
import { attachmentLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [messageLocator, attachmentLocator];

/** One attachment's metadata; its content is never in the output (use Download for that). */
export default defineOperation({
	resource: 'attachment',
	operation: 'get',
	option: { name: 'Get', description: "Get an attachment's metadata", action: 'Get the details of an attachment' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const attachmentId = locatorValue(this, 'attachmentId', itemIndex, 'Attachment');

		const attachment = await getAttachmentMetadata(client, mailbox, messageId, attachmentId, itemIndex);
		return [{ json: attachmentMetadata(attachment) }];
	},
});
