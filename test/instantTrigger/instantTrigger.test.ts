/**
 * The Outlook Mail (App) Instant Trigger through n8n-core's own contexts (test/helpers/webhookTrigger.ts), against
 * the emulator posting Graph's handshakes and notifications to it over real HTTP. Time is the emulator's and the
 * Graph client's virtual clock, so days of renewals take no time.
 */
import { SAMPLE } from '../emulator';
import { clock, DAY, deliver, deltaReads, emittedIds, emulator, harnesses, log, MINUTE, restartWith, settle, startWith, subscriptionCalls, trigger, until } from './helpers';

describe('instant trigger: activation and the handshake', () => {
	beforeEach(async () => await startWith());

	it('subscribes each watched folder to the webhook, with lifecycle notifications and a clientState, after answering the handshake', async () => {
		const harness = await trigger({ folders: ['inbox', 'archive'] });
		await harness.activate();
		const subscriptions = emulator.notifications.subscriptions();
		expect(subscriptions.map((subscription) => subscription.resource)).toEqual([
			`users/${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}/mailFolders('inbox')/messages`,
			`users/${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}/mailFolders('archive')/messages`,
		]);
		for (const subscription of subscriptions) {
			expect(subscription).toMatchObject({ notificationUrl: harness.webhookUrl, lifecycleNotificationUrl: harness.webhookUrl, changeType: 'created' });
			expect(subscription.clientState).toMatch(/^[A-Za-z0-9_-]{43}$/);
			// Graph's maximum for messages is 10,080 minutes.
			expect(subscription.expiresAt - clock.now()).toBeLessThanOrEqual(10_080 * MINUTE);
			expect(subscription.expiresAt - clock.now()).toBeGreaterThan(7 * DAY - 20 * MINUTE);
		}
		const handshakes = harness.requests.filter((request) => request.query.validationToken !== undefined);
		expect(handshakes).toHaveLength(4);
		expect(handshakes.every((request) => request.status === 200 && request.answeredInMs < 10_000)).toBe(true);
		expect(emulator.notifications.records.filter((record) => record.kind === 'validation').every((record) => record.outcome === 'ok')).toBe(true);
	});

	it('keeps subscriptions that are still alive when activated again, and creates none twice', async () => {
		const harness = await trigger();
		await harness.activate();
		const first = emulator.notifications.subscriptions().map((subscription) => subscription.id);
		await harness.restart();
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.id)).toEqual(first);
		expect(subscriptionCalls('POST')).toHaveLength(1);
	});

	it('fails activation with a sentence about WEBHOOK_URL when Graph cannot reach the webhook', async () => {
		const harness = await trigger({ folders: ['inbox'] }, { webhookBaseUrl: 'http://127.0.0.1:1/webhook' });
		await expect(harness.activate()).rejects.toThrow(/Microsoft Graph could not reach this trigger's webhook at http:\/\/127\.0\.0\.1:1\/webhook\/.*Subscription validation request failed/);
		const error = await harness.activate().catch((caught: Error & { description?: string }) => caught);
		expect((error as { description?: string }).description).toMatch(/WEBHOOK_URL to its public https address/);
		expect(emulator.notifications.subscriptions()).toEqual([]);
	});

	it('fails activation the same way when the webhook URL is plain http (Graph wants https)', async () => {
		await restartWith({ notifications: { allowHttpLoopback: false } });
		const harness = await trigger();
		await expect(harness.activate()).rejects.toThrow(/could not reach this trigger's webhook.*NotificationUrl scheme='http' is not supported/);
	});

	it('deletes its subscriptions on deactivation, also one the state lost track of', async () => {
		const harness = await trigger({ folders: ['inbox', 'archive'] });
		await harness.activate();
		delete (harness.savedStaticData['node:Instant Trigger'] as Record<string, unknown> | undefined)?.outlookMailAppInstant;
		await harness.deactivate();
		expect(emulator.notifications.subscriptions()).toEqual([]);
		expect(subscriptionCalls('DELETE').map((request) => request.status)).toEqual([204, 204]);
	});
});

describe('instant trigger: notifications', () => {
	beforeEach(async () => await startWith());

	it('answers a notification 202 at once, then reads the folder, and emits the new message once', async () => {
		const harness = await trigger();
		await harness.activate();
		const readsBefore = deltaReads().length;
		const message = deliver({ subject: 'Urgent' });
		await until('an execution', () => harness.executions.length === 1);
		expect(emittedIds(harness)).toEqual([message.id]);
		expect(harness.executions[0].source).toBe('trigger');
		const notification = harness.requests.find((request) => request.query.validationToken === undefined);
		expect(notification).toMatchObject({ status: 202 });
		expect(notification!.answeredInMs).toBeLessThan(3000);
		// The read came after the answer: the webhook never makes Graph wait for Graph.
		const posted = emulator.notifications.records.find((record) => record.kind === 'notification')!;
		expect(deltaReads().slice(readsBefore).every((read) => read.startedAt >= posted.at)).toBe(true);
		await settle(harness);
		expect(harness.executions).toHaveLength(1);
	});

	it('refuses a notification with a forged clientState: nothing read, nothing emitted, a line in the log', async () => {
		const harness = await trigger();
		await harness.activate();
		const [subscription] = emulator.notifications.subscriptions();
		emulator.notifications.configure({ lossRate: 1 });
		deliver({ subject: 'not notified' });
		const readsBefore = deltaReads().length;
		const forged = await fetch(harness.ownWebhookUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				value: [{ subscriptionId: subscription.id, clientState: 'guessed', changeType: 'created', resource: 'Users/x/Messages/y', tenantId: SAMPLE.tenantId }],
			}),
		});
		expect(forged.status).toBe(202);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(deltaReads().length).toBe(readsBefore);
		expect(harness.executions).toEqual([]);
		expect(log.warnings()).toEqual([expect.stringMatching(/ignored a notification for subscription .* whose clientState is not this trigger's/)]);
	});

	it('ignores, with a log line, a notification for a subscription it does not own', async () => {
		const harness = await trigger();
		await harness.activate();
		const readsBefore = deltaReads().length;
		await fetch(harness.ownWebhookUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ value: [{ subscriptionId: '00000000-0000-4000-8000-000000000000', clientState: 'x', changeType: 'created' }] }),
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(deltaReads().length).toBe(readsBefore);
		expect(log.lines.map((line) => line.message)).toContainEqual(expect.stringMatching(/ignored a notification for subscription 00000000-0000-4000-8000-000000000000, which is not one of this trigger's/));
	});

	it('emits nothing again for a repeated notification', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.notifications.configure({ duplicateRate: 1, duplicateDelayMs: 0 });
		deliver();
		await settle(harness);
		expect(emulator.notifications.stats.duplicated).toBe(1);
		expect(emittedIds(harness)).toHaveLength(1);
	});

	it('2,000 messages, 10% of notifications lost, 10% repeated, 5% late: each emitted once, none missed', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.notifications.configure({ lossRate: 0.1, duplicateRate: 0.1, lateRate: 0.05, lateDelayMs: [30_000, 180_000], duplicateDelayMs: [0, 2000] }, true);
		const delivered: string[] = [];
		for (let wave = 0; wave < 100; wave++) {
			for (let index = 0; index < 20; index++) delivered.push(deliver().id);
			clock.advance(1000);
			await emulator.notifications.drain();
		}
		// The late ones come within 3 minutes; a lost notification is made up by the next read of its folder, and
		// those lost at the very end by the safety-net read (15 minutes).
		clock.advance(3 * MINUTE);
		await settle(harness);
		clock.advance(15 * MINUTE);
		harness.tick();
		await settle(harness);
		const stats = emulator.notifications.stats;
		const ids = emittedIds(harness);
		const unique = new Set(ids);
		console.log(
			`instant trigger chaos: ${delivered.length} messages, ${stats.generated} notifications: ${stats.lost} lost, ${stats.duplicated} repeated, ${stats.late} late; ` +
				`${ids.length} emitted, ${delivered.filter((id) => !unique.has(id)).length} missed, ${ids.length - unique.size} emitted twice, ${harness.executions.length} executions, ${deltaReads().length} delta reads`,
		);
		expect(stats.generated).toBe(2000);
		expect(stats.lost).toBeGreaterThan(150);
		expect(stats.duplicated).toBeGreaterThan(150);
		expect(stats.late).toBeGreaterThan(50);
		expect(ids).toHaveLength(2000);
		expect(unique.size).toBe(2000);
		expect([...unique].sort()).toEqual([...delivered].sort());
	});
});

describe('instant trigger: renewal, lifecycle notifications and outages', () => {
	beforeEach(async () => await startWith({ notifications: { reauthorizationGraceMs: 0 } }));

	it('renews its subscriptions a day after creating them, on its own schedule, and keeps them alive for weeks', async () => {
		const harness = await trigger({ folders: ['inbox', 'archive'] });
		await harness.activate();
		expect(harness.cronCount).toBe(1);
		const ids = emulator.notifications.subscriptions().map((subscription) => subscription.id);
		clock.advance(DAY - MINUTE);
		harness.tick();
		await settle(harness);
		expect(subscriptionCalls('PATCH')).toEqual([]);
		clock.advance(MINUTE);
		harness.tick();
		await settle(harness);
		expect(subscriptionCalls('PATCH').map((request) => request.status)).toEqual([200, 200]);
		for (let day = 0; day < 21; day++) {
			clock.advance(DAY);
			harness.tick();
			await settle(harness);
		}
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.id)).toEqual(ids);
		expect(emulator.notifications.subscriptions().every((subscription) => subscription.expiresAt - clock.now() > 5 * DAY)).toBe(true);
		const message = deliver();
		await until('the message emitted three weeks on', () => emittedIds(harness).includes(message.id));
	});

	it('reauthorizes a subscription on reauthorizationRequired', async () => {
		const harness = await trigger();
		await harness.activate();
		const [subscription] = emulator.notifications.subscriptions();
		emulator.notifications.lifecycle(subscription.id, 'reauthorizationRequired');
		await until('a reauthorize request', () => subscriptionCalls('POST').some((request) => request.path.endsWith('/reauthorize') && request.status === 204));
		const message = deliver();
		await until('the message emitted after reauthorizing', () => emittedIds(harness).includes(message.id));
	});

	it('recreates a removed subscription on subscriptionRemoved and catches up what arrived meanwhile', async () => {
		const harness = await trigger();
		await harness.activate();
		const [removed] = emulator.notifications.subscriptions();
		emulator.notifications.configure({ delayMs: 1000 });
		emulator.notifications.lifecycle(removed.id, 'subscriptionRemoved');
		const meanwhile = deliver({ subject: 'while no subscription existed' });
		clock.advance(1000);
		await until('a new subscription', () => emulator.notifications.subscriptions().some((subscription) => subscription.id !== removed.id));
		await until('the message that arrived meanwhile', () => emittedIds(harness).includes(meanwhile.id));
		const after = deliver({ subject: 'after' });
		clock.advance(1000);
		await until('a message after the new subscription', () => emittedIds(harness).includes(after.id));
		await settle(harness);
		expect(emittedIds(harness)).toEqual([meanwhile.id, after.id]);
	});

	it('catches up on missed: a change whose notification never came is emitted', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.notifications.configure({ lossRate: 1 });
		const lost = deliver();
		await settle(harness);
		expect(harness.executions).toEqual([]);
		emulator.notifications.configure({});
		emulator.notifications.lifecycle(emulator.notifications.subscriptions()[0].id, 'missed');
		await until('the message whose notification was lost', () => emittedIds(harness).includes(lost.id));
	});

	it('after an outage longer than the subscriptions live, recreates them at restart and emits what arrived meanwhile, once', async () => {
		const harness = await trigger();
		await harness.activate();
		const before = emulator.notifications.subscriptions().map((subscription) => subscription.id);
		await harness.close();
		clock.advance(8 * DAY);
		expect(emulator.notifications.subscriptions()).toEqual([]);
		const duringOutage = deliver({ subject: 'while n8n was down' });
		harnesses.pop();
		const restarted = await trigger();
		restarted.savedStaticData = harness.savedStaticData;
		await restarted.activate('init');
		expect(emulator.notifications.subscriptions().map((subscription) => subscription.id)).not.toEqual(before);
		expect(emulator.notifications.subscriptions()).toHaveLength(1);
		expect(emittedIds(restarted)).toEqual([duringOutage.id]);
		const next = deliver();
		await until('mail after the restart', () => emittedIds(restarted).includes(next.id));
		await settle(restarted);
		expect(emittedIds(restarted)).toEqual([duringOutage.id, next.id]);
	});
});

describe('instant trigger: the editor test event', () => {
	beforeEach(async () => await startWith());

	it('listening for a test event brings the newest matching message at once, through the handshake of a test subscription it then deletes', async () => {
		const newest = deliver({ subject: 'the newest' });
		const harness = await trigger();
		await harness.listenForTestEvent();
		await until('a test execution', () => harness.executions.length === 1);
		expect(harness.executions[0].source).toBe('manual');
		expect(emittedIds(harness)).toEqual([newest.id]);
		const testUrl = emulator.notifications.records.find((record) => record.kind === 'validation')!.url;
		expect(testUrl).toMatch(/\/webhook-test\//);
		await until('the test subscription deleted', () => emulator.notifications.subscriptions().length === 0);
		expect(harness.savedStaticData).toEqual({});
	});
});
