import {
	checkRecipients,
	readMessage,
	responseMessage,
	sentMessage,
	type Composed,
	type ResponseKind,
} from '../graph/compose';
import { deliver } from '../graph/delivery';
import type { GraphContext, HandlerResult } from '../http/context';
import { GraphError, badRequest } from '../http/errors';
import { validateAction } from '../graph/metadata';
import { messageData } from '../state/model';
import { usersSegment } from '../graph/resources';
import { messageAnswer, pathMessage } from './messages';

/**
 * Sending: sendMail, send of a draft, reply / replyAll / forward (sent at once, 202) and createReply /
 * createReplyAll / createForward (a draft in Drafts, 201). A sent message is kept in the sender's Sent Items
 * (unless sendMail says saveToSentItems: false) and delivered (graph/delivery.ts) to the Inbox of every recipient
 * whose address is a mailbox of the emulator, where that mailbox's Inbox rules run, with a message trace row per
 * recipient; other addresses are external and accepted without delivery.
 */

/** Graph's sendMail, reply and forward also take base64 MIME as text/plain; the emulator takes JSON only. */
function refuseMime(context: GraphContext): void {
	if (typeof context.request.body === 'string') {
		throw badRequest('BadRequest', 'The emulator does not accept MIME content (Content-Type: text/plain): send JSON.');
	}
}

function submit(context: GraphContext, composed: Composed, options: { saveToSentItems: boolean; draftId?: string }): void {
	const { services, user } = context;
	const now = services.now();
	checkRecipients(composed.data);
	const sent = sentMessage(composed.data, user, now);
	if (options.draftId !== undefined) services.store.deleteMessage(user.id, options.draftId);
	if (options.saveToSentItems) services.store.createMessage(user.id, 'sentitems', sent, composed.attachments);
	deliver(services, { sender: user, sent, attachments: composed.attachments });
}

/** POST /users/{id}/sendMail {message, saveToSentItems?}: 202, no body. */
export function sendMail(context: GraphContext): HandlerResult {
	const { request, services } = context;
	refuseMime(context);
	const parameters = validateAction('user', 'sendMail', request.body);
	const composed = readMessage(parameters.Message, services.store, services.now());
	submit(context, composed, { saveToSentItems: parameters.SaveToSentItems !== false });
	return { status: 202 };
}

/** POST .../messages/{id}/send: only a draft can be sent; it leaves its folder for Sent Items (a new id). */
export function sendDraft(context: GraphContext): HandlerResult {
	validateAction('message', 'send', context.request.body);
	const draft = pathMessage(context);
	if (!draft.isDraft) {
		throw new GraphError(400, 'ErrorInvalidOperation', 'The message has already been sent: only a draft can be sent.');
	}
	submit(context, { data: messageData(draft), attachments: draft.attachments }, { saveToSentItems: true, draftId: draft.id });
	return { status: 202 };
}

function respond(context: GraphContext, kind: ResponseKind, action: string, sendNow: boolean): HandlerResult {
	const { request, services, user, params } = context;
	refuseMime(context);
	const parameters = validateAction('message', action, request.body);
	const original = pathMessage(context);
	const composed = responseMessage(original, kind, parameters, user, services.store, services.now());
	if (sendNow) {
		submit(context, composed, { saveToSentItems: true });
		return { status: 202 };
	}
	const draft = services.store.createMessage(user.id, 'drafts', composed.data, composed.attachments);
	return messageAnswer(context, draft, 201, `${usersSegment(params.user)}/messages`);
}

export const reply = (context: GraphContext): HandlerResult => respond(context, 'reply', 'reply', true);
export const replyAll = (context: GraphContext): HandlerResult => respond(context, 'replyAll', 'replyAll', true);
export const forward = (context: GraphContext): HandlerResult => respond(context, 'forward', 'forward', true);
export const createReply = (context: GraphContext): HandlerResult => respond(context, 'reply', 'createReply', false);
export const createReplyAll = (context: GraphContext): HandlerResult => respond(context, 'replyAll', 'createReplyAll', false);
export const createForward = (context: GraphContext): HandlerResult => respond(context, 'forward', 'createForward', false);
