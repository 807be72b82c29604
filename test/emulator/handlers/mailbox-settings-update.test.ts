import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, folderMessages, graph, testClock, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const clock = testClock(Date.UTC(2026, 2, 10, 12, 0, 0));
const adele = SAMPLE.users.adele;
const alex = SAMPLE.users.alex;
const settings = `${userPath()}/mailboxSettings`;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
});
afterAll(async () => await emulator.close());
beforeEach(async () => {
	emulator.reset();
	clock.set(Date.UTC(2026, 2, 10, 12, 0, 0));
	token = await accessToken(emulator);
});

const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const patch = (body: unknown, path = settings) => graph(emulator, path, { token, method: 'PATCH', body });
const scheduled = (start: string, end: string, timeZone = 'UTC') => ({
	automaticRepliesSetting: { status: 'Scheduled', scheduledStartDateTime: { dateTime: start, timeZone }, scheduledEndDateTime: { dateTime: end, timeZone } },
});

describe('PATCH mailboxSettings', () => {
	it('schedules automatic replies and answers the setting it changed, whole, with the reply texts kept (Graph\'s example 1)', async () => {
		await patch({ automaticRepliesSetting: { internalReplyMessage: '<p>Away</p>', externalReplyMessage: '<p>Away (external)</p>' } });
		const answer = await patch({ '@odata.context': 'ignored', ...scheduled('2026-03-20T18:00:00.0000000', '2026-03-28T18:00:00.0000000') });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#users('${encodeURIComponent(adele.userPrincipalName)}')/mailboxSettings`,
			automaticRepliesSetting: {
				status: 'scheduled',
				externalAudience: 'all',
				scheduledStartDateTime: { dateTime: '2026-03-20T18:00:00.0000000', timeZone: 'UTC' },
				scheduledEndDateTime: { dateTime: '2026-03-28T18:00:00.0000000', timeZone: 'UTC' },
				internalReplyMessage: '<p>Away</p>',
				externalReplyMessage: '<p>Away (external)</p>',
			},
		});
		expect(emulator.store.mailboxSettings(adele.id).automaticRepliesSetting.status).toBe('scheduled');
	});

	it('keeps the scheduled times in UTC, converted from the time zone they were given in', async () => {
		const answer = await patch(scheduled('2026-07-01T09:00:00', '2026-07-15T17:30:00', 'W. Europe Standard Time'));
		expect(answer.body).toMatchObject({
			automaticRepliesSetting: {
				scheduledStartDateTime: { dateTime: '2026-07-01T07:00:00.0000000', timeZone: 'UTC' },
				scheduledEndDateTime: { dateTime: '2026-07-15T15:30:00.0000000', timeZone: 'UTC' },
			},
		});
	});

	it.each([
		['an end before the start', scheduled('2026-03-28T18:00:00', '2026-03-20T18:00:00')],
		['an end in the past', scheduled('2026-03-01T00:00:00', '2026-03-05T00:00:00')],
		['no end of its own (the stored one is long past)', { automaticRepliesSetting: { status: 'scheduled', scheduledStartDateTime: { dateTime: '2026-03-20T18:00:00', timeZone: 'UTC' } } }],
	])('refuses a scheduled reply with %s: ErrorInvalidScheduledOofDuration', async (_case, body) => {
		const answer = await patch(body);
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({ code: 'ErrorInvalidScheduledOofDuration', message: "The scheduled duration for sending automatic replies isn't valid." });
		expect(emulator.store.mailboxSettings(adele.id).automaticRepliesSetting.status).toBe('disabled');
	});

	it('turns replies on for good and off again, with an external audience', async () => {
		expect((await patch({ automaticRepliesSetting: { status: 'alwaysEnabled', externalAudience: 'contactsOnly' } })).body).toMatchObject({
			automaticRepliesSetting: { status: 'alwaysEnabled', externalAudience: 'contactsOnly' },
		});
		expect((await patch({ automaticRepliesSetting: { status: 'disabled' } })).body).toMatchObject({ automaticRepliesSetting: { status: 'disabled' } });
	});

	it("refuses an audience or a status that is not Graph's", async () => {
		expect(errorOf(await patch({ automaticRepliesSetting: { externalAudience: 'everyone' } })).message).toBe("Requested value 'everyone' was not found.");
		expect(errorOf(await patch({ automaticRepliesSetting: { status: 'on' } })).code).toBe('RequestBodyRead');
	});

	it('sets the time zone (Windows or IANA), the language and the working hours, answering just those', async () => {
		const answer = await patch({
			timeZone: 'w. europe standard time',
			language: { locale: 'de-DE' },
			workingHours: { daysOfWeek: ['Monday', 'Tuesday'], startTime: '09:00', endTime: '18:30:00.0000000', timeZone: { name: 'Europe/Berlin' } },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': expect.any(String),
			timeZone: 'W. Europe Standard Time',
			language: { locale: 'de-DE', displayName: 'German (Germany)' },
			workingHours: { daysOfWeek: ['monday', 'tuesday'], startTime: '09:00:00.0000000', endTime: '18:30:00.0000000', timeZone: { name: 'Europe/Berlin' } },
		});
		expect((await graph(emulator, settings, { token })).body).toMatchObject({ timeZone: 'W. Europe Standard Time', dateFormat: 'M/d/yyyy' });
	});

	it.each([
		['an unknown time zone', { timeZone: 'Mars Standard Time' }, 'InvalidTimeZone', 'Time Zone settings provided are invalid.'],
		['working hours in an unknown time zone', { workingHours: { timeZone: { name: 'Nowhere' } } }, 'InvalidTimeZone', 'Time Zone settings provided are invalid.'],
		['a scheduled reply in an unknown time zone', scheduled('2026-03-20T18:00:00', '2026-03-28T18:00:00', 'Moon Time'), 'InvalidTimeZone', 'Time Zone settings provided are invalid.'],
		['a start time that is no time', { workingHours: { startTime: '08' } }, 'RequestBodyRead', "Cannot convert the literal '08' to the expected type 'Edm.TimeOfDay'."],
		['a start after the end', { workingHours: { startTime: '18:00', endTime: '09:00' } }, 'ErrorInvalidTimeSettings', 'Start Time should occur before End Time.'],
		['a day that is no day', { workingHours: { daysOfWeek: ['Monday', 'RandomDay'] } }, 'InvalidArguments', "Requested value 'RandomDay' was not found."],
		['a language that is no culture', { language: { locale: 'klingon' } }, 'ErrorUnsupportedCulture', "The culture 'klingon' isn't supported."],
		['a setting Graph computes', { userPurpose: 'shared' }, 'ErrorInvalidProperty', "The property 'userPurpose' is read-only and cannot be set."],
		['a property mailboxSettings does not have', { signature: 'x' }, 'RequestBodyRead', "The property 'signature' does not exist on type 'microsoft.graph.mailboxSettings'. Make sure to only use property names that are defined by the type or mark the type as open type."],
	])('refuses %s with 400 and its error (Graph documents those of time zones and working hours)', async (_case, body, code, message) => {
		const answer = await patch(body);
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({ code, message });
	});

	it('needs MailboxSettings.ReadWrite: a Mail.ReadWrite-only app gets 403', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		expect((await graph(emulator, settings, { token: readOnly, method: 'PATCH', body: { timeZone: 'UTC' } })).status).toBe(403);
	});
});

describe('automatic replies at work', () => {
	const sendToAdele = async (subject: string) => {
		const answer = await graph(emulator, `${userPath(alex)}/sendMail`, {
			token,
			method: 'POST',
			body: { message: { subject, body: { contentType: 'Text', content: 'Hi' }, toRecipients: [{ emailAddress: { address: adele.mail } }] } },
		});
		expect(answer.status).toBe(202);
	};
	const repliesTo = (subject: string) => folderMessages(emulator, alex.id, 'inbox').filter((message) => message.subject === `Automatic reply: ${subject}`);

	it('answers a sender once while the schedule runs, with the internal reply, and not before it starts', async () => {
		await patch({ automaticRepliesSetting: { internalReplyMessage: '<p>Back on Monday</p>', ...scheduled('2026-03-11T00:00:00', '2026-03-20T00:00:00').automaticRepliesSetting } });
		await sendToAdele('Before');
		expect(repliesTo('Before')).toEqual([]);
		clock.set(Date.UTC(2026, 2, 12));
		token = await accessToken(emulator);
		await sendToAdele('During');
		await sendToAdele('Again');
		expect(repliesTo('During')).toHaveLength(1);
		expect(repliesTo('During')[0].body.content).toContain('Back on Monday');
		expect(repliesTo('During')[0].from?.emailAddress.address).toBe(adele.mail);
		expect(repliesTo('Again')).toEqual([]);
	});

	it('shows the automatic reply as a MailTip while it is on', async () => {
		await patch({ automaticRepliesSetting: { status: 'alwaysEnabled', internalReplyMessage: 'Out until May' } });
		const tips = await graph(emulator, `${userPath(alex)}/getMailTips`, { token, method: 'POST', body: { EmailAddresses: [adele.mail], MailTipsOptions: 'automaticReplies' } });
		expect(as<GraphCollection>(tips).value[0]).toEqual({
			emailAddress: { name: '', address: adele.mail },
			automaticReplies: { message: 'Out until May', messageLanguage: { locale: 'en-US', displayName: 'English (United States)' } },
		});
	});

	it("gives a scheduled reply's times in the MailTip", async () => {
		await patch({ automaticRepliesSetting: { internalReplyMessage: 'Away', ...scheduled('2026-03-10T00:00:00', '2026-03-20T00:00:00').automaticRepliesSetting } });
		const tips = await graph(emulator, `${userPath(alex)}/getMailTips`, { token, method: 'POST', body: { EmailAddresses: [adele.mail], MailTipsOptions: 'automaticReplies' } });
		expect(as<GraphCollection>(tips).value[0].automaticReplies).toMatchObject({
			message: 'Away',
			scheduledStartTime: { dateTime: '2026-03-10T00:00:00.0000000', timeZone: 'UTC' },
			scheduledEndTime: { dateTime: '2026-03-20T00:00:00.0000000', timeZone: 'UTC' },
		});
	});
});
