import type { INodeProperties } from 'n8n-workflow';

import { attachmentPath } from '../../../shared/mail/paths';
import { attachmentLocator, messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [messageLocator, attachmentLocator];

export default defineOperation({
	resource: 'attachment',
	operation: 'delete',
	option: { name: 'Delete', description: 'Delete an attachment', action: 'Delete an attachment' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const attachmentId = locatorValue(this, 'attachmentId', itemIndex, 'Attachment');

		await client.request({
			method: 'DELETE',
			path: attachmentPath(mailbox, messageId, attachmentId),
			itemIndex,
		});
		return [{ json: { success: true, id: attachmentId } }];
	},
});
