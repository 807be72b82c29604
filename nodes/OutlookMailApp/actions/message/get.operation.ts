import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { bodyFormatHeader, messageItem } from '../../../shared/mail/messageOutput';
import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { messageItemOptions, messageOutputProperties } from '../../descriptions/message.description';
import { locatorValue } from '../../helpers/locators';
import { outputSelect } from '../../helpers/output';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [messageLocator, ...messageOutputProperties(), messageItemOptions];

export default defineOperation({
	resource: 'message',
	operation: 'get',
	option: { name: 'Get', description: 'Get a message', action: 'Get a message' },
	properties,
	async execute(client, itemIndex) {
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
	},
});
