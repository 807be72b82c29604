import type { INodeProperties } from 'n8n-workflow';

import { attachmentMetadata } from '../../../shared/mail/attachments';
import { attachmentsPath } from '../../../shared/mail/paths';
import { ATTACHMENT_FIELDS } from '../../../shared/mail/select';
import type { GraphAttachment } from '../../../shared/mail/types';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { limitOf } from '../../helpers/paging';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [messageLocator, ...returnAllOrLimit()];

/** The message's attachments, metadata only (no content), one output item each. */
export default defineOperation({
	resource: 'attachment',
	operation: 'getMany',
	option: { name: 'Get Many', description: "List a message's attachments", action: 'Get many attachments of a message' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');

		const attachments = await client.paginate<GraphAttachment>(
			{
				method: 'GET',
				path: attachmentsPath(mailbox, messageId),
				query: { $select: ATTACHMENT_FIELDS },
				itemIndex,
			},
			{ limit: limitOf(this, itemIndex) },
		);
		return attachments.map((attachment) => ({ json: attachmentMetadata(attachment) }));
	},
});
