import { SAMPLE, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'mailboxSettings', operation: 'get' };

describe('mailboxSettings > get', () => {
	it('outputs the mailbox settings without OData annotations, with one GET', async () => {
		const run = await runOutlook(emulator, base);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/mailboxSettings`]);
		expect(run.items).toEqual([
			{
				json: {
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
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('reads each item its own mailbox, and fails only the one without a mailbox under continue-on-fail', async () => {
		const run = await runOutlook(
			emulator,
			{ ...base, mailbox: '={{ $json.mailbox }}' },
			[{ mailbox: SAMPLE.users.noMailbox.userPrincipalName }, { mailbox: SAMPLE.mailboxes.sales.userPrincipalName }],
			{ continueOnFail: true },
		);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toMatch(/^MailboxNotEnabledForRESTAPI: .*has no Exchange Online mailbox/);
		expect(run.items[1]).toMatchObject({ json: { userPurpose: 'shared' }, pairedItem: { item: 1 } });
		expect(run.graphCalls.sort()).toEqual(
			[SAMPLE.users.noMailbox.userPrincipalName, SAMPLE.mailboxes.sales.userPrincipalName].map((upn) => `GET ${mailboxUrl(upn)}/mailboxSettings`).sort(),
		);
	});
});
