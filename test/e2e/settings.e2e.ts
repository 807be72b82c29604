/**
 * Categories and mail tips in real n8n: the packed package installed as n8n installs it, a workflow run with
 * `n8n execute` against the emulator in this process (see actions.e2e.ts).
 */
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { nodeOutput } from './harness/n8n';
import { linearWorkflow, manualTrigger, outlook } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele, alex } = SAMPLE.users;

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await emulator?.close();
});

beforeEach(() => {
	emulator.reset();
});

describe('Mailbox Settings, Category and Mail Tips in n8n execute', () => {
	it('schedules automatic replies in a chosen time zone, then reads them back with Get', async () => {
		const workflow = linearWorkflow('e2eAutoReplies01', 'E2E scheduled automatic replies', [
			manualTrigger(),
			outlook('Schedule replies', {
				resource: 'mailboxSettings',
				operation: 'updateAutomaticReplies',
				status: 'scheduled',
				start: '2099-07-01T09:00:00',
				end: '2099-07-15T17:30:00',
				timeZone: 'W. Europe Standard Time',
				internalReply: '<p>On leave until 15 July.</p>',
				externalAudience: 'contactsOnly',
				externalReply: '<p>On leave.</p>',
			}),
			outlook('Read settings', { resource: 'mailboxSettings', operation: 'get' }),
		]);

		const n8n = await N8nCase.create('automatic-replies', emulator);
		const run = await n8n.run(workflow);

		const setting = {
			status: 'scheduled',
			externalAudience: 'contactsOnly',
			scheduledStartDateTime: { dateTime: '2099-07-01T07:00:00.0000000', timeZone: 'UTC' },
			scheduledEndDateTime: { dateTime: '2099-07-15T15:30:00.0000000', timeZone: 'UTC' },
			internalReplyMessage: '<p>On leave until 15 July.</p>',
			externalReplyMessage: '<p>On leave.</p>',
		};
		expect(nodeOutput(run, 'Schedule replies').map((item) => item.json)).toEqual([setting]);
		expect(nodeOutput(run, 'Read settings').map((item) => item.json.automaticRepliesSetting)).toEqual([setting]);
		expect(emulator.store.mailboxSettings(adele.id).automaticRepliesSetting).toEqual(setting);
	});

	it('creates a category by colour name, recolours it found By Name, and asks mail tips of a colleague on leave', async () => {
		emulator.store.updateMailboxSettings(alex.id, {
			automaticRepliesSetting: { ...emulator.store.mailboxSettings(alex.id).automaticRepliesSetting, status: 'alwaysEnabled', internalReplyMessage: 'On leave' },
		});
		const workflow = linearWorkflow('e2eCategoryTips01', 'E2E category and mail tips', [
			manualTrigger(),
			outlook('Create category', { resource: 'category', operation: 'create', name: 'Invoices', color: 'DarkBlue' }),
			outlook('Recolour category', {
				resource: 'category',
				operation: 'update',
				categoryId: { __rl: true, mode: 'name', value: '={{ $json.displayName.toLowerCase() }}' },
				color: 'Teal',
			}),
			outlook('Mail tips', { resource: 'mailTips', operation: 'get', recipients: `${alex.mail}, partner@fabrikam.com`, tips: ['automaticReplies', 'recipientScope'] }),
		]);

		const n8n = await N8nCase.create('category-tips', emulator);
		const run = await n8n.run(workflow);

		const created = emulator.store.categories.list(adele.id).find((category) => category.displayName === 'Invoices');
		expect(nodeOutput(run, 'Create category').map((item) => item.json)).toEqual([{ id: created?.id, displayName: 'Invoices', color: 'preset22', colorName: 'DarkBlue' }]);
		expect(nodeOutput(run, 'Recolour category').map((item) => item.json)).toEqual([{ id: created?.id, displayName: 'Invoices', color: 'preset5', colorName: 'Teal' }]);
		expect(nodeOutput(run, 'Mail tips').map((item) => item.json)).toEqual([
			{ emailAddress: { name: '', address: alex.mail }, automaticReplies: { message: 'On leave', messageLanguage: { locale: 'en-US', displayName: 'English (United States)' } }, recipientScope: 'internal' },
			{ emailAddress: { name: '', address: 'partner@fabrikam.com' }, recipientScope: 'external' },
		]);
	});
});
