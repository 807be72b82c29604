import type { IDataObject } from 'n8n-workflow';

import { withoutAnnotations } from '../../../shared/mail/odata';
import { messageRulePath } from '../../../shared/mail/paths';
import { ruleLocator } from '../../descriptions/locators.description';
import { locatorValue } from '../../helpers/locators';
import { defineOperation, type Operation } from '../defineOperation';

/** Enable and Disable differ only in the value of isEnabled: one PATCH, the rule as Graph answers it. */
export function ruleToggle<O extends 'enable' | 'disable'>(operation: O): Operation<'rule', O> {
	const enable = operation === 'enable';
	const verb = enable ? 'Enable' : 'Disable';
	return defineOperation({
		resource: 'rule',
		operation,
		option: {
			name: verb,
			description: enable ? 'Turn an Inbox rule on' : 'Turn an Inbox rule off, keeping it',
			action: `${verb} an Inbox rule`,
		},
		properties: [ruleLocator],
		async execute(client, itemIndex) {
			const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
			const ruleId = locatorValue(this, 'ruleId', itemIndex, 'Rule');
			const rule = await client.request<IDataObject>({
				method: 'PATCH',
				path: messageRulePath(mailbox, ruleId),
				body: { isEnabled: enable },
				itemIndex,
			});
			return [{ json: withoutAnnotations(rule) }];
		},
	});
}
