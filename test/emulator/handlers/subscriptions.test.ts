import { SAMPLE, startEmulator, type Emulator, type EmulatorOptions } from '../index';
import { accessToken, as, batch, graph, responseOf, testClock, userPath, type Answer, type GraphErrorBody } from '../test-client';
import { startWebhookServer, type WebhookServer } from '../webhook-server';
import { makeItemId } from '../seed/ids';

const adele = SAMPLE.users.adele;
const alex = SAMPLE.users.alex;
const MINUTE = 60_000;

let webhook: WebhookServer;
beforeAll(async () => {
	webhook = await startWebhookServer();
});
afterAll(async () => await webhook.close());
beforeEach(() => {
	webhook.clear();
	webhook.behave(undefined);
});

/** An emulator on a settable clock, accepting http webhooks on loopback (the test server). */
async function emulatorWith(options: EmulatorOptions = {}) {
	const clock = testClock();
	const emulator = await startEmulator({ now: clock.now, ...options, notifications: { allowHttpLoopback: true, ...options.notifications } });
	const token = await accessToken(emulator);
	return { emulator, clock, token };
}

const iso = (ms: number) => new Date(ms).toISOString();

function subscriptionBody(clock: { now: () => number }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		changeType: 'created,updated',
		notificationUrl: webhook.url('/hook'),
		lifecycleNotificationUrl: webhook.url('/lifecycle'),
		resource: `users/${adele.id}/mailFolders('inbox')/messages`,
		expirationDateTime: iso(clock.now() + 3 * 24 * 60 * MINUTE),
		clientState: 'a-secret-only-the-app-knows',
		...overrides,
	};
}

const create = (emulator: Emulator, token: string, body: Record<string, unknown>) => graph(emulator, '/v1.0/subscriptions', { method: 'POST', token, body });

const errorOf = (answer: Answer) => as<GraphErrorBody>(answer).error;

/** The emulator started over with one subscription, and the webhook's record of its handshake cleared. */
async function freshSubscription(emulator: Emulator, clock: { now: () => number }): Promise<{ token: string; id: string }> {
	emulator.reset();
	const token = await accessToken(emulator);
	const id = ((await create(emulator, token, subscriptionBody(clock))).body as { id: string }).id;
	webhook.clear();
	return { token, id };
}

describe('subscriptions: create', () => {
	let emulator: Emulator;
	let clock: ReturnType<typeof testClock>;
	let token: string;
	beforeAll(async () => ({ emulator, clock, token } = await emulatorWith()));
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	it('creates a subscription on a folder once the webhook and the lifecycle URL echo the validation token', async () => {
		const body = subscriptionBody(clock);
		const answer = await create(emulator, token, body);
		expect(answer.status).toBe(201);
		const created = answer.body as Record<string, unknown>;
		expect(created).toMatchObject({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#subscriptions/$entity`,
			resource: body.resource,
			applicationId: SAMPLE.apps.full.clientId,
			changeType: 'created,updated',
			clientState: 'a-secret-only-the-app-knows',
			notificationUrl: webhook.url('/hook'),
			lifecycleNotificationUrl: webhook.url('/lifecycle'),
			creatorId: 'e1000000-0000-4000-8000-000000000001',
			latestSupportedTlsVersion: 'v1_2',
		});
		expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect(Date.parse(created.expirationDateTime as string)).toBe(Date.parse(body.expirationDateTime as string));
		expect(created.expirationDateTime).toMatch(/\.\d{7}Z$/);

		const handshakes = webhook.validations();
		expect(handshakes.map((post) => post.path)).toEqual(['/hook', '/lifecycle']);
		for (const post of handshakes) {
			expect(post.method).toBe('POST');
			expect(post.text).toBe('');
			expect(post.headers['content-type']).toMatch(/^text\/plain/);
			expect(post.query.validationToken).toMatch(/^Validation: Testing client application reachability for subscription Request-Id: /);
		}
		expect(emulator.notifications.records.filter((record) => record.kind === 'validation').map((record) => record.outcome)).toEqual(['ok', 'ok']);
	});

	it('watches a whole mailbox by userPrincipalName with users/{id}/messages', async () => {
		const answer = await create(emulator, token, subscriptionBody(clock, { resource: `/users/${adele.userPrincipalName}/messages`, lifecycleNotificationUrl: undefined }));
		expect(answer.status).toBe(201);
		expect(emulator.notifications.subscriptions()[0]).toMatchObject({ userId: adele.id, folderId: undefined, lifecycleNotificationUrl: null });
	});

	it('refuses a webhook that answers 404 with ValidationError, and creates nothing', async () => {
		webhook.behave((post) => (post.path === '/hook' ? { status: 404 } : undefined));
		const answer = await create(emulator, token, subscriptionBody(clock));
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({
			code: 'ValidationError',
			message: "Subscription validation request failed. HTTP status code is 'NotFound'. Notification endpoint must respond with 200 OK to validation request.",
		});
		expect(emulator.notifications.subscriptions()).toEqual([]);
	});

	it('refuses a webhook that answers 200 with something else than the decoded token', async () => {
		webhook.behave((post) => (post.query.validationToken ? { body: encodeURIComponent(post.query.validationToken) } : undefined));
		const answer = await create(emulator, token, subscriptionBody(clock));
		expect(errorOf(answer)).toMatchObject({ code: 'ValidationError', message: 'Subscription validation request failed. Response must exactly match validationToken query parameter.' });
	});

	it('refuses a webhook that echoes the token as JSON instead of text/plain', async () => {
		webhook.behave((post) => (post.query.validationToken ? { contentType: 'application/json' } : undefined));
		expect(errorOf(await create(emulator, token, subscriptionBody(clock))).code).toBe('ValidationError');
	});

	it('refuses a lifecycle URL that fails the handshake', async () => {
		webhook.behave((post) => (post.path === '/lifecycle' ? { status: 500 } : undefined));
		const answer = await create(emulator, token, subscriptionBody(clock));
		expect(errorOf(answer).message).toContain("HTTP status code is 'InternalServerError'");
		expect(emulator.notifications.subscriptions()).toEqual([]);
	});

	it('refuses a webhook that does not answer the handshake in time with "timed out"', async () => {
		const slow = await emulatorWith({ notifications: { validationTimeoutMs: 200 } });
		try {
			webhook.behave(() => ({ delayMs: 600 }));
			const answer = await create(slow.emulator, slow.token, subscriptionBody(slow.clock));
			expect(errorOf(answer)).toMatchObject({ code: 'ValidationError', message: 'Subscription validation request timed out.' });
		} finally {
			await slow.emulator.close();
		}
	});

	it('refuses a webhook nobody listens on', async () => {
		const answer = await create(emulator, token, subscriptionBody(clock, { notificationUrl: 'http://127.0.0.1:1/nothing-here' }));
		expect(errorOf(answer)).toMatchObject({ code: 'ValidationError', message: 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.' });
	});

	it('refuses http notification URLs as Graph does, and http lifecycle URLs too', async () => {
		const strict = await startEmulator({ now: clock.now });
		try {
			const strictToken = await accessToken(strict);
			const answer = await create(strict, strictToken, subscriptionBody(clock));
			expect(answer.status).toBe(400);
			expect(errorOf(answer)).toMatchObject({ code: 'InvalidRequest', message: "NotificationUrl scheme='http' is not supported." });
			expect(webhook.received).toEqual([]);
		} finally {
			await strict.close();
		}
		const lifecycle = await create(emulator, token, subscriptionBody(clock, { lifecycleNotificationUrl: 'ftp://127.0.0.1/x' }));
		expect(errorOf(lifecycle).message).toBe("LifecycleNotificationUrl scheme='ftp' is not supported.");
	});

	it('allows http only on a loopback host when allowHttpLoopback is on', async () => {
		const answer = await create(emulator, token, subscriptionBody(clock, { notificationUrl: 'http://webhook.example.com/hook' }));
		expect(errorOf(answer).message).toBe("NotificationUrl scheme='http' is not supported.");
	});

	it('refuses an expiry more than 10,080 minutes ahead, and moves one under 45 minutes to 45 minutes', async () => {
		const tooLong = await create(emulator, token, subscriptionBody(clock, { expirationDateTime: iso(clock.now() + 10_081 * MINUTE) }));
		expect(tooLong.status).toBe(400);
		expect(errorOf(tooLong)).toMatchObject({ code: 'ExtensionError', message: 'Subscription expiration can only be 10080 minutes in the future.' });

		const longest = await create(emulator, token, subscriptionBody(clock, { expirationDateTime: iso(clock.now() + 10_080 * MINUTE) }));
		expect(longest.status).toBe(201);

		const short = await create(emulator, token, subscriptionBody(clock, { expirationDateTime: iso(clock.now() + 5 * MINUTE) }));
		expect(Date.parse((short.body as { expirationDateTime: string }).expirationDateTime)).toBe(clock.now() + 45 * MINUTE);
		const past = await create(emulator, token, subscriptionBody(clock, { expirationDateTime: iso(clock.now() - 60 * MINUTE) }));
		expect(Date.parse((past.body as { expirationDateTime: string }).expirationDateTime)).toBe(clock.now() + 45 * MINUTE);
	});

	it('refuses a clientState longer than 128 characters', async () => {
		expect((await create(emulator, token, subscriptionBody(clock, { clientState: 'x'.repeat(128) }))).status).toBe(201);
		const answer = await create(emulator, token, subscriptionBody(clock, { clientState: 'x'.repeat(129) }));
		expect(answer.status).toBe(400);
		expect(errorOf(answer).code).toBe('InvalidRequest');
	});

	it("refuses a changeType other than created, updated, deleted with Graph's text", async () => {
		const answer = await create(emulator, token, subscriptionBody(clock, { changeType: 'created,moved' }));
		expect(errorOf(answer)).toMatchObject({ code: 'InvalidRequest', message: "Invalid 'changeType' attribute: 'moved'." });
	});

	it('refuses a subscription without an expirationDateTime, and a property the type does not have', async () => {
		const answer = await create(emulator, token, subscriptionBody(clock, { expirationDateTime: undefined }));
		expect(errorOf(answer)).toMatchObject({ code: 'InvalidRequest', message: 'expirationDateTime is a required property for subscription creation.' });
		const unknown = await create(emulator, token, subscriptionBody(clock, { deliverTo: 'me' }));
		expect(unknown.status).toBe(400);
		expect(webhook.received).toEqual([]);
	});

	it('refuses resources it does not watch: /me, an unknown user, a folder that does not exist', async () => {
		const me = await create(emulator, token, subscriptionBody(clock, { resource: "me/mailFolders('inbox')/messages" }));
		expect(errorOf(me).message).toBe('/me request is only valid with delegated authentication flow.');
		const events = await create(emulator, token, subscriptionBody(clock, { resource: `users/${adele.id}/events` }));
		expect(events.status).toBe(400);
		const nobody = await create(emulator, token, subscriptionBody(clock, { resource: 'users/nobody@contoso.onmicrosoft.com/messages' }));
		expect(nobody.status).toBe(404);
		expect(errorOf(nobody)).toMatchObject({ code: 'ExtensionError', message: "Operation: Create; Exception: [Status Code: NotFound; Reason: The requested user 'nobody@contoso.onmicrosoft.com' is invalid.]" });
		const noMailbox = await create(emulator, token, subscriptionBody(clock, { resource: `users/${SAMPLE.users.noMailbox.id}/messages` }));
		expect(errorOf(noMailbox).message).toBe('Operation: Create; Exception: [Status Code: NotFound; Reason: REST API is not yet supported for this mailbox.]');
		const missing = await create(emulator, token, subscriptionBody(clock, { resource: `users/${adele.id}/mailFolders('${makeItemId('folder', adele.id, 99_999)}')/messages` }));
		expect(missing.status).toBe(404);
		expect(errorOf(missing).message).toBe('Operation: Create; Exception: [Status Code: NotFound; Reason: The specified object was not found in the store.]');
		const malformed = await create(emulator, token, subscriptionBody(clock, { resource: `users/${adele.id}/mailFolders('not-an-id')/messages` }));
		expect(errorOf(malformed)).toMatchObject({ code: 'ExtensionError', message: 'Operation: Create; Exception: [Status Code: BadRequest; Reason: Id is malformed.]' });
		expect(webhook.received).toEqual([]);
	});

	it('needs a read permission on mail: Mail.Send alone is refused, Mail.Read is enough', async () => {
		const sendOnly = await accessToken(emulator, SAMPLE.apps.sendOnly);
		const refused = await create(emulator, sendOnly, subscriptionBody(clock));
		expect(refused.status).toBe(403);
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await create(emulator, readOnly, subscriptionBody(clock))).status).toBe(201);
	});

	it('allows 1,000 subscriptions per mailbox, all apps together, and refuses the next', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const body = subscriptionBody(clock, { lifecycleNotificationUrl: undefined });
		expect((await create(emulator, readOnly, body)).status).toBe(201);
		for (let index = 1; index < 1000; index++) {
			const answer = await create(emulator, token, body);
			if (answer.status !== 201) throw new Error(`subscription ${index + 1}: ${JSON.stringify(answer.body)}`);
		}
		const refused = await create(emulator, token, body);
		expect(refused.status).toBe(403);
		expect(errorOf(refused)).toMatchObject({
			code: 'ExtensionError',
			message: 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Maximum number of subscriptions has been reached]',
		});
		// Another mailbox has its own count.
		expect((await create(emulator, token, { ...body, resource: `users/${alex.id}/messages` })).status).toBe(201);
	});

	it('creates a subscription inside a $batch, handshake included', async () => {
		const answer = await batch(emulator, token, [
			{ id: '1', method: 'POST', url: '/subscriptions', headers: { 'Content-Type': 'application/json' }, body: subscriptionBody(clock) },
		]);
		expect(responseOf(answer, '1').status).toBe(201);
		expect(webhook.validations()).toHaveLength(2);
	});
});

describe('subscriptions: read, renew, reauthorize, delete', () => {
	let emulator: Emulator;
	let clock: ReturnType<typeof testClock>;
	let token: string;
	let id: string;
	beforeAll(async () => ({ emulator, clock, token } = await emulatorWith()));
	afterAll(async () => await emulator.close());
	beforeEach(async () => ({ token, id } = await freshSubscription(emulator, clock)));

	it("lists the app's subscriptions without their clientState, and gets one by id", async () => {
		const list = await graph(emulator, '/v1.0/subscriptions', { token });
		expect(list.status).toBe(200);
		expect(list.body).toMatchObject({ '@odata.context': `${emulator.baseUrl}/v1.0/$metadata#subscriptions`, value: [{ id, clientState: null }] });
		const one = await graph(emulator, `/v1.0/subscriptions/${id}`, { token });
		expect(one.body).toMatchObject({ id, resource: `users/${adele.id}/mailFolders('inbox')/messages` });
	});

	it("does not show, renew or delete another app's subscription: 404 ResourceNotFound", async () => {
		const other = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await graph(emulator, '/v1.0/subscriptions', { token: other })).body).toMatchObject({ value: [] });
		for (const method of ['GET', 'PATCH', 'DELETE']) {
			const answer = await graph(emulator, `/v1.0/subscriptions/${id}`, { method, token: other, body: method === 'PATCH' ? { expirationDateTime: iso(clock.now() + 60 * MINUTE) } : undefined });
			expect(answer.status).toBe(404);
			expect(errorOf(answer)).toMatchObject({ code: 'ResourceNotFound', message: 'The object was not found.' });
		}
		expect(emulator.notifications.subscriptions()).toHaveLength(1);
	});

	it('renews with PATCH after a new handshake with the webhook', async () => {
		const until = clock.now() + 7 * 24 * 60 * MINUTE - MINUTE;
		const answer = await graph(emulator, `/v1.0/subscriptions/${id}`, { method: 'PATCH', token, body: { expirationDateTime: iso(until) } });
		expect(answer.status).toBe(200);
		expect(Date.parse((answer.body as { expirationDateTime: string }).expirationDateTime)).toBe(until);
		expect(webhook.validations().map((post) => post.path)).toEqual(['/hook']);
	});

	it('keeps the old expiry when the renewal handshake fails', async () => {
		const before = emulator.notifications.subscriptions()[0].expiresAt;
		webhook.behave(() => ({ status: 503 }));
		const answer = await graph(emulator, `/v1.0/subscriptions/${id}`, { method: 'PATCH', token, body: { expirationDateTime: iso(clock.now() + 24 * 60 * MINUTE) } });
		expect(errorOf(answer).code).toBe('ValidationError');
		expect(emulator.notifications.subscriptions()[0].expiresAt).toBe(before);
	});

	it('refuses a renewal past 10,080 minutes, a PATCH without expiry or URL, and a PATCH of other properties', async () => {
		const tooLong = await graph(emulator, `/v1.0/subscriptions/${id}`, { method: 'PATCH', token, body: { expirationDateTime: iso(clock.now() + 10_081 * MINUTE) } });
		expect(errorOf(tooLong).message).toBe('Subscription expiration can only be 10080 minutes in the future.');
		const empty = await graph(emulator, `/v1.0/subscriptions/${id}`, { method: 'PATCH', token, body: { clientState: 'x' } });
		expect(errorOf(empty).message).toBe("Subscription must contain either the 'expirationDateTime' or 'notificationUrl' property and its value.");
		const lifecycle = await graph(emulator, `/v1.0/subscriptions/${id}`, {
			method: 'PATCH',
			token,
			body: { expirationDateTime: iso(clock.now() + 60 * MINUTE), lifecycleNotificationUrl: webhook.url('/other') },
		});
		expect(lifecycle.status).toBe(400);
	});

	it('reauthorizes with POST reauthorize: 204 after a handshake, expiry unchanged', async () => {
		const before = emulator.notifications.subscriptions()[0].expiresAt;
		const answer = await graph(emulator, `/v1.0/subscriptions/${id}/reauthorize`, { method: 'POST', token });
		expect(answer.status).toBe(204);
		expect(webhook.validations()).toHaveLength(1);
		expect(emulator.notifications.subscriptions()[0].expiresAt).toBe(before);
	});

	it('deletes with DELETE: 204, then 404', async () => {
		expect((await graph(emulator, `/v1.0/subscriptions/${id}`, { method: 'DELETE', token })).status).toBe(204);
		expect((await graph(emulator, `/v1.0/subscriptions/${id}`, { token })).status).toBe(404);
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items()).toEqual([]);
	});

	it('is gone once its expiry has passed on the emulator clock: no answer, no notification', async () => {
		clock.advance(3 * 24 * 60 * MINUTE + 1);
		const fresh = await accessToken(emulator);
		expect((await graph(emulator, `/v1.0/subscriptions/${id}`, { token: fresh })).status).toBe(404);
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items()).toEqual([]);
		expect(emulator.notifications.subscriptions()).toEqual([]);
	});
});

describe('subscriptions: change notifications', () => {
	let emulator: Emulator;
	let clock: ReturnType<typeof testClock>;
	let token: string;
	beforeAll(async () => ({ emulator, clock, token } = await emulatorWith({ notifications: { retryDelaysMs: [60_000, 120_000], retryForMs: 10 * MINUTE, notificationTimeoutMs: 300 } })));
	afterAll(async () => await emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await accessToken(emulator);
	});

	async function subscribe(overrides: Record<string, unknown> = {}): Promise<string> {
		const answer = await create(emulator, token, subscriptionBody(clock, overrides));
		if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
		webhook.clear();
		return (answer.body as { id: string }).id;
	}

	it('posts a created notification when mail arrives in the watched folder', async () => {
		const id = await subscribe();
		const message = emulator.store.addMessage(adele.id, 'inbox');
		const [item] = await webhook.waitForItems(1, { path: '/hook' });
		expect(item).toEqual({
			subscriptionId: id,
			subscriptionExpirationDateTime: expect.stringMatching(/\.\d{7}Z$/),
			changeType: 'created',
			resource: `Users/${adele.id}/Messages/${message.id}`,
			resourceData: {
				'@odata.type': '#Microsoft.Graph.Message',
				'@odata.id': `Users/${adele.id}/Messages/${message.id}`,
				'@odata.etag': `W/"${message.changeKey}"`,
				id: message.id,
			},
			clientState: 'a-secret-only-the-app-knows',
			tenantId: SAMPLE.tenantId,
		});
		const post = webhook.received.find((each) => each.path === '/hook');
		expect(post?.headers['content-type']).toMatch(/^application\/json/);
	});

	it('posts updated on a PATCH through Graph, and nothing for another folder or another mailbox', async () => {
		await subscribe();
		const inInbox = emulator.store.addMessage(adele.id, 'inbox');
		emulator.store.addMessage(adele.id, 'archive');
		emulator.store.addMessage(alex.id, 'inbox');
		await graph(emulator, `${userPath()}/messages/${inInbox.id}`, { method: 'PATCH', token, body: { isRead: true } });
		await emulator.notifications.drain();
		expect(webhook.items('/hook').map((item) => [item.changeType, (item.resourceData as { id: string }).id])).toEqual([
			['created', inInbox.id],
			['updated', inInbox.id],
		]);
	});

	it('reports a move as deleted in the folder it left and created (new id) where it arrived', async () => {
		await subscribe({ changeType: 'created,updated,deleted' });
		await subscribe({ changeType: 'created', resource: `users/${adele.id}/mailFolders('archive')/messages`, notificationUrl: webhook.url('/archive') });
		const message = emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		webhook.clear();
		const moved = await graph(emulator, `${userPath()}/messages/${message.id}/move`, { method: 'POST', token, body: { destinationId: 'archive' } });
		const movedId = (moved.body as { id: string }).id;
		await emulator.notifications.drain();
		expect(webhook.items('/hook').map((item) => [item.changeType, (item.resourceData as { id: string }).id])).toEqual([['deleted', message.id]]);
		expect(webhook.items('/hook')[0].resourceData).not.toHaveProperty('@odata.etag');
		expect(webhook.items('/archive').map((item) => [item.changeType, (item.resourceData as { id: string }).id])).toEqual([['created', movedId]]);
	});

	it('notifies a whole-mailbox subscription of changes in any folder, only of the change types asked for', async () => {
		await subscribe({ resource: `users/${adele.id}/messages`, changeType: 'updated' });
		const draft = emulator.store.addMessage(adele.id, 'drafts');
		emulator.store.updateMessage(adele.id, draft.id, { isRead: true });
		await emulator.notifications.drain();
		expect(webhook.items('/hook').map((item) => item.changeType)).toEqual(['updated']);
	});

	it('sends notifications due at the same time to one URL in one POST', async () => {
		await subscribe();
		emulator.store.addMessages(adele.id, 'inbox', 3);
		await emulator.notifications.drain();
		const posts = webhook.received.filter((post) => post.path === '/hook');
		expect(posts).toHaveLength(1);
		expect(posts[0].json?.value).toHaveLength(3);
	});

	it('holds a notification until its delay has passed on the emulator clock', async () => {
		emulator.notifications.configure({ delayMs: 30_000 });
		await subscribe();
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toEqual([]);
		expect(emulator.notifications.pending()).toBe(1);
		clock.advance(30_000);
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(1);
	});

	it('sends a notification again after a non-2xx answer, on the retry schedule', async () => {
		await subscribe();
		let calls = 0;
		webhook.behave((post) => (post.path === '/hook' && ++calls === 1 ? { status: 500 } : undefined));
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(1);
		clock.advance(59_999);
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(1);
		clock.advance(1);
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(2);
		expect(emulator.notifications.records.filter((record) => record.kind === 'notification').map((record) => [record.attempt, record.outcome])).toEqual([
			[1, 'failed'],
			[2, 'ok'],
		]);
		expect(emulator.notifications.stats).toMatchObject({ generated: 1, delivered: 1, dropped: 0 });
	});

	it('counts an answer later than the timeout (3 s in Graph) as failed and retries it', async () => {
		await subscribe();
		let calls = 0;
		webhook.behave((post) => (post.path === '/hook' && ++calls === 1 ? { delayMs: 600 } : undefined));
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(emulator.notifications.records.at(-1)).toMatchObject({ kind: 'notification', outcome: 'timeout', status: 0 });
		clock.advance(60_000);
		await emulator.notifications.drain();
		expect(emulator.notifications.records.at(-1)).toMatchObject({ kind: 'notification', attempt: 2, outcome: 'ok' });
	});

	it('drops a notification after retrying for retryForMs and sends missed to the lifecycle URL', async () => {
		const id = await subscribe();
		webhook.behave((post) => (post.path === '/hook' ? { status: 503 } : undefined));
		emulator.store.addMessage(adele.id, 'inbox');
		for (let step = 0; step < 8; step++) {
			await emulator.notifications.drain();
			clock.advance(120_000);
		}
		await emulator.notifications.drain();
		const attempts = emulator.notifications.records.filter((record) => record.kind === 'notification').map((record) => record.attempt);
		// Due at 0, +1 min, +2, +2, +2...: the next wait would go past the 10 minutes, so it stops there.
		expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);
		expect(emulator.notifications.stats).toMatchObject({ generated: 1, delivered: 0, dropped: 1 });
		expect(webhook.items('/lifecycle')).toEqual([
			{ subscriptionId: id, subscriptionExpirationDateTime: expect.any(String), tenantId: SAMPLE.tenantId, clientState: 'a-secret-only-the-app-knows', lifecycleEvent: 'missed' },
		]);
	});

	it('loses, duplicates and delays notifications as seeded, the same way every run', async () => {
		const run = async () => {
			emulator.reset();
			token = await accessToken(emulator);
			emulator.notifications.configure({ lossRate: 0.1, duplicateRate: 0.1, lateRate: 0.05, lateDelayMs: [30_000, 180_000], duplicateDelayMs: [0, 2000] }, true);
			await subscribe({ changeType: 'created' });
			emulator.store.addMessages(adele.id, 'inbox', 400, 7);
			await emulator.notifications.drain();
			clock.advance(181_000);
			await emulator.notifications.drain();
			const ids = webhook.items('/hook').map((item) => (item.resourceData as { id: string }).id);
			return { ids, stats: { ...emulator.notifications.stats } };
		};
		const first = await run();
		const second = await run();
		expect(second.ids).toEqual(first.ids);
		const { stats } = first;
		expect(stats.generated).toBe(400);
		expect(stats.lost).toBeGreaterThan(20);
		expect(stats.duplicated).toBeGreaterThan(20);
		expect(stats.late).toBeGreaterThan(5);
		expect(stats.delivered).toBe(stats.generated - stats.lost + stats.duplicated);
		expect(first.ids).toHaveLength(stats.delivered);
		expect(new Set(first.ids).size).toBe(400 - stats.lost);
	});
});

describe('subscriptions: lifecycle notifications on demand', () => {
	let emulator: Emulator;
	let clock: ReturnType<typeof testClock>;
	let token: string;
	let id: string;
	beforeAll(async () => ({ emulator, clock, token } = await emulatorWith({ notifications: { reauthorizationGraceMs: 5 * MINUTE } })));
	afterAll(async () => await emulator.close());
	beforeEach(async () => ({ token, id } = await freshSubscription(emulator, clock)));

	it('sends reauthorizationRequired, then pauses notifications after the grace period until reauthorize', async () => {
		emulator.notifications.lifecycle(id, 'reauthorizationRequired');
		await emulator.notifications.drain();
		expect(webhook.items('/lifecycle')).toEqual([expect.objectContaining({ subscriptionId: id, lifecycleEvent: 'reauthorizationRequired', clientState: 'a-secret-only-the-app-knows' })]);
		emulator.store.addMessage(adele.id, 'inbox');
		clock.advance(5 * MINUTE);
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(1);
		expect(emulator.notifications.stats.paused).toBe(1);

		const fresh = await accessToken(emulator);
		expect((await graph(emulator, `/v1.0/subscriptions/${id}/reauthorize`, { method: 'POST', token: fresh })).status).toBe(204);
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toHaveLength(2);
	});

	it('sends subscriptionRemoved and removes the subscription', async () => {
		emulator.notifications.lifecycle(id, 'subscriptionRemoved');
		await emulator.notifications.drain();
		expect(webhook.items('/lifecycle')).toEqual([expect.objectContaining({ subscriptionId: id, lifecycleEvent: 'subscriptionRemoved' })]);
		expect((await graph(emulator, `/v1.0/subscriptions/${id}`, { token })).status).toBe(404);
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/hook')).toEqual([]);
	});

	it('sends missed, and keeps notifying', async () => {
		emulator.notifications.lifecycle(id, 'missed');
		emulator.store.addMessage(adele.id, 'inbox');
		await emulator.notifications.drain();
		expect(webhook.items('/lifecycle').map((item) => item.lifecycleEvent)).toEqual(['missed']);
		expect(webhook.items('/hook')).toHaveLength(1);
	});

	it('is also sent over the control route, which refuses an unknown event', async () => {
		const sent = await graph(emulator, `/_emulator/subscriptions/${id}/lifecycle`, { method: 'POST', body: { lifecycleEvent: 'missed' } });
		expect(sent.status).toBe(202);
		const refused = await graph(emulator, `/_emulator/subscriptions/${id}/lifecycle`, { method: 'POST', body: { lifecycleEvent: 'exploded' } });
		expect(refused.status).toBe(400);
		await emulator.notifications.drain();
		expect(webhook.items('/lifecycle')).toHaveLength(1);
		const listed = await graph(emulator, '/_emulator/subscriptions');
		expect(listed.body).toMatchObject({ value: [{ id, clientState: 'a-secret-only-the-app-knows', changeTypes: ['created', 'updated'] }] });
	});

	it('clears subscriptions and queued notifications on reset', async () => {
		emulator.notifications.configure({ delayMs: 60_000 });
		emulator.store.addMessage(adele.id, 'inbox');
		emulator.reset();
		clock.advance(60_000);
		await emulator.notifications.drain();
		expect(emulator.notifications.subscriptions()).toEqual([]);
		expect(emulator.notifications.pending()).toBe(0);
		expect(webhook.items()).toEqual([]);
	});
});
