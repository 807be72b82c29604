import { resourceDescription, type OperationMap } from '../defineOperation';
import add from './add.operation';
import del from './delete.operation';
import download from './download.operation';
import get from './get.operation';
import getMany from './getMany.operation';

/** The operations of Attachment, in the order the Operation options list them; each names its `<value>.operation.ts`. */
export const ATTACHMENT_OPERATIONS = ['add', 'delete', 'download', 'get', 'getMany'] as const;

export type AttachmentOperation = (typeof ATTACHMENT_OPERATIONS)[number];

export const attachment = { add, delete: del, download, get, getMany } satisfies OperationMap<'attachment', AttachmentOperation>;

export const attachmentDescription = resourceDescription('attachment', ATTACHMENT_OPERATIONS, 'getMany', attachment);
