import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, runOutlook, useEmulator } from '../../helpers/outlook';

const { adele, alex } = SAMPLE.users;
const traces = '/v1.0/admin/exchange/tracing/messageTraces';
const DAY = 24 * 60 * 60 * 1000;

let emulator: Emulator;
useEmulator((running) => (emulator = running));

/** Adele sends through the node, so the emulator's transport writes message trace rows. */
async function adeleSends(subject: string, to: string): Promise<void> {
	const run = await runOutlook(emulator, { resource: 'message', operation: 'send', toRecipients: to, subject, bodyContent: 'Hello.' });
	if (run.error) throw run.error;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('messageTrace > getMany', () => {
	it('searches by sender, recipient, subject, status and window with one $filter, and Return All follows $skiptoken pages', async () => {
		for (let index = 0; index < 3; index++) await adeleSends(`Report ${index}`, alex.mail);
		await adeleSends('Unrelated', alex.mail);
		const now = Date.now();
		const after = iso(now - DAY);
		const before = iso(now);
		const run = await runOutlook(emulator, {
			resource: 'messageTrace',
			operation: 'getMany',
			returnAll: true,
			filters: { receivedAfter: after, receivedBefore: before, senderAddress: adele.mail, recipientAddress: alex.mail, subjectContains: 'Report', status: 'delivered' },
		});
		expect(run.error).toBeUndefined();
		const filter = `receivedDateTime ge ${after} and receivedDateTime le ${before} and senderAddress eq '${adele.mail}' and recipientAddress eq '${alex.mail}' and status eq 'delivered' and contains(subject,'Report')`;
		expect(run.graphCalls).toEqual([`GET ${traces}?$filter=${encodeURIComponent(filter).replace(/'/g, '%27')}&$top=1000`]);
		expect(run.items.map((item) => item.json.subject)).toEqual(['Report 2', 'Report 1', 'Report 0']);
		expect(Object.keys(run.items[0].json)).toEqual(['id', 'senderAddress', 'recipientAddress', 'messageId', 'receivedDateTime', 'subject', 'size', 'fromIP', 'toIP', 'status']);
		expect(run.items[0].json).toMatchObject({ senderAddress: adele.mail, recipientAddress: alex.mail, status: 'delivered' });
	});

	it('pages over $skiptoken with the one pager when there are more rows than a page', async () => {
		for (let index = 0; index < 1002; index++) {
			emulator.store.traces.add({
				id: emulator.store.traces.newTraceId('bulk'),
				senderAddress: adele.mail,
				recipientAddress: alex.mail,
				messageId: `<bulk-${index}@contoso.com>`,
				receivedDateTime: iso(Date.now() - 60_000),
				subject: `Bulk ${index}`,
				size: 1000,
				fromIP: '',
				toIP: '',
				status: 'delivered',
				tenantIds: [SAMPLE.tenantId.toLowerCase()],
				events: [],
			});
		}
		const run = await runOutlook(emulator, { resource: 'messageTrace', operation: 'getMany', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1002);
		expect(run.graphCalls).toHaveLength(2);
		expect(run.graphCalls[0]).toBe(`GET ${traces}?$top=1000`);
		expect(run.graphCalls[1]).toMatch(/^GET \/v1\.0\/admin\/exchange\/tracing\/messageTraces\?%24top=1000&%24skiptoken=|^GET \/v1\.0\/admin\/exchange\/tracing\/messageTraces\?\$top=1000&\$skiptoken=/);
		expect(new Set(run.items.map((item) => item.json.subject)).size).toBe(1002);
	});

	it('refuses before sending the windows Graph refuses, naming the field, and an app without ExchangeMessageTrace.Read.All gets the hint', async () => {
		const now = Date.now();
		const run = await runOutlook(
			emulator,
			{ resource: 'messageTrace', operation: 'getMany', returnAll: true, filters: { receivedAfter: '={{ $json.after }}', receivedBefore: '={{ $json.before }}' } },
			[
				{ after: iso(now - 11 * DAY), before: iso(now) },
				{ after: iso(now - 91 * DAY), before: iso(now - 85 * DAY) },
				{ after: iso(now - DAY), before: iso(now - 2 * DAY) },
				{ after: iso(now - DAY), before: '' },
				{ after: iso(now - DAY), before: iso(now + 5 * DAY) },
			],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.error ?? 'ok')).toEqual([
			"The time window is longer than 10 days, the most Graph's message trace searches at once: split it",
			"Received After is more than 90 days ago: Graph's message trace keeps 90 days",
			'Received After must be before Received Before',
			'Received After and Received Before go together: give both, or neither for the last 48 hours',
		]);
		// The fifth window is sent (and finds nothing: no output item).
		expect(run.graphCalls).toHaveLength(1);
		// A window ending in the future ends now (the node's clock).
		const end = /receivedDateTime le (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(decodeURIComponent(run.graphCalls[0]))?.[1];
		expect(Date.parse(end ?? '')).toBeGreaterThanOrEqual(now - 1000);
		expect(Date.parse(end ?? '')).toBeLessThanOrEqual(Date.now());

		const noPermission = await runOutlook(emulator, { resource: 'messageTrace', operation: 'getMany', returnAll: true }, [{}, {}], {
			continueOnFail: true,
			credential: emulatorCredential(emulator, { clientId: SAMPLE.apps.readOnly.clientId, clientSecret: SAMPLE.apps.readOnly.secret }),
		});
		expect(noPermission.items.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^ErrorAccessDenied: .* — The app lacks the application permission ExchangeMessageTrace\.Read\.All/),
			expect.stringMatching(/^ErrorAccessDenied: /),
		]);
		expect(noPermission.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
