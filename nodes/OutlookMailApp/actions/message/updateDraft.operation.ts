import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { attachToDraft } from '../../../shared/mail/drafts';
import { filesNamed } from '../../../shared/mail/files';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messagePath } from '../../../shared/mail/paths';
import { bodyContentField, composeFieldOptions, subjectField, toRecipientsField } from '../../descriptions/compose.description';
import { messageLocator } from '../../descriptions/locators.description';
import { type ComposeFields, toGraphMessage } from '../../helpers/compose';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{ ...messageLocator, displayName: 'Draft', description: 'The draft to change' },
	collection('Update Fields', 'updateFields', 'Add Field', composeFieldOptions(bodyContentField, subjectField, toRecipientsField(false)), { description: 'Only the fields added here change; attachments are added to those the draft has' }),
];

export default defineOperation({
	resource: 'message',
	operation: 'updateDraft',
	option: { name: 'Update Draft', description: 'Change the fields of a draft or add attachments', action: 'Update a draft or add attachments to it' },
	properties,
	async execute(client, itemIndex) {
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
	},
});
