/**
 * The mail entities as Graph returns them (the fields this package asks for), each defined once.
 */
import type { IDataObject } from 'n8n-workflow';

import { INPUT_TEXTS } from '../graph/inputTexts';
import { GraphInputError } from '../graph/errors';

/** A mailFolder (the fields of FOLDER_FIELDS). */
export interface MailFolder extends IDataObject {
	id: string;
	displayName: string;
	parentFolderId?: string;
	childFolderCount?: number;
	unreadItemCount?: number;
	totalItemCount?: number;
	isHidden?: boolean;
}

/** A folder with its full path from the top of the mailbox, such as `Inbox/Clients/ACME`. */
export interface FolderWithPath extends IDataObject {
	id: string;
	displayName: string;
	path: string;
}

/** file, item (an attached message, event or contact) or reference (a link to a file in the cloud). */
export type AttachmentKind = 'file' | 'item' | 'reference';

/** An attachment's metadata as Graph returns it, with its `@odata.type` (and, for a reference, maybe its link). */
export interface GraphAttachment extends IDataObject {
	'@odata.type'?: string;
	id: string;
	name?: string;
	contentType?: string;
	size?: number;
	isInline?: boolean;
	lastModifiedDateTime?: string;
	sourceUrl?: string;
}

/** A recipient as Graph writes it in toRecipients, ccRecipients, bccRecipients and replyTo. */
export interface GraphRecipient extends IDataObject {
	emailAddress: { address: string; name?: string };
}

/** A message's importance, as Graph spells it. */
export const IMPORTANCE_VALUES = ['low', 'normal', 'high'] as const;
export type Importance = (typeof IMPORTANCE_VALUES)[number];

/** An importance from input (a filter, a message being written, an update), checked the one way. */
export function importanceOf(value: unknown, field = 'Importance'): Importance {
	if (typeof value !== 'string' || !(IMPORTANCE_VALUES as readonly string[]).includes(value)) {
		throw new GraphInputError(field, INPUT_TEXTS.importance(field));
	}
	return value as Importance;
}
