import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../../helpers/outlook';
import { addRule, rulesUrl } from './fixtures';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const { adele, alex } = SAMPLE.users;

describe('rule > getMany', () => {
	it('lists the rules in sequence with one request, without OData annotations, up to the limit', async () => {
		const second = addRule(emulator, adele.id, 'Second', 2);
		const first = addRule(emulator, adele.id, 'First', 1, false);
		addRule(emulator, adele.id, 'Third', 3);
		const run = await runOutlook(emulator, { resource: 'rule', operation: 'getMany', returnAll: false, limit: 2 });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${rulesUrl()}`]);
		expect(run.items.map((item) => item.json)).toEqual([
			{ id: first.id, displayName: 'First', sequence: 1, isEnabled: false, hasError: false, isReadOnly: false, conditions: { senderContains: ['NORTHWIND'] }, actions: { markAsRead: true } },
			{ id: second.id, displayName: 'Second', sequence: 2, isEnabled: true, hasError: false, isReadOnly: false, conditions: { senderContains: ['NORTHWIND'] }, actions: { markAsRead: true } },
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('gives the missing permission (MailboxSettings.Read) in the error, and the other mailboxes go on under continue-on-fail', async () => {
		addRule(emulator, alex.id, 'Alex rule');
		const run = await runOutlook(
			emulator,
			{ resource: 'rule', operation: 'getMany', mailbox: '={{ $json.mailbox }}', returnAll: true },
			[{ mailbox: 'nobody@contoso.onmicrosoft.com' }, { mailbox: alex.userPrincipalName }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.displayName ?? item.json.error)).toEqual([expect.stringMatching(/^ErrorInvalidUser: .* — Mailbox "nobody@contoso.onmicrosoft.com" was not found/), 'Alex rule']);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const readOnly = await runOutlook(emulator, { resource: 'rule', operation: 'getMany', returnAll: true }, [{}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(readOnly.items[0].json.error).toMatch(/^ErrorAccessDenied: .* — The app lacks the application permission MailboxSettings\.Read/);
	});
});
