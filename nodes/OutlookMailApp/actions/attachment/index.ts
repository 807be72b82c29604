import { type OperationMap, type OperationOption, type OperationValue, resourceDescription } from '../defineOperation';
import add from './add.operation';
import del from './delete.operation';
import download from './download.operation';
import get from './get.operation';
import getMany from './getMany.operation';

/** The Operation options of Attachment; each value names its `<value>.operation.ts`. */
export const ATTACHMENT_OPERATIONS = [
	{ name: 'Add', value: 'add', description: 'Add files to a draft', action: 'Add an attachment to a draft' },
	{ name: 'Delete', value: 'delete', description: 'Delete an attachment', action: 'Delete an attachment' },
	{
		name: 'Download',
		value: 'download',
		description: 'Download attachments as binary files',
		action: 'Download an attachment',
	},
	{ name: 'Get', value: 'get', description: "Get an attachment's metadata", action: 'Get the details of an attachment' },
	{ name: 'Get Many', value: 'getMany', description: "List a message's attachments", action: 'Get many attachments of a message' },
] as const satisfies readonly OperationOption[];

export type AttachmentOperation = OperationValue<typeof ATTACHMENT_OPERATIONS>;

export const attachment = { add, delete: del, download, get, getMany } satisfies OperationMap<'attachment', AttachmentOperation>;

export const attachmentDescription = resourceDescription('attachment', ATTACHMENT_OPERATIONS, 'getMany', attachment);
