import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { choice } from '../../../shared/descriptions/fields.description';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { mailboxSettingsPath } from '../../../shared/mail/paths';
import { automaticRepliesSetting } from '../../helpers/settings';
import { defineOperation } from '../defineOperation';

const on = { status: ['alwaysEnabled', 'scheduled'] };
const scheduled = { status: ['scheduled'] };

const properties: INodeProperties[] = [
	choice('Status', 'status', 'alwaysEnabled', [
		{ name: 'Off', value: 'disabled', description: 'No automatic replies; the reply texts are kept for next time' },
		{ name: 'On', value: 'alwaysEnabled', description: 'Reply to every sender until turned off' },
		{ name: 'Scheduled', value: 'scheduled', description: 'Reply between Start and End only' },
	]),
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		description: 'When the automatic replies begin, in Time Zone (a date-time with an offset is that instant). Required for Scheduled.',
		displayOptions: { show: scheduled },
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		description: 'When they stop: after Start, and not already passed. Required for Scheduled.',
		displayOptions: { show: scheduled },
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. W. Europe Standard Time, or Europe/Berlin',
		description: "The time zone of Start and End: a Windows time zone ID, an IANA name, or UTC. Empty: the workflow's time zone.",
		displayOptions: { show: scheduled },
	},
	{
		displayName: 'Internal Reply',
		name: 'internalReply',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'The reply senders of your organisation get, as HTML (plain text works too)',
		displayOptions: { show: on },
	},
	choice('External Audience', 'externalAudience', 'none', [
		{ name: 'None', value: 'none', description: 'Senders outside the organisation get no reply' },
		{ name: 'Contacts Only', value: 'contactsOnly', description: "Only senders in the mailbox's contacts get the external reply" },
		{ name: 'All', value: 'all', description: 'Every sender outside the organisation gets the external reply' },
	], { displayOptions: { show: on } }),
	{
		displayName: 'External Reply',
		name: 'externalReply',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'The reply senders outside the organisation get, as HTML',
		displayOptions: { show: { ...on, externalAudience: ['contactsOnly', 'all'] } },
	},
];

export default defineOperation({
	resource: 'mailboxSettings',
	operation: 'updateAutomaticReplies',
	option: {
		name: 'Update Automatic Replies',
		description: 'Turn out-of-office replies on, off, or on for a time, with their texts',
		action: 'Update automatic replies',
	},
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const status = this.getNodeParameter('status', itemIndex);
		const on = status !== 'disabled';
		const scheduled = status === 'scheduled';
		const setting = automaticRepliesSetting({
			status,
			internalReply: on ? this.getNodeParameter('internalReply', itemIndex, '') : undefined,
			externalAudience: on ? this.getNodeParameter('externalAudience', itemIndex, 'none') : undefined,
			externalReply: on ? this.getNodeParameter('externalReply', itemIndex, '') : undefined,
			start: scheduled ? this.getNodeParameter('start', itemIndex, '') : undefined,
			end: scheduled ? this.getNodeParameter('end', itemIndex, '') : undefined,
			timeZone: scheduled ? this.getNodeParameter('timeZone', itemIndex, '') : undefined,
			defaultZone: this.getTimezone(),
			now: client.now(),
		});
		const answer = await client.request<IDataObject>({
			method: 'PATCH',
			path: mailboxSettingsPath(mailbox),
			body: { automaticRepliesSetting: setting },
			itemIndex,
		});
		return [{ json: withoutAnnotations((answer.automaticRepliesSetting as IDataObject | undefined) ?? answer) }];
	},
});
