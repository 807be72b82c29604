import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { attachmentPath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { attachmentLocator } from '../../descriptions/locators.description';

const properties: INodeProperties[] = [messageLocator, attachmentLocator];

export const description = forOperation('attachment', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const attachmentId = locatorValue(this, 'attachmentId', itemIndex, 'Attachment');

	await client.request({
		method: 'DELETE',
		path: attachmentPath(mailbox, messageId, attachmentId),
		itemIndex,
	});
	return [{ json: { success: true, id: attachmentId } }];
}
