import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection, optionsCollection } from '../../../shared/descriptions/fields.description';
import { textValue } from '../../../shared/graph/text';
import { domainValue, listMailboxUsers, type DirectoryFilters, type MailboxUser } from '../../../shared/mail/directory';
import { segment } from '../../../shared/mail/paths';
import { returnAllOrLimit } from '../../descriptions/common.description';
import { limitOf } from '../../helpers/paging';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	collection('Filters', 'filters', 'Add filter', [
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'e.g. contoso.com',
			description: 'Only mailboxes whose address is in this domain',
		},
		{
			displayName: 'Enabled Accounts Only',
			name: 'enabledOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to leave out disabled accounts. Shared, room and equipment mailboxes are disabled accounts, so this leaves them out too. Needs the User.Read.All permission.',
		},
		{
			displayName: 'Member of Group (ID)',
			name: 'groupId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 02bd9fd6-8f93-4758-87c3-1fb73740a315',
			description: "Only members of this group (its object ID), nested groups' members included",
		},
		{
			displayName: 'OData Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "e.g. startsWith(displayName,'A')",
			description: 'A further $filter on users, as Graph takes it (sent with ConsistencyLevel: eventual)',
		},
	]),
	optionsCollection([
		{
			displayName: 'Only Users With an Exchange Mailbox',
			name: 'onlyWithMailbox',
			type: 'boolean',
			default: false,
			description:
				"Whether to check each user's mailbox (mailbox settings, 20 users per batched request) and leave out users without one, or whose mailbox the app may not use; adds each mailbox's purpose (user, shared, room, equipment). Needs MailboxSettings.Read.",
		},
	]),
];

function filtersOf(raw: IDataObject): DirectoryFilters {
	const domain = textValue(raw.domain, 'Domain').trim();
	const groupId = textValue(raw.groupId, 'Member of Group (ID)').trim();
	const filter = textValue(raw.filter, 'OData Filter').trim();
	return {
		...(domain ? { domain: domainValue(domain) } : {}),
		...(groupId ? { groupId: segment(groupId, 'Member of Group (ID)').value } : {}),
		...(raw.enabledOnly === true ? { enabledOnly: true } : {}),
		...(filter ? { filter } : {}),
	};
}

const output = (user: MailboxUser): IDataObject => ({ ...user });

export default defineOperation({
	resource: 'mailbox',
	operation: 'getMany',
	option: { name: 'Get Many', description: "List the tenant's mailboxes", action: 'Get many mailboxes' },
	properties,
	async execute(client, itemIndex) {
		const filters = filtersOf(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const { users } = await listMailboxUsers(client, filters, {
			limit: limitOf(this, itemIndex),
			onlyWithMailbox: options.onlyWithMailbox === true,
			itemIndex,
		});
		return users.map((user) => ({ json: output(user) }));
	},
});
