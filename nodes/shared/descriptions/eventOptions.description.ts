/** Trigger On, for both triggers: what starts the workflow (see nodes/shared/mail/delta/events.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { choice } from './fields.description';

export const eventProperties: INodeProperties[] = [
	choice('Trigger On', 'event', 'messageReceived', [
		{ name: 'New Mail', value: 'messageReceived', description: 'A message arrives in a watched folder' },
		{ name: 'Flagged', value: 'messageFlagged', description: 'A message in a watched folder becomes flagged' },
		{
			name: 'Moved Into Folder',
			value: 'messageMoved',
			description: 'A message arrives in a watched folder other than by delivery (moved there by a person or a rule, a minute or more after it was received)',
		},
		{ name: 'Categorised', value: 'messageCategorised', description: 'A message in a watched folder gains the category below' },
	]),
	{
		displayName: 'Category to Watch',
		name: 'eventCategory',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Invoices',
		description: 'The Outlook category whose gaining starts the workflow (compared without regard to case)',
		displayOptions: { show: { event: ['messageCategorised'] } },
	},
];

const EVENT_WORDS = '{"messageReceived": "New mail", "messageFlagged": "Flagged mail", "messageMoved": "Mail moved", "messageCategorised": "Categorised mail"}';

const MAILBOX_WORDS =
	'($parameter["mailboxMode"] === "list" ? "a list of mailboxes" : $parameter["mailboxMode"] === "group" ? "the members of a group" : $parameter["mailboxMode"] === "default" ? "the default mailbox" : ($parameter["mailbox"] || "the default mailbox"))';

export const EVENT_SUBTITLE = `={{(${EVENT_WORDS}[$parameter["event"]] || "New mail") + " in " + ${MAILBOX_WORDS}}}`;
