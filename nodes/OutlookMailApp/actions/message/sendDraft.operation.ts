import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { sendDraftMessage } from '../../../shared/mail/drafts';

const properties: INodeProperties[] = [
	{ ...messageLocator, displayName: 'Draft', description: 'The draft to send' },
];

/** Run one item after another: see OperationModule.sequential. */
export const sequential = true;

export const description = forOperation('message', 'sendDraft', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const draftId = locatorValue(this, 'messageId', itemIndex, 'Draft');
	await sendDraftMessage(client, mailbox, draftId, itemIndex, 'Draft');
	return [{ json: { success: true, messageId: draftId } }];
}
