import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;
const ALEX = SAMPLE.users.alex;
const base = { resource: 'mailboxSettings', operation: 'updateAutomaticReplies' };
const graphBodies = () => emulator.requests.filter((request) => request.kind === 'graph').map((request) => request.body);

describe('mailboxSettings > updateAutomaticReplies', () => {
	it('schedules replies in the chosen time zone, internal and external, and outputs the setting Exchange keeps (in UTC)', async () => {
		const run = await runOutlook(emulator, {
			...base,
			status: 'scheduled',
			start: '2099-07-01T09:00:00',
			end: '2099-07-15T17:30:00',
			timeZone: 'w. europe standard time',
			internalReply: '<p>On leave until 15 July.</p>',
			externalAudience: 'all',
			externalReply: '<p>On leave; write to sales@contoso.com.</p>',
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`PATCH ${mailboxUrl()}/mailboxSettings`]);
		expect(graphBodies()).toEqual([
			{
				automaticRepliesSetting: {
					status: 'scheduled',
					externalAudience: 'all',
					internalReplyMessage: '<p>On leave until 15 July.</p>',
					externalReplyMessage: '<p>On leave; write to sales@contoso.com.</p>',
					scheduledStartDateTime: { dateTime: '2099-07-01T09:00:00', timeZone: 'W. Europe Standard Time' },
					scheduledEndDateTime: { dateTime: '2099-07-15T17:30:00', timeZone: 'W. Europe Standard Time' },
				},
			},
		]);
		expect(run.items).toEqual([
			{
				json: {
					status: 'scheduled',
					externalAudience: 'all',
					scheduledStartDateTime: { dateTime: '2099-07-01T07:00:00.0000000', timeZone: 'UTC' },
					scheduledEndDateTime: { dateTime: '2099-07-15T15:30:00.0000000', timeZone: 'UTC' },
					internalReplyMessage: '<p>On leave until 15 July.</p>',
					externalReplyMessage: '<p>On leave; write to sales@contoso.com.</p>',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator.store.mailboxSettings(ADELE).automaticRepliesSetting.status).toBe('scheduled');
	});

	it('reads a date-time with an offset as that instant, in the workflow time zone when Time Zone is empty', async () => {
		const run = await runOutlook(emulator, {
			...base,
			status: 'scheduled',
			start: '2099-01-10T08:00:00Z',
			end: '2099-01-12T08:00:00+01:00',
			internalReply: 'Away',
		});
		expect(run.error).toBeUndefined();
		// n8n's default workflow time zone is America/New_York.
		expect(graphBodies()[0]).toEqual({
			automaticRepliesSetting: {
				status: 'scheduled',
				externalAudience: 'none',
				internalReplyMessage: 'Away',
				scheduledStartDateTime: { dateTime: '2099-01-10T03:00:00', timeZone: 'America/New_York' },
				scheduledEndDateTime: { dateTime: '2099-01-12T02:00:00', timeZone: 'America/New_York' },
			},
		});
	});

	it('turns replies on for every sender, or off, for each item its own mailbox, sending only the status to turn off', async () => {
		const run = await runOutlook(
			emulator,
			{ ...base, mailbox: '={{ $json.mailbox }}', status: '={{ $json.status }}', internalReply: 'Out of office' },
			[{ mailbox: SAMPLE.users.adele.userPrincipalName, status: 'alwaysEnabled' }, { mailbox: ALEX.userPrincipalName, status: 'disabled' }],
		);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls.sort()).toEqual([`PATCH ${mailboxUrl()}/mailboxSettings`, `PATCH ${mailboxUrl(ALEX.userPrincipalName)}/mailboxSettings`].sort());
		const bodyFor = (mailbox: string) => emulator.requests.find((request) => request.kind === 'graph' && request.rawUrl.includes(encodeURIComponent(mailbox)))?.body;
		expect(bodyFor(SAMPLE.users.adele.userPrincipalName)).toEqual({
			automaticRepliesSetting: { status: 'alwaysEnabled', externalAudience: 'none', internalReplyMessage: 'Out of office' },
		});
		expect(bodyFor(ALEX.userPrincipalName)).toEqual({ automaticRepliesSetting: { status: 'disabled' } });
		expect(run.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['alwaysEnabled', { item: 0 }],
			['disabled', { item: 1 }],
		]);
		expect(emulator.store.mailboxSettings(ADELE).automaticRepliesSetting.internalReplyMessage).toBe('Out of office');
	});

	it.each([
		['an end before the start', { start: '2099-07-15T09:00:00', end: '2099-07-01T09:00:00', timeZone: 'UTC' }, 'End: automatic replies must end after they start (Start 2099-07-15T09:00:00, End 2099-07-01T09:00:00)'],
		['an end already passed', { start: '2020-01-01T09:00:00', end: '2020-01-05T09:00:00', timeZone: 'UTC' }, 'End: 2020-01-05T09:00:00 (UTC) has passed; Exchange schedules automatic replies only for a future date range'],
		['a time zone Exchange does not know', { start: '2099-07-01T09:00:00', end: '2099-07-02T09:00:00', timeZone: 'Central Europe Time' }, 'Time Zone: "Central Europe Time" is not a time zone Exchange knows: use a Windows time zone ID such as "W. Europe Standard Time", an IANA name such as "Europe/Berlin", or UTC'],
		['no end', { start: '2099-07-01T09:00:00', end: '', timeZone: 'UTC' }, 'End: Scheduled automatic replies need a start and an end'],
		['a start that is no date', { start: 'next Monday', end: '2099-07-02T09:00:00', timeZone: 'UTC' }, 'Start: "next Monday" is not a date and time (use ISO 8601, such as 2024-06-01T09:00:00Z)'],
	])('fails the item with %s before sending, and the other items go on under continue-on-fail', async (_case, schedule, message) => {
		const run = await runOutlook(
			emulator,
			{ ...base, status: 'scheduled', start: '={{ $json.start }}', end: '={{ $json.end }}', timeZone: '={{ $json.timeZone }}', internalReply: 'Away' },
			[schedule, { start: '2099-07-01T09:00:00', end: '2099-07-02T09:00:00', timeZone: 'UTC' }],
			{ continueOnFail: true },
		);
		expect(run.items[0]).toEqual({ json: { error: message }, pairedItem: { item: 0 } });
		expect(run.items[1].json.status).toBe('scheduled');
		expect(run.graphCalls).toEqual([`PATCH ${mailboxUrl()}/mailboxSettings`]);
	});

	it('names MailboxSettings.ReadWrite when the app may only read mail, item by item under continue-on-fail', async () => {
		const run = await runOutlook(emulator, { ...base, status: 'alwaysEnabled', internalReply: 'Away' }, [{}, {}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(run.items).toHaveLength(2);
		for (const [index, item] of run.items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(String(item.json.error)).toMatch(/^ErrorAccessDenied: .*the application permission MailboxSettings\.ReadWrite/);
		}
		expect(emulator.store.mailboxSettings(ADELE).automaticRepliesSetting.status).toBe('disabled');
	});
});
