import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { bodyFormatHeader, messageItem } from '../../../shared/mail/messageOutput';
import { messageItemOptions, messageOutputProperties } from '../../descriptions/message.description';
import { outputSelect } from '../../helpers/output';

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
		query: { $select: outputSelect(this, itemIndex) },
		headers: bodyFormatHeader(options.bodyFormat),
		itemIndex,
	});
	return [await messageItem(this, client, mailbox, { ...message, id: message.id ?? messageId }, options, itemIndex)];
}
