import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { attachmentLocator } from '../../descriptions/locators.description';
import { attachmentMetadata, getAttachmentMetadata } from '../../../shared/mail/attachments';

const properties: INodeProperties[] = [messageLocator, attachmentLocator];

export const description = forOperation('attachment', 'get', properties);

/** One attachment's metadata; its content is never in the output (use Download for that). */
export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const attachmentId = locatorValue(this, 'attachmentId', itemIndex, 'Attachment');

	const attachment = await getAttachmentMetadata(client, mailbox, messageId, attachmentId, itemIndex);
	return [{ json: attachmentMetadata(attachment) }];
}
