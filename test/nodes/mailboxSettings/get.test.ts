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
		const stored = emulator.store.mailboxSettings(SAMPLE.users.adele.id);
		expect(stored.timeZone).toBe('Pacific Standard Time');
		expect(run.items).toEqual([
			{ json: { archiveFolder: emulator.store.folder(SAMPLE.users.adele.id, 'archive').id, ...stored }, pairedItem: { item: 0 } },
		]);
		expect(Object.keys(run.items[0].json).sort()).toEqual(
			['archiveFolder', 'automaticRepliesSetting', 'dateFormat', 'delegateMeetingMessageDeliveryOptions', 'language', 'timeFormat', 'timeZone', 'userPurpose', 'workingHours'],
		);
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
