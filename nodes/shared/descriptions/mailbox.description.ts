import type { Icon, INodeProperties } from 'n8n-workflow';

/** The package's icon, light and dark, as both nodes name it (from their folder). */
export const OUTLOOK_MAIL_APP_ICON = { light: 'file:../../icons/outlookMailApp.svg', dark: 'file:../../icons/outlookMailApp.dark.svg' } as const satisfies Icon;

/** Shown by both nodes, right after Resource and Operation (or first, in the trigger): which mailbox to work in. */
export const mailboxProperty: INodeProperties = {
	displayName: 'Mailbox',
	name: 'mailbox',
	type: 'string',
	default: '',
	placeholder: 'e.g. AdeleV@contoso.onmicrosoft.com',
	hint: "Empty: the credential's Default User Id",
	// "Default User Id" is the credential field's label, spelled as the connector it follows spells it.
	// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-id
	description:
		"User principal name, email address or object ID of the mailbox to work in. Empty: the credential's Default User Id. Use an expression to work across many mailboxes.",
};
