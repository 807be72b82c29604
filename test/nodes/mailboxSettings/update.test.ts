import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const base = { resource: 'mailboxSettings', operation: 'update' };
const graphBodies = () => emulator.requests.filter((request) => request.kind === 'graph').map((request) => request.body);

describe('mailboxSettings > update', () => {
	it('sets time zone, language and the whole working hours in one PATCH, and outputs what Graph answered', async () => {
		const run = await runOutlook(emulator, {
			...base,
			updateFields: {
				timeZone: 'w. europe standard time',
				language: 'de-de',
				workingDays: ['monday', 'tuesday', 'thursday'],
				workingHoursStart: '8:30',
				workingHoursEnd: '16:00',
				workingHoursTimeZone: 'Europe/Berlin',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${mailboxUrl()}/mailboxSettings`]);
		expect(graphBodies()).toEqual([
			{
				timeZone: 'W. Europe Standard Time',
				language: { locale: 'de-DE' },
				workingHours: {
					daysOfWeek: ['monday', 'tuesday', 'thursday'],
					startTime: '08:30:00',
					endTime: '16:00:00',
					timeZone: { name: 'Europe/Berlin' },
				},
			},
		]);
		expect(run.items).toEqual([
			{
				json: {
					timeZone: 'W. Europe Standard Time',
					language: { locale: 'de-DE', displayName: 'German (Germany)' },
					workingHours: {
						daysOfWeek: ['monday', 'tuesday', 'thursday'],
						startTime: '08:30:00.0000000',
						endTime: '16:00:00.0000000',
						timeZone: { name: 'Europe/Berlin' },
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator.store.mailboxSettings(ADELE).timeZone).toBe('W. Europe Standard Time');
	});

	it('reads the current working hours first when only some are given, and sends them whole', async () => {
		const run = await runOutlook(emulator, { ...base, updateFields: { workingHoursEnd: '18:00' } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailboxSettings/workingHours`, `PATCH ${mailboxUrl()}/mailboxSettings`]);
		expect(graphBodies()[1]).toEqual({
			workingHours: {
				daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
				startTime: '08:00:00',
				endTime: '18:00:00',
				timeZone: { name: 'Pacific Standard Time' },
			},
		});
		expect(emulator.store.mailboxSettings(ADELE).workingHours.endTime).toBe('18:00:00.0000000');
	});

	it.each([
		[{ timeZone: 'Berlin' }, 'Time Zone: "Berlin" is not a time zone Exchange knows: use a Windows time zone ID such as "W. Europe Standard Time", an IANA name such as "Europe/Berlin", or UTC'],
		[{ language: 'German' }, 'Language: "German" is not a language tag such as "en-US" or "de-DE"'],
		[{ workingHoursStart: '8am' }, 'Working Hours Start: "8am" is not a time of day such as 08:30 or 17:00'],
		[{ workingDays: 'monday, funday' }, 'Working Days: "funday" is not a day of the week (sunday to saturday)'],
		[{}, 'Add at least one field to change'],
	])('fails the item before sending for %j, naming the field', async (updateFields, message) => {
		const run = await runOutlook(emulator, { ...base, updateFields }, [{}], { continueOnFail: true });
		expect(run.items).toEqual([{ json: { error: message }, pairedItem: { item: 0 } }]);
		expect(run.graphCalls).toEqual([]);
	});

	it('fails working hours that would end before they start (with the stored start), after reading them', async () => {
		const run = await runOutlook(emulator, { ...base, updateFields: { workingHoursEnd: '07:00' } }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe(
			"Working Hours End must be after Working Hours Start (08:00 to 07:00): Outlook's working hours do not cross midnight",
		);
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailboxSettings/workingHours`]);
	});

	it('names MailboxSettings.ReadWrite when the app holds only MailboxSettings.Read, under continue-on-fail', async () => {
		const run = await runOutlook(emulator, { ...base, updateFields: { timeZone: 'UTC' } }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.mailboxReader.clientId, clientSecret: SAMPLE.apps.mailboxReader.secret }),
		});
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toMatch(/^ErrorAccessDenied: .*the application permission MailboxSettings\.ReadWrite/);
		expect(emulator.store.mailboxSettings(ADELE).timeZone).toBe('Pacific Standard Time');
	});
});
