import { SAMPLE, type Emulator } from '../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../helpers/outlook';

let emulator: Emulator;
const adele = SAMPLE.users.adele.id;

useEmulator((started) => (emulator = started), { virtualClock: true });

function inboxIds(count: number): string[] {
	emulator.store.addMessages(adele, 'inbox', count, 3);
	return emulator.store
		.messages(adele, emulator.store.folder(adele, 'inbox').id)
		.slice(0, count)
		.map((message) => message.id);
}

const markRead = (batching?: boolean) => ({
	resource: 'message',
	operation: 'update',
	messageId: { mode: 'id', value: '={{ $json.id }}' },
	updateFields: { readStatus: 'read' },
	...(batching === undefined ? {} : { requestOptions: { batching } }),
});

const outer = () => emulator.requests.filter((request) => request.kind !== 'token' && request.batchRequestId === undefined);

describe('batching', () => {
	it('marks 45 messages read in $batch requests of 20, 20 and 5, keeping output order and pairedItem', async () => {
		const ids = inboxIds(45);
		const run = await runOutlook(emulator, markRead(), ids.map((id) => ({ id })));
		expect(run.error).toBeUndefined();
		expect(outer().map((request) => `${request.kind} ${request.method} ${request.rawUrl}`)).toEqual([
			'batch POST /v1.0/$batch',
			'batch POST /v1.0/$batch',
			'batch POST /v1.0/$batch',
		]);
		const sizes = outer().map((request) => (request.body as { requests: unknown[] }).requests.length);
		expect(sizes).toEqual([20, 20, 5]);
		expect(run.items.map((item) => item.json.id)).toEqual(ids);
		expect(run.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(ids.every((id) => emulator.store.message(adele, id).isRead)).toBe(true);
	});

	it('sends one request per item, one after another, with batching off', async () => {
		const ids = inboxIds(5);
		const run = await runOutlook(emulator, markRead(false), ids.map((id) => ({ id })));
		expect(run.error).toBeUndefined();
		expect(outer().map((request) => `${request.method} ${request.rawUrl}`)).toEqual(
			ids.map((id) => `PATCH ${mailboxUrl()}/messages/${encodeURIComponent(id)}`),
		);
		const overlapping = outer().some((request, index, all) => index > 0 && request.startedAt < all[index - 1].endedAt);
		expect(overlapping).toBe(false);
	});

	it('fails only the item whose sub-request failed, under continue-on-fail', async () => {
		const ids = inboxIds(4);
		emulator.store.deleteMessage(adele, ids[2]);
		const run = await runOutlook(emulator, markRead(), ids.map((id) => ({ id })), { continueOnFail: true });
		expect(run.items.map((item) => (item.json.error ? 'error' : item.json.id))).toEqual([ids[0], ids[1], 'error', ids[3]]);
		expect(String(run.items[2].json.error)).toMatch(/^ErrorItemNotFound: /);
		expect(run.items[2].pairedItem).toEqual({ item: 2 });
		expect(outer()).toHaveLength(1);
	});

	it('stops with the first failed item\'s error without continue-on-fail', async () => {
		const ids = inboxIds(4);
		emulator.store.deleteMessage(adele, ids[1]);
		emulator.store.deleteMessage(adele, ids[3]);
		const run = await runOutlook(emulator, markRead(), ids.map((id) => ({ id })));
		expect(run.error?.message).toMatch(/^ErrorItemNotFound: /);
		expect((run.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('retries a throttled sub-request after its own Retry-After, alone', async () => {
		const ids = inboxIds(3);
		emulator.faults.add({ method: 'PATCH', path: `/v1.0/users/${SAMPLE.users.adele.userPrincipalName}/messages/${ids[1]}`, status: 429, retryAfter: '0.05' });
		const run = await runOutlook(emulator, markRead(), ids.map((id) => ({ id })));
		expect(run.error).toBeUndefined();
		const subRequests = emulator.requests.filter((request) => request.batchRequestId !== undefined);
		expect(subRequests.map((request) => request.status)).toEqual([200, 429, 200]);
		const retried = emulator.requests.filter((request) => request.kind === 'graph' && request.batchRequestId === undefined);
		expect(retried.map((request) => `${request.method} ${request.status}`)).toEqual(['PATCH 200']);
		expect(retried[0].rawUrl).toBe(`${mailboxUrl()}/messages/${encodeURIComponent(ids[1])}`);
		expect(ids.every((id) => emulator.store.message(adele, id).isRead)).toBe(true);
	});

	it('never batches sends: three items, three sendMail requests, one after another', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'message', operation: 'send', toRecipients: '={{ $json.to }}', subject: 'Hello', bodyContent: 'Hi' },
			[{ to: SAMPLE.users.alex.userPrincipalName }, { to: SAMPLE.users.alex.userPrincipalName }, { to: SAMPLE.users.alex.userPrincipalName }],
		);
		expect(run.error).toBeUndefined();
		expect(outer().map((request) => `${request.method} ${request.rawUrl}`)).toEqual(
			Array.from({ length: 3 }, () => `POST ${mailboxUrl()}/sendMail`),
		);
	});
});

describe('batching: writes without a body', () => {
	it('deletes 3 messages permanently in one $batch, each POST carrying an empty JSON body as Graph requires', async () => {
		const ids = inboxIds(3);
		const run = await runOutlook(
			emulator,
			{ resource: 'message', operation: 'delete', messageId: { mode: 'id', value: '={{ $json.id }}' }, permanent: true },
			ids.map((id) => ({ id })),
		);
		expect(run.error).toBeUndefined();
		const [batch] = outer();
		expect((batch.body as { requests: unknown[] }).requests).toEqual(
			ids.map((id, index) => ({
				id: String(index + 1),
				method: 'POST',
				url: `/users/${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}/messages/${encodeURIComponent(id)}/permanentDelete`,
				headers: { 'Content-Type': 'application/json' },
				body: {},
			})),
		);
		expect(ids.every((id) => !emulator.store.messages(adele).some((message) => message.id === id))).toBe(true);
	});
});
