import type { GraphContext, HandlerResult } from '../http/context';
import { badRequest } from '../http/errors';
import { automaticRepliesTip } from '../graph/automatic-replies';
import { validateAction } from '../graph/metadata';
import type { Resource } from '../graph/resources';

/**
 * POST /users/{user}/getMailTips {EmailAddresses, MailTipsOptions}: for each address, in the order given, the
 * MailTips asked for, as Outlook would show them to {user} while composing: automatic replies (from the
 * recipient's mailbox settings), a full mailbox, restricted delivery, moderation, a custom tip, the size limit
 * (state/mail-tips.ts), the recipient's scope. Only the tips asked for are in the answer.
 */

/** Exchange answers MailTips for at most this many recipients per request. */
export const MAX_MAIL_TIPS_RECIPIENTS = 100;

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function getMailTips(context: GraphContext): HandlerResult {
	const { request, services, user } = context;
	const parameters = validateAction('user', 'getMailTips', request.body);
	const addresses = (parameters.EmailAddresses ?? []) as string[];
	const options = new Set(String(parameters.MailTipsOptions ?? '').split(',').map((option) => option.trim().toLowerCase()).filter((option) => option !== ''));
	if (addresses.length === 0) throw badRequest('ErrorInvalidArgument', 'EmailAddresses must name at least one recipient.');
	if (addresses.length > MAX_MAIL_TIPS_RECIPIENTS) {
		throw badRequest('ErrorInvalidArgument', `MailTips can be requested for at most ${MAX_MAIL_TIPS_RECIPIENTS} recipients at a time.`);
	}
	const ownDomains = new Set((services.store.findTenant(user.tenantId)?.domains ?? []).map((domain) => domain.toLowerCase()));
	const wants = (option: string) => options.has(option.toLowerCase());
	const now = services.now();
	const value = addresses.map((address): Resource => {
		const tip: Resource = { emailAddress: { name: '', address } };
		if (!ADDRESS.test(address)) {
			return { ...tip, error: { code: 'ErrorInvalidSmtpAddress', message: `The e-mail address '${address}' isn't valid.` } };
		}
		const recipient = services.store.userByAddress(address);
		const internal = ownDomains.has(domainOf(address)) && (!recipient || recipient.tenantId === user.tenantId);
		if (!internal) {
			// Another organisation's recipient: Exchange knows only that it is external.
			if (wants('recipientScope')) tip.recipientScope = 'external';
			if (wants('recipientSuggestions')) tip.recipientSuggestions = [];
			return tip;
		}
		if (!recipient) {
			return { ...tip, error: { code: 'ErrorRecipientNotFound', message: `The recipient '${address}' wasn't found in the organization.` } };
		}
		const state = services.store.mailTips.get(recipient.id);
		if (wants('automaticReplies')) tip.automaticReplies = automaticRepliesTip(services.store, recipient, now);
		if (wants('mailboxFullStatus')) tip.mailboxFull = state.mailboxFull;
		if (wants('customMailTip')) tip.customMailTip = state.customMailTip;
		if (wants('externalMemberCount')) tip.externalMemberCount = 0;
		if (wants('totalMemberCount')) tip.totalMemberCount = 1;
		if (wants('maxMessageSize')) tip.maxMessageSize = state.maxMessageSize;
		if (wants('deliveryRestriction')) tip.deliveryRestricted = state.deliveryRestricted;
		if (wants('moderationStatus')) tip.isModerated = state.isModerated;
		if (wants('recipientScope')) tip.recipientScope = 'internal';
		if (wants('recipientSuggestions')) tip.recipientSuggestions = [];
		return tip;
	});
	return {
		status: 200,
		body: { '@odata.context': `${services.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.mailTips)`, value },
	};
}
