/**
 * Graph's and Outlook's published limits that the client is built around (throttling-limits.md, json-batching.md).
 */

/** Requests in one `$batch`. */
export const MAX_BATCH_SIZE = 20;
/** Concurrent requests per app and mailbox (Outlook service limits). */
export const MAILBOX_CONCURRENCY = 4;
/** Requests per app and mailbox in a 10-minute window (Outlook service limits). */
export const MAILBOX_REQUESTS_PER_10_MINUTES = 10_000;
/** Upload (POST, PUT, PATCH) megabytes per app and mailbox in a 5-minute window (Outlook service limits). */
export const MAILBOX_UPLOAD_MB_PER_5_MINUTES = 150;
