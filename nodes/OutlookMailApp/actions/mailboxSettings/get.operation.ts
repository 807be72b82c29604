import type { IDataObject } from 'n8n-workflow';

import { withoutAnnotations } from '../../../shared/mail/odata';
import { mailboxSettingsPath } from '../../../shared/mail/paths';
import { defineOperation } from '../defineOperation';

export default defineOperation({
	resource: 'mailboxSettings',
	operation: 'get',
	option: {
		name: 'Get',
		description: 'Get the time zone, language, date and time formats, working hours, automatic replies and purpose',
		action: 'Get mailbox settings',
	},
	properties: [],
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const settings = await client.request<IDataObject>({ method: 'GET', path: mailboxSettingsPath(mailbox), itemIndex });
		return [{ json: withoutAnnotations(settings) }];
	},
});
