import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { attachmentsPath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { limitOf } from '../../helpers/paging';
import { forOperation } from '../operation';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { ATTACHMENT_FIELDS } from '../../../shared/mail/select';
import { attachmentMetadata } from '../../../shared/mail/attachments';
import { type GraphAttachment } from '../../../shared/mail/types';

const properties: INodeProperties[] = [messageLocator, ...returnAllOrLimit()];

export const description = forOperation('attachment', 'getMany', properties);

/** The message's attachments, metadata only (no content), one output item each. */
export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
}
