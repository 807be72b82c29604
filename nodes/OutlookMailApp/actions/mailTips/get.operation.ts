import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { withoutAnnotations } from '../../../shared/mail/odata';
import { mailTipsPath } from '../../../shared/mail/paths';
import { parseRecipients } from '../../helpers/recipients';
import { defineOperation } from '../defineOperation';

/** Graph's mailTipsType flags, with what each tells. */
const TIPS = [
	{ name: 'Automatic Replies', value: 'automaticReplies', description: 'The automatic reply the recipient has on, if any' },
	{ name: 'Custom Mail Tip', value: 'customMailTip', description: 'The tip an administrator set on the recipient' },
	{ name: 'Delivery Restriction', value: 'deliveryRestriction', description: 'Whether the recipient accepts mail from this mailbox' },
	{ name: 'External Member Count', value: 'externalMemberCount', description: 'For a group: how many members are outside the organisation' },
	{ name: 'Mailbox Full', value: 'mailboxFullStatus', description: "Whether the recipient's mailbox is full" },
	{ name: 'Max Message Size', value: 'maxMessageSize', description: 'The largest message the recipient takes, in bytes' },
	{ name: 'Moderation', value: 'moderationStatus', description: 'Whether mail to the recipient waits for a moderator' },
	{ name: 'Recipient Scope', value: 'recipientScope', description: 'Whether the recipient is internal or external' },
	{ name: 'Recipient Suggestions', value: 'recipientSuggestions', description: 'Recipients often written to together with this one' },
	{ name: 'Total Member Count', value: 'totalMemberCount', description: 'For a group: how many members it has' },
];
const TIP_VALUES = TIPS.map((tip) => tip.value);

/** Addresses per request: the most Exchange answers mail tips for at once. */
export const MAIL_TIPS_PER_REQUEST = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. adele@contoso.com, alex@contoso.com',
		description: 'Email addresses separated by commas, or an expression giving a list; each gets one output item',
	},
	{
		displayName: 'Tips',
		name: 'tips',
		type: 'multiOptions',
		options: TIPS,
		default: ['automaticReplies', 'deliveryRestriction', 'externalMemberCount', 'mailboxFullStatus', 'maxMessageSize', 'moderationStatus', 'recipientScope'],
		description: 'What Outlook would warn about before sending to them',
	},
];

export default defineOperation({
	resource: 'mailTips',
	operation: 'get',
	option: {
		name: 'Get',
		description: 'What Outlook would warn about when this mailbox writes to the recipients',
		action: 'Get mail tips for recipients',
	},
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const seen = new Set<string>();
		const addresses = parseRecipients(this.getNodeParameter('recipients', itemIndex, ''), 'Recipients')
			.map((recipient) => recipient.emailAddress.address)
			.filter((address) => !seen.has(address.toLowerCase()) && seen.add(address.toLowerCase()));
		if (addresses.length === 0) throw new GraphInputError('Recipients', INPUT_TEXTS.noMailTipsRecipient);
		const tips = this.getNodeParameter('tips', itemIndex, []) as unknown;
		const chosen = Array.isArray(tips) ? tips.map(String) : [];
		if (chosen.length === 0) throw new GraphInputError('Tips', INPUT_TEXTS.noMailTips);
		const unknown = chosen.find((tip) => !TIP_VALUES.includes(tip));
		if (unknown !== undefined) throw new GraphInputError('Tips', INPUT_TEXTS.mailTipsType(unknown));

		const results: IDataObject[] = [];
		for (let start = 0; start < addresses.length; start += MAIL_TIPS_PER_REQUEST) {
			const answer = await client.request<{ value?: IDataObject[] }>({
				method: 'POST',
				path: mailTipsPath(mailbox),
				body: { EmailAddresses: addresses.slice(start, start + MAIL_TIPS_PER_REQUEST), MailTipsOptions: chosen.join(', ') },
				itemIndex,
			});
			results.push(...(answer.value ?? []));
		}
		return results.map((tip) => ({ json: withoutAnnotations(tip) }));
	},
});
