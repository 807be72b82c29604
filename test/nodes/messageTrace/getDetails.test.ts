import { SAMPLE, type Emulator } from '../../emulator';
import { runOutlook, useEmulator } from '../../helpers/outlook';

const { alex } = SAMPLE.users;
const traces = '/v1.0/admin/exchange/tracing/messageTraces';

let emulator: Emulator;
useEmulator((running) => (emulator = running), { virtualClock: true });

describe('messageTrace > getDetails', () => {
	it('gets the events of one message for one recipient, the address an escaped, encoded OData literal', async () => {
		const sent = await runOutlook(emulator, { resource: 'message', operation: 'send', toRecipients: alex.mail, subject: 'Traced', bodyContent: 'Hello.' });
		expect(sent.error).toBeUndefined();
		const [row] = emulator.store.traces.forTenant(SAMPLE.tenantId);
		const run = await runOutlook(emulator, { resource: 'messageTrace', operation: 'getDetails', traceId: row.id, recipientAddress: ` ${alex.mail} ` });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${traces}/${row.id}/getDetailsByRecipient(recipientAddress='${encodeURIComponent(alex.mail)}')`]);
		expect(run.items.map((item) => item.json.event)).toEqual(['Receive', 'Deliver']);
		expect(run.items[1].json).toMatchObject({ id: row.id, messageId: row.messageId, description: 'The message was successfully delivered.' });
	});

	it("fails the item of a trace the tenant has not, and refuses an ID that is no GUID and a quote in the address before sending", async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'messageTrace', operation: 'getDetails', traceId: '={{ $json.id }}', recipientAddress: '={{ $json.to }}' },
			[
				{ id: '11111111-2222-4333-8444-555555555555', to: alex.mail },
				{ id: "x') or true", to: alex.mail },
				{ id: '11111111-2222-4333-8444-555555555555', to: "a'b@contoso.com" },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^ErrorItemNotFound: /),
			'Message Trace ID must be the trace\'s "id" (a GUID), as Message Trace > Get Many returns it',
			expect.stringMatching(/^ErrorItemNotFound: /),
		]);
		expect(run.graphCalls).toEqual([
			`GET ${traces}/11111111-2222-4333-8444-555555555555/getDetailsByRecipient(recipientAddress='${encodeURIComponent(alex.mail)}')`,
			`GET ${traces}/11111111-2222-4333-8444-555555555555/getDetailsByRecipient(recipientAddress='a''b%40contoso.com')`,
		]);
	});
});
