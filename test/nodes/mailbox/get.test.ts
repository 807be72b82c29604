import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele, noMailbox } = SAMPLE.users;
const { sales, lukas } = SAMPLE.mailboxes;

describe('mailbox > get', () => {
	it("returns the user and its mailbox settings, both read in one $batch request", async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'get', mailbox: lukas.userPrincipalName });
		expect(run.error).toBeUndefined();
		const settings = emulator.store.mailboxSettings(lukas.id);
		expect(run.items.map((item) => item.json)).toEqual([
			{
				id: lukas.id,
				userPrincipalName: lukas.userPrincipalName,
				mail: lukas.mail,
				displayName: lukas.displayName,
				purpose: 'user',
				timeZone: settings.timeZone,
				language: settings.language,
				dateFormat: settings.dateFormat,
				timeFormat: settings.timeFormat,
				workingHours: settings.workingHours,
			},
		]);
		expect(run.items[0].json.language).toMatchObject({ locale: 'de-DE' });
		expect([...run.graphCalls].sort()).toEqual(
			[
				`GET /v1.0/users/${encodeURIComponent(lukas.userPrincipalName)}?$select=id%2CuserPrincipalName%2Cmail%2CdisplayName`,
				`GET /v1.0/users/${encodeURIComponent(lukas.userPrincipalName)}/mailboxSettings`,
			].sort(),
		);
		expect(emulator.requests.filter((request) => request.kind === 'batch')).toHaveLength(1);
	});

	it("gets the credential's default mailbox when Mailbox is empty, and a shared mailbox's purpose", async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'get', mailbox: '={{ $json.mailbox }}' }, [{ mailbox: '' }, { mailbox: sales.id }]);
		expect(run.items.map((item) => [item.json.id, item.json.purpose])).toEqual([
			[adele.id, 'user'],
			[sales.id, 'shared'],
		]);
	});

	it('fails only the item of a user without a mailbox, under continue-on-fail', async () => {
		const run = await runOutlook(emulator, { resource: 'mailbox', operation: 'get', mailbox: '={{ $json.mailbox }}' }, [{ mailbox: noMailbox.id }, { mailbox: adele.id }], {
			continueOnFail: true,
		});
		expect(run.items[0].json.error).toMatch(/^MailboxNotEnabledForRESTAPI: /);
		expect(run.items[1].json.id).toBe(adele.id);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
