import type { INodeProperties } from 'n8n-workflow';

import { sendDraftMessage } from '../../../shared/mail/drafts';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{ ...messageLocator, displayName: 'Draft', description: 'The draft to send' },
];

export default defineOperation({
	resource: 'message',
	operation: 'sendDraft',
	option: { name: 'Send Draft', description: 'Send a draft message', action: 'Send a draft' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const draftId = locatorValue(this, 'messageId', itemIndex, 'Draft');
		await sendDraftMessage(client, mailbox, draftId, itemIndex, 'Draft');
		return [{ json: { success: true, messageId: draftId } }];
	},
	// One item after another: mail goes out in the items' order.
	sequential: true,
});
