import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mailboxProperty } from '../../../shared/descriptions/mailbox.description';
import { MAILBOX_USER_SELECT } from '../../../shared/mail/directory';
import { userPath } from '../../../shared/mail/paths';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [{ ...mailboxProperty, description: 'User principal name, email address or object ID of the mailbox. Empty: the credential\'s Default User Id.' }];

/** Mailbox settings the output carries, under Graph's names (`userPurpose` as `purpose`). */
const SETTINGS = ['timeZone', 'language', 'dateFormat', 'timeFormat', 'workingHours'] as const;

export default defineOperation({
	resource: 'mailbox',
	operation: 'get',
	option: { name: 'Get', description: "Get a mailbox's user and its mailbox settings", action: 'Get a mailbox' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		// Side by side: with batching on, both travel in one $batch request.
		const [user, settings] = await Promise.all([
			client.request<IDataObject>({ method: 'GET', path: userPath(mailbox), query: { $select: MAILBOX_USER_SELECT }, itemIndex }),
			client.request<IDataObject>({ method: 'GET', path: userPath(mailbox).child('mailboxSettings'), itemIndex }),
		]);
		const json: IDataObject = {
			id: user.id,
			userPrincipalName: user.userPrincipalName ?? null,
			mail: user.mail ?? null,
			displayName: user.displayName ?? null,
			purpose: settings.userPurpose ?? null,
		};
		for (const name of SETTINGS) json[name] = settings[name] ?? null;
		return [{ json }];
	},
});
