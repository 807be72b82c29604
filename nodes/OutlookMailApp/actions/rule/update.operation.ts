import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/descriptions/fields.description';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageRulePath } from '../../../shared/mail/paths';
import { ruleLocator } from '../../descriptions/locators.description';
import { actionsField, conditionsField, exceptionsField, sequenceField } from '../../descriptions/rule.description';
import { locatorValue } from '../../helpers/locators';
import { ruleName, ruleParts, ruleSequence } from '../../helpers/rules';
import { defineOperation } from '../defineOperation';

const properties: INodeProperties[] = [
	ruleLocator,
	collection('Update Fields', 'updateFields', 'Add Field', [
		{ displayName: 'Enabled', name: 'isEnabled', type: 'boolean', default: true, description: 'Whether the rule runs' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		sequenceField,
	], { description: 'Only the fields added here change' }),
	conditionsField('When any is given, these replace all of the rule\'s conditions (Graph replaces them whole). None: unchanged.'),
	actionsField('When any is given, these replace all of the rule\'s actions (Graph replaces them whole). None: unchanged.'),
	exceptionsField('When any is given, these replace all of the rule\'s exceptions (Graph replaces them whole). None: unchanged.'),
];

export default defineOperation({
	resource: 'rule',
	operation: 'update',
	option: { name: 'Update', description: 'Change an Inbox rule', action: 'Update an Inbox rule' },
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const ruleId = locatorValue(this, 'ruleId', itemIndex, 'Rule');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.name !== undefined) body.displayName = ruleName(fields.name);
		if (fields.sequence !== undefined) body.sequence = ruleSequence(fields.sequence);
		if (fields.isEnabled !== undefined) body.isEnabled = fields.isEnabled === true;
		Object.assign(body, await ruleParts(this, client, mailbox, itemIndex));
		if (Object.keys(body).length === 0) throw new GraphInputError('Update Fields', INPUT_TEXTS.nothingToUpdate);

		const rule = await client.request<IDataObject>({ method: 'PATCH', path: messageRulePath(mailbox, ruleId), body, itemIndex });
		return [{ json: withoutAnnotations(rule) }];
	},
});
