import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const base = { resource: 'mailTips', operation: 'get' };
const { alex } = SAMPLE.users;
const sales = SAMPLE.mailboxes.sales;
const graphBodies = () => emulator.requests.filter((request) => request.kind === 'graph').map((request) => request.body);

describe('mailTips > get', () => {
	it('asks for the chosen tips of every recipient in one POST and outputs one item per recipient', async () => {
		emulator.store.updateMailboxSettings(alex.id, {
			automaticRepliesSetting: { ...emulator.store.mailboxSettings(alex.id).automaticRepliesSetting, status: 'alwaysEnabled', internalReplyMessage: 'On leave' },
		});
		emulator.store.mailTips.set(sales.id, { mailboxFull: true, isModerated: true, deliveryRestricted: true, maxMessageSize: 10485760 });
		const run = await runOutlook(emulator, {
			...base,
			recipients: `${alex.userPrincipalName}; Sales <${sales.userPrincipalName}>, partner@fabrikam.com, alexw@CONTOSO.onmicrosoft.com`,
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/getMailTips`]);
		expect(graphBodies()).toEqual([
			{
				EmailAddresses: [alex.userPrincipalName, sales.userPrincipalName, 'partner@fabrikam.com'],
				MailTipsOptions: 'automaticReplies, deliveryRestriction, externalMemberCount, mailboxFullStatus, maxMessageSize, moderationStatus, recipientScope',
			},
		]);
		const internal = { externalMemberCount: 0, recipientScope: 'internal' };
		expect(run.items).toEqual([
			{
				json: {
					emailAddress: { name: '', address: alex.userPrincipalName },
					automaticReplies: { message: 'On leave', messageLanguage: { locale: 'en-US', displayName: 'English (United States)' } },
					mailboxFull: false,
					maxMessageSize: 37748736,
					deliveryRestricted: false,
					isModerated: false,
					...internal,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					emailAddress: { name: '', address: sales.userPrincipalName },
					automaticReplies: { message: '' },
					mailboxFull: true,
					maxMessageSize: 10485760,
					deliveryRestricted: true,
					isModerated: true,
					...internal,
				},
				pairedItem: { item: 0 },
			},
			{ json: { emailAddress: { name: '', address: 'partner@fabrikam.com' }, recipientScope: 'external' }, pairedItem: { item: 0 } },
		]);
	});

	it('splits more than 100 recipients over requests of 100, keeping their order', async () => {
		const addresses = Array.from({ length: 150 }, (_, index) => `person${index}@fabrikam.com`);
		const run = await runOutlook(emulator, { ...base, recipients: '={{ $json.to }}', tips: ['recipientScope'] }, [{ to: addresses }]);
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`POST ${mailboxUrl()}/getMailTips`, `POST ${mailboxUrl()}/getMailTips`]);
		expect(graphBodies().map((body) => (body as { EmailAddresses: string[] }).EmailAddresses)).toEqual([addresses.slice(0, 100), addresses.slice(100)]);
		expect(run.items.map((item) => (item.json.emailAddress as { address: string }).address)).toEqual(addresses);
	});

	it.each([
		['', 'Recipients: give at least one email address'],
		['adele@contoso, x', 'Recipients: "adele@contoso" is not an email address'],
	])('fails the item for recipients %j before sending', async (recipients, message) => {
		const run = await runOutlook(emulator, { ...base, recipients: '={{ $json.to }}' }, [{ to: recipients }], { continueOnFail: true });
		expect(run.items).toEqual([{ json: { error: message }, pairedItem: { item: 0 } }]);
		expect(run.graphCalls).toEqual([]);
	});

	it('names Mail.Read when the app may only send mail, for each item under continue-on-fail', async () => {
		const run = await runOutlook(emulator, { ...base, recipients: '={{ $json.to }}' }, [{ to: alex.userPrincipalName }, { to: sales.userPrincipalName }], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret }),
		});
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of run.items) expect(String(item.json.error)).toMatch(/^ErrorAccessDenied: .*the application permission Mail\.Read\b/);
	});
});
