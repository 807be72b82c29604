import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { addFileAttachment } from '../../../shared/mail/attachmentUpload';
import { attachmentMetadata } from '../../../shared/mail/attachments';
import { binaryPropertyNames, filesFromBinary } from '../../../shared/mail/files';
import { messageLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation } from '../defineOperation';

/** Outlook's largest attachment, through an upload session. */
const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;

const properties: INodeProperties[] = [
	{
		...messageLocator,
		description: 'The draft to add the files to (create one with Message > Create Draft, or reply or forward as a draft)',
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data, invoice',
		hint: 'The names of the input binary fields holding the files to attach, separated by commas',
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description:
				'Name of the attachment, instead of the binary file\'s own name. Only when one binary field is attached.',
		},
	]),
];

/**
 * Attaches each file: under 3 MB in one request, larger ones through an upload session in chunks (so a
 * 30 MB file works). One output item per file, with the new attachment's metadata.
 */
export default defineOperation({
	resource: 'attachment',
	operation: 'add',
	option: { name: 'Add', description: 'Add files to a draft', action: 'Add an attachment to a draft' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const messageId = locatorValue(this, 'messageId', itemIndex, 'Message');
		const names = binaryPropertyNames(this.getNodeParameter('binaryPropertyNames', itemIndex, 'data'), 'Input Binary Fields');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		if (names.length === 0) throw new GraphInputError('Input Binary Fields', INPUT_TEXTS.empty('Input Binary Fields'));

		const fileName = textValue(options.fileName, 'File Name').trim();
		if (fileName && names.length > 1) {
			throw new GraphInputError('File Name', INPUT_TEXTS.fileNameForOne);
		}
		const files = await filesFromBinary(this, itemIndex, names);
		for (const file of files) {
			if (file.size > MAX_ATTACHMENT_BYTES) {
				throw new GraphInputError('Input Binary Fields', INPUT_TEXTS.fileTooLarge(file.name, Math.ceil(file.size / 1048576)));
			}
		}
		if (fileName) files[0].name = fileName;

		const results: INodeExecutionData[] = [];
		for (const file of files) {
			const attachment = await addFileAttachment(client, mailbox, messageId, file, itemIndex);
			results.push({ json: { ...attachmentMetadata(attachment), type: 'file' } });
		}
		return results;
	},
});
