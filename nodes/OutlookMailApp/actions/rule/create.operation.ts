import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageRulesPath } from '../../../shared/mail/paths';
import { actionsField, conditionsField, exceptionsField, sequenceField } from '../../descriptions/rule.description';
import { ruleName, ruleParts, ruleSequence } from '../../helpers/rules';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. File Northwind invoices',
	},
	sequenceField,
	{
		displayName: 'Enabled',
		name: 'isEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the rule runs on mail delivered from now on',
	},
	conditionsField('Which messages the rule applies to: all conditions must hold. None: every message.'),
	actionsField('What the rule does with a message it applies to; at least one'),
	exceptionsField('Messages the rule skips: any one exception that holds'),
];

export default defineOperation({
	resource: 'rule',
	operation: 'create',
	option: { name: 'Create', description: 'Create an Inbox rule', action: 'Create an Inbox rule' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const displayName = ruleName(this.getNodeParameter('name', itemIndex, ''));
		const sequence = ruleSequence(this.getNodeParameter('sequence', itemIndex, 1));
		const isEnabled = this.getNodeParameter('isEnabled', itemIndex, true) === true;
		const parts = await ruleParts(this, client, mailbox, itemIndex);
		if (!parts.actions) throw new GraphInputError('Actions', INPUT_TEXTS.ruleNoAction);

		const rule = await client.request<IDataObject>({
			method: 'POST',
			path: messageRulesPath(mailbox),
			body: { displayName, sequence, isEnabled, ...parts },
			itemIndex,
		});
		return [{ json: withoutAnnotations(rule) }];
	},
});
