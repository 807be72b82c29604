import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphClient } from '../../../shared/graph/client';
import { GraphInputError } from '../../../shared/graph/errors';
import { INPUT_TEXTS } from '../../../shared/graph/errorTexts';
import { messagePath } from '../../../shared/mail/paths';
import { messageLocator } from '../../descriptions/locators.description';
import { filesNamed } from '../../../shared/mail/files';
import { locatorValue } from '../../helpers/locators';
import { forOperation } from '../operation';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { attachToDraft } from '../../../shared/mail/drafts';
import { bodyContentField, composeFieldOptions, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { type ComposeFields, toGraphMessage } from '../../helpers/compose';

const properties: INodeProperties[] = [
	{ ...messageLocator, displayName: 'Draft', description: 'The draft to change' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; attachments are added to those the draft has',
		options: composeFieldOptions(bodyContentField, subjectField, toRecipientsField(false)),
	},
];

export const description = forOperation('message', 'updateDraft', properties);

export async function execute(
	this: IExecuteFunctions,
	client: GraphClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
	const draftId = locatorValue(this, 'messageId', itemIndex, 'Draft');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as ComposeFields & IDataObject;
	const patch = toGraphMessage({ ...fields, attachments: undefined });
	const files = await filesNamed(this, itemIndex, fields.attachments, 'Attachments');
	if (Object.keys(patch).length === 0 && files.length === 0) {
		throw new GraphInputError('Update Fields', INPUT_TEXTS.nothingToUpdateDraft);
	}

	const draftPath = messagePath(mailbox, draftId, 'Draft');
	let json: IDataObject = { id: draftId };
	if (Object.keys(patch).length) {
		json = withoutAnnotations(
			await client.request<IDataObject>({ method: 'PATCH', path: draftPath, body: patch, itemIndex }),
		);
	}
	if (files.length) {
		json.attachments = await attachToDraft(client, mailbox, draftId, files, itemIndex);
		json.hasAttachments = true;
	}
	return [{ json }];
}
