import type { INodeProperties } from 'n8n-workflow';

import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	messageLocator,
	{
		displayName: 'Delete Permanently',
		name: 'permanent',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the message for good (to the Purges folder, out of the user\'s reach) instead of moving it to Deleted Items',
	},
];

export default defineOperation({
	resource: 'message',
	operation: 'delete',
	option: { name: 'Delete', description: 'Delete a message', action: 'Delete a message' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const message = messagePath(mailbox, messageId);
		if (this.getNodeParameter('permanent', itemIndex, false) === true) {
			await client.request({ method: 'POST', path: message.child('permanentDelete'), itemIndex });
		} else {
			await client.request({ method: 'DELETE', path: message, itemIndex });
		}
		return [{ json: { success: true } }];
	},
});
