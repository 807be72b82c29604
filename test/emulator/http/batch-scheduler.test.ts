import { createVirtualClock } from '../../helpers/clock';
import { SAMPLE, startEmulator, type BatchModel, type Emulator, type EmulatorOptions } from '../index';
import { accessToken, as, batch, graph, responseOf, userPath, type Answer, type BatchAnswer, type GraphErrorBody } from '../test-client';

const adele = SAMPLE.users.adele;
const alex = SAMPLE.users.alex;
const upn = encodeURIComponent(adele.userPrincipalName);
const THROTTLED = { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' };

/** An emulator on a virtual clock: service times pass without real waits. */
async function emulatorWith(options: EmulatorOptions): Promise<{ emulator: Emulator; token: string; clock: ReturnType<typeof createVirtualClock> }> {
	const clock = createVirtualClock();
	const emulator = await startEmulator({ now: clock.now, sleep: clock.sleep, serviceTimeMs: 5, ...options });
	return { emulator, token: await accessToken(emulator), clock };
}

const messageIds = (emulator: Emulator, userId: string = adele.id): string[] => emulator.store.messages(userId).map((message) => message.id);

/** 20 PATCHes of 20 messages of Adele's, all parallel or as one dependsOn chain. */
function patches(emulator: Emulator, chained: boolean) {
	return messageIds(emulator)
		.slice(0, 20)
		.map((messageId, index) => ({
			id: String(index + 1),
			method: 'PATCH',
			url: `/users/${upn}/messages/${messageId}`,
			headers: { 'Content-Type': 'application/json' },
			body: { isRead: true },
			...(chained && index > 0 ? { dependsOn: [String(index)] } : {}),
		}));
}

const statuses = (answer: Answer): number[] =>
	as<BatchAnswer>(answer)
		.responses.map((response) => [Number(response.id), response.status])
		.sort(([left], [right]) => left - right)
		.map(([, status]) => status);

/** The 429s the log shows for a mailbox, sub-requests of a $batch included. */
const throttledFor = (emulator: Emulator, userId: string): number =>
	emulator.requests.filter((record) => record.mailbox === userId && record.status === 429).length;

describe('$batch model documented: the batch queues its sub-requests for a mailbox, mailboxConcurrency at a time', () => {
	it('answers a parallel batch of 20 for one mailbox 20 × 200, never more than 4 in flight', async () => {
		const { emulator, token } = await emulatorWith({ batchModel: 'documented' });
		try {
			const answer = await batch(emulator, token, patches(emulator, false));
			expect(statuses(answer)).toEqual(Array(20).fill(200));
			expect(emulator.maxInFlight(adele.id)).toBe(4);
			expect(throttledFor(emulator, adele.id)).toBe(0);
			expect(messageIds(emulator).slice(0, 20).map((id) => emulator.store.updateCount(id))).toEqual(Array(20).fill(1));
		} finally {
			await emulator.close();
		}
	});

	it('is the default', async () => {
		const { emulator, token } = await emulatorWith({});
		try {
			expect(statuses(await batch(emulator, token, patches(emulator, false)))).toEqual(Array(20).fill(200));
		} finally {
			await emulator.close();
		}
	});
});

describe('$batch model allAtOnce: every ready sub-request starts at once and takes a mailbox slot', () => {
	it.each([5, 0])(
		'admits the first 4 of a parallel batch of 20 for one mailbox and answers the other 16 429 with Retry-After, with serviceTimeMs %i',
		async (serviceTimeMs) => {
			const { emulator, token } = await emulatorWith({ batchModel: 'allAtOnce', serviceTimeMs });
			try {
				const answer = await batch(emulator, token, patches(emulator, false));
				expect(answer.status).toBe(200);
				expect(statuses(answer)).toEqual([...Array(4).fill(200), ...Array(16).fill(429)]);
				for (let id = 5; id <= 20; id++) {
					const response = responseOf(answer, String(id));
					expect(response.headers['Retry-After']).toBe('1');
					expect((response.body as GraphErrorBody).error).toMatchObject(THROTTLED);
				}
				expect(emulator.maxInFlight(adele.id)).toBe(4);
				expect(throttledFor(emulator, adele.id)).toBe(16);
				const updated = messageIds(emulator).slice(0, 20).map((id) => emulator.store.updateCount(id));
				expect(updated).toEqual([...Array(4).fill(1), ...Array(16).fill(0)]);
			} finally {
				await emulator.close();
			}
		},
	);

	it('leaves the mailbox throttled after the overflow until Retry-After has passed, and other mailboxes open', async () => {
		const { emulator, token, clock } = await emulatorWith({ batchModel: 'allAtOnce' });
		try {
			await batch(emulator, token, patches(emulator, false));
			const early = await graph(emulator, `${userPath()}/mailFolders/inbox`, { token });
			expect(early.status).toBe(429);
			expect(early.headers.get('retry-after')).toBe('1');
			expect(as<GraphErrorBody>(early).error).toMatchObject(THROTTLED);
			expect((await graph(emulator, `${userPath(alex)}/mailFolders/inbox`, { token })).status).toBe(200);
			clock.advance(1000);
			expect((await graph(emulator, `${userPath()}/mailFolders/inbox`, { token })).status).toBe(200);
		} finally {
			await emulator.close();
		}
	});

	it('runs a dependsOn chain of 20 one step after another: 20 × 200, never more than 1 in flight', async () => {
		const { emulator, token } = await emulatorWith({ batchModel: 'allAtOnce' });
		try {
			const answer = await batch(emulator, token, patches(emulator, true));
			expect(statuses(answer)).toEqual(Array(20).fill(200));
			expect(emulator.maxInFlight(adele.id)).toBe(1);
			expect(throttledFor(emulator, adele.id)).toBe(0);
			const subs = emulator.requests.filter((record) => record.batchRequestId !== undefined);
			subs.slice(1).forEach((record, index) => expect(record.startedAt).toBeGreaterThanOrEqual(subs[index].endedAt));
		} finally {
			await emulator.close();
		}
	});

	it('runs sub-requests for different mailboxes side by side, each mailbox with its own 4 slots', async () => {
		const { emulator, token } = await emulatorWith({ batchModel: 'allAtOnce' });
		try {
			const requests = [adele, alex].flatMap((user, owner) =>
				messageIds(emulator, user.id)
					.slice(0, 5)
					.map((messageId, index) => ({ id: `${owner}-${index}`, method: 'GET', url: `/users/${user.id}/messages/${messageId}?$select=id` })),
			);
			const answer = await batch(emulator, token, requests);
			for (const owner of [0, 1]) {
				expect([0, 1, 2, 3, 4].map((index) => responseOf(answer, `${owner}-${index}`).status)).toEqual([200, 200, 200, 200, 429]);
			}
			expect([emulator.maxInFlight(adele.id), emulator.maxInFlight(alex.id)]).toEqual([4, 4]);
			expect([throttledFor(emulator, adele.id), throttledFor(emulator, alex.id)]).toEqual([1, 1]);
		} finally {
			await emulator.close();
		}
	});
});

describe.each<BatchModel>(['documented', 'allAtOnce'])('$batch model %s: dependencies', (batchModel) => {
	it('answers 424 FailedDependency, without running them, to the steps after a failed one in a chain', async () => {
		const { emulator, token } = await emulatorWith({ batchModel });
		try {
			const [first, second, third] = messageIds(emulator);
			const answer = await batch(emulator, token, [
				{ id: '1', method: 'GET', url: `/users/${upn}/messages/${first}?$select=nope` },
				{ id: '2', method: 'PATCH', url: `/users/${upn}/messages/${second}`, headers: { 'Content-Type': 'application/json' }, body: { isRead: true }, dependsOn: ['1'] },
				{ id: '3', method: 'PATCH', url: `/users/${upn}/messages/${third}`, headers: { 'Content-Type': 'application/json' }, body: { isRead: true }, dependsOn: ['2'] },
			]);
			expect(statuses(answer)).toEqual([400, 424, 424]);
			expect((responseOf(answer, '2').body as GraphErrorBody).error).toMatchObject({ code: 'FailedDependency' });
			expect([second, third].map((id) => emulator.store.updateCount(id))).toEqual([0, 0]);
			expect(emulator.maxInFlight(adele.id)).toBe(1);
		} finally {
			await emulator.close();
		}
	});
});
