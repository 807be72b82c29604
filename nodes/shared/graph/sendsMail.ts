/**
 * The one rule for which requests send mail, decided from the request itself: a POST to one of Graph's sending
 * actions (`sendMail`, a draft's `send`, `reply`, `replyAll`, `forward`). The retry policy uses it (a send is
 * retried only when Graph says it was not processed, and never travels in a `$batch`), and so does the
 * permission hint (Mail.Send).
 */

/** The last path word of a sending action; `createReply` and the like only make drafts. */
const SENDING_ACTION = /\/(?:microsoft\.graph\.)?(sendMail|send|reply|replyAll|forward)$/i;

/** Whether `method` on `path` (relative to /v1.0, without the query) sends mail. */
export function sendsMail(method: string, path: { toString(): string }): boolean {
	return method.toUpperCase() === 'POST' && SENDING_ACTION.test(String(path).split('?')[0]);
}
