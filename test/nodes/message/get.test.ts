import { clearTokenCache } from '../../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator } from '../../emulator';
import { mailboxUrl, runOutlook } from '../../helpers/outlook';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => {
	clearTokenCache();
	emulator.reset();
});

function aMessage() {
	return emulator.store.messages(SAMPLE.users.adele.id)[0];
}

describe('message > get', () => {
	it('returns the simplified message, paired with its item', async () => {
		const message = aMessage();
		const run = await runOutlook(emulator, {
			resource: 'message',
			operation: 'get',
			messageId: { mode: 'id', value: message.id },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/messages/${encodeURIComponent(message.id)}?$select=id%2CconversationId%2Csubject%2CbodyPreview%2Cfrom%2CtoRecipients%2CccRecipients%2CreceivedDateTime%2CsentDateTime%2CisRead%2CisDraft%2Cimportance%2ChasAttachments%2Ccategories%2Cflag%2CparentFolderId%2CwebLink`,
		]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: message.id, subject: message.subject });
		expect(run.items[0].json).not.toHaveProperty('body');
		expect(run.items[0].json).not.toHaveProperty('@odata.etag');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('works in another mailbox named by the Mailbox parameter', async () => {
		const message = emulator.store.messages(SAMPLE.users.alex.id)[0];
		const run = await runOutlook(emulator, {
			resource: 'message',
			operation: 'get',
			mailbox: '={{ $json.mailbox }}',
			messageId: { mode: 'id', value: '={{ $json.id }}' },
		}, [{ mailbox: SAMPLE.users.alex.userPrincipalName, id: message.id }]);
		expect(run.items[0].json.id).toBe(message.id);
		expect(run.graphCalls[0]).toContain(mailboxUrl(SAMPLE.users.alex.userPrincipalName));
	});

	it('fails the item with the Graph code and a hint when the message no longer exists', async () => {
		const gone = aMessage();
		emulator.store.deleteMessage(SAMPLE.users.adele.id, gone.id);
		const run = await runOutlook(
			emulator,
			{ resource: 'message', operation: 'get', messageId: { mode: 'id', value: gone.id } },
			[{}],
			{ continueOnFail: true },
		);
		expect(String(run.items[0].json.error)).toMatch(/^ErrorItemNotFound: .*The message, folder or attachment was not found in this mailbox/);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});
});
