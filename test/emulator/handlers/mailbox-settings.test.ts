import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

describe('mailbox settings', () => {
	it("returns every setting as Graph shapes mailboxSettings, archiveFolder being the mailbox's Archive folder", async () => {
		const answer = await graph(emulator, `${userPath()}/mailboxSettings`, { token });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}')/mailboxSettings`,
			archiveFolder: emulator.store.folder(SAMPLE.users.adele.id, 'archive').id,
			timeZone: 'Pacific Standard Time',
			delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
			dateFormat: 'M/d/yyyy',
			timeFormat: 'h:mm tt',
			userPurpose: 'user',
			automaticRepliesSetting: {
				status: 'disabled',
				externalAudience: 'all',
				scheduledStartDateTime: { dateTime: '2024-06-28T09:00:00.0000000', timeZone: 'UTC' },
				scheduledEndDateTime: { dateTime: '2024-06-29T09:00:00.0000000', timeZone: 'UTC' },
				internalReplyMessage: '',
				externalReplyMessage: '',
			},
			language: { locale: 'en-US', displayName: 'English (United States)' },
			workingHours: {
				daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
				startTime: '08:00:00.0000000',
				endTime: '17:00:00.0000000',
				timeZone: { name: 'Pacific Standard Time' },
			},
		});
		expect(emulator.requests.at(-1)?.mailbox).toBe(SAMPLE.users.adele.id);
	});

	it('answers the purpose of shared, room and equipment mailboxes, and a seeded time zone and language', async () => {
		const purposes = [];
		for (const user of [SAMPLE.mailboxes.sales, SAMPLE.mailboxes.boardroom, SAMPLE.mailboxes.projector, SAMPLE.mailboxes.former]) {
			const answer = await graph(emulator, `/v1.0/users/${user.id}/mailboxSettings/userPurpose`, { token });
			purposes.push((answer.body as { value: string }).value);
		}
		expect(purposes).toEqual(['shared', 'room', 'equipment', 'user']);
		const lukas = await graph(emulator, `${userPath(SAMPLE.mailboxes.lukas)}/mailboxSettings`, { token });
		expect(lukas.body).toMatchObject({ timeZone: 'W. Europe Standard Time', language: { locale: 'de-DE', displayName: 'German (Germany)' }, dateFormat: 'dd.MM.yyyy' });
	});

	it('serves one setting alone: a string as value, a complex setting as an object', async () => {
		const purpose = await graph(emulator, `/v1.0/users/${SAMPLE.mailboxes.sales.id}/mailboxSettings/userPurpose`, { token });
		expect(purpose.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('${SAMPLE.mailboxes.sales.id}')/mailboxSettings/userPurpose`,
			value: 'shared',
		});
		const language = await graph(emulator, `${userPath()}/mailboxSettings/language`, { token });
		expect(language.body).toMatchObject({ locale: 'en-US', displayName: 'English (United States)' });
		expect((language.body as Record<string, string>)['@odata.context']).toMatch(/\/mailboxSettings\/language$/);
	});

	it('reads what the store holds, so a change to the stored settings shows at once', async () => {
		emulator.store.updateMailboxSettings(SAMPLE.users.alex.id, { timeZone: 'UTC', userPurpose: 'shared' });
		const answer = await graph(emulator, `${userPath(SAMPLE.users.alex)}/mailboxSettings`, { token });
		expect(answer.body).toMatchObject({ timeZone: 'UTC', userPurpose: 'shared' });
	});

	it('ignores $select, answering every setting as Graph does today, but refuses a property mailboxSettings does not have', async () => {
		const answer = await graph(emulator, `${userPath()}/mailboxSettings?$select=userPurpose`, { token });
		expect(answer.status).toBe(200);
		expect(Object.keys(answer.body as object)).toEqual([
			'@odata.context',
			'archiveFolder',
			'timeZone',
			'delegateMeetingMessageDeliveryOptions',
			'dateFormat',
			'timeFormat',
			'userPurpose',
			'automaticRepliesSetting',
			'language',
			'workingHours',
		]);
		expect((await graph(emulator, `${userPath()}/mailboxSettings?$select=userPurpose,colour`, { token })).status).toBe(400);
	});

	it('brings the settings along with GET /users/{id}?$select=mailboxSettings, needing MailboxSettings.Read', async () => {
		const answer = await graph(emulator, `${userPath()}?$select=id,mailboxSettings`, { token });
		expect(answer.body).toMatchObject({ id: SAMPLE.users.adele.id, mailboxSettings: { userPurpose: 'user', timeZone: 'Pacific Standard Time' } });
		const noSettings = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await graph(emulator, `${userPath()}?$select=id,mailboxSettings`, { token: noSettings })).status).toBe(403);
		const none = await graph(emulator, `${userPath(SAMPLE.users.noMailbox)}?$select=id,mailboxSettings`, { token });
		expect(as<GraphErrorBody>(none).error.code).toBe('MailboxNotEnabledForRESTAPI');
		const listed = await graph(emulator, '/v1.0/users?$select=id,mailboxSettings', { token });
		expect(listed.status).toBe(400);
	});

	it('answers MailboxNotEnabledForRESTAPI for a user without a mailbox, also one with a mail address', async () => {
		for (const user of [SAMPLE.users.noMailbox, SAMPLE.mailboxes.mailOnly]) {
			const answer = await graph(emulator, `${userPath(user)}/mailboxSettings`, { token });
			expect(answer.status).toBe(404);
			expect(as<GraphErrorBody>(answer).error.code).toBe('MailboxNotEnabledForRESTAPI');
		}
	});

	it('needs MailboxSettings.Read: a mail-only app gets Exchange\'s 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, `${userPath()}/mailboxSettings`, { token: readOnly });
		expect(answer.status).toBe(403);
		expect(as<GraphErrorBody>(answer).error.code).toBe('ErrorAccessDenied');
		const reader = await accessToken(emulator, SAMPLE.apps.mailboxReader);
		expect((await graph(emulator, `${userPath()}/mailboxSettings?$select=userPurpose`, { token: reader })).status).toBe(200);
	});

	it('answers each mailbox of a $batch of mailboxSettings?$select=userPurpose on its own', async () => {
		const users = [SAMPLE.users.adele, SAMPLE.users.noMailbox, SAMPLE.mailboxes.sales, SAMPLE.mailboxes.boardroom];
		const answer = await graph(emulator, '/v1.0/$batch', {
			token,
			method: 'POST',
			body: { requests: users.map((user, index) => ({ id: String(index + 1), method: 'GET', url: `/users/${user.id}/mailboxSettings?$select=userPurpose` })) },
		});
		const responses = (answer.body as { responses: { id: string; status: number; body: { userPurpose?: string; error?: { code: string } } }[] }).responses;
		const byId = new Map(responses.map((response) => [response.id, response]));
		expect([1, 2, 3, 4].map((id) => byId.get(String(id))?.status)).toEqual([200, 404, 200, 200]);
		expect(byId.get('2')?.body.error?.code).toBe('MailboxNotEnabledForRESTAPI');
		expect([1, 3, 4].map((id) => byId.get(String(id))?.body.userPurpose)).toEqual(['user', 'shared', 'room']);
	});
});
