import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** The node's Mailbox parameter while the editor lists options, or undefined (the credential's Default User Id). */
export function currentMailbox(context: ILoadOptionsFunctions): unknown {
	try {
		return context.getCurrentNodeParameter('mailbox');
	} catch {
		return undefined;
	}
}
