import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { messageItemOptions, messageToItem } from '../../helpers/messageItems';
import { bodyFormatHeader, messageOutputProperties, messageSelect } from '../../helpers/messageOutput';
import { forOperation } from '../operation';

const properties: INodeProperties[] = [messageLocator, ...messageOutputProperties(), messageItemOptions];

export const description = forOperation('message', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const message = await client.request<IDataObject>({
		method: 'GET',
		path: messagePath(mailbox, messageId),
		query: { $select: messageSelect(this, itemIndex) },
		headers: bodyFormatHeader(options.bodyFormat),
		itemIndex,
	});
	return [await messageToItem(this, client, mailbox, { ...message, id: message.id ?? messageId }, options, itemIndex)];
}
