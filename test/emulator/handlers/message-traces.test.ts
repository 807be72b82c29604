import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, testClock, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const clock = testClock(Date.UTC(2026, 0, 20, 12, 0, 0));
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const traces = '/v1.0/admin/exchange/tracing/messageTraces';
const adeleAddress = SAMPLE.users.adele.mail;
const alexAddress = SAMPLE.users.alex.mail;

beforeAll(async () => {
	emulator = await startEmulator({ now: clock.now });
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(async () => {
	emulator.reset();
	clock.set(Date.UTC(2026, 0, 20, 12, 0, 0));
	token = await accessToken(emulator);
});

/** Moves the clock on, with a token that is still valid then. */
async function later(ms: number): Promise<void> {
	clock.advance(ms);
	token = await accessToken(emulator);
}

const to = (address: string) => ({ emailAddress: { address } });
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const filter = (text: string) => `${traces}?$filter=${encodeURIComponent(text)}`;
const list = async (path: string) => as<GraphCollection>(await graph(emulator, path, { token })).value;

async function adeleSends(subject: string, recipients: string[]): Promise<void> {
	const answer = await graph(emulator, `${userPath()}/sendMail`, {
		token,
		method: 'POST',
		body: { message: { subject, body: { contentType: 'Text', content: 'Hello.' }, toRecipients: recipients.map(to) } },
	});
	if (answer.status !== 202) throw new Error(JSON.stringify(answer.body));
}

describe('message traces', () => {
	it('lists a row per message and recipient, newest first, for the last 48 hours by default, shaped as Graph answers', async () => {
		await adeleSends('Old', [alexAddress]);
		await later(3 * DAY);
		await adeleSends('Quarterly report', [alexAddress, 'partner@fabrikam.com']);
		await later(HOUR);
		const answer = await graph(emulator, traces, { token });
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#admin/exchange/tracing/messageTraces`);
		expect(body.value).toHaveLength(2);
		const [internal, external] = body.value;
		expect(Object.keys(internal)).toEqual(['id', 'senderAddress', 'recipientAddress', 'messageId', 'receivedDateTime', 'subject', 'size', 'fromIP', 'toIP', 'status']);
		expect(internal).toMatchObject({ senderAddress: adeleAddress, recipientAddress: alexAddress, subject: 'Quarterly report', status: 'delivered', receivedDateTime: iso(clock.now() - HOUR) });
		expect(external).toMatchObject({ recipientAddress: 'partner@fabrikam.com', status: 'delivered' });
		expect(internal.id).toBe(external.id);
		expect(internal.messageId).toMatch(/^<.+@.+>$/);
		expect(internal.size).toBeGreaterThan(0);
		expect(emulator.requests.at(-1)?.mailbox).toBeUndefined();
	});

	it('marks an address of the organisation that no mailbox has as failed', async () => {
		await adeleSends('To nobody', ['ghost@contoso.com']);
		expect((await list(traces))[0]).toMatchObject({ recipientAddress: 'ghost@contoso.com', status: 'failed' });
	});

	it('filters on sender, recipient, status, subject and a time window, joined by and', async () => {
		await adeleSends('Weekly digest: team', [alexAddress]);
		await adeleSends('Lunch', [alexAddress, 'ghost@contoso.com']);
		const window = `receivedDateTime ge ${iso(clock.now() - DAY)} and receivedDateTime le ${iso(clock.now())}`;
		expect((await list(filter(`contains(subject, 'digest') and recipientAddress eq '${alexAddress}'`))).map((row) => row.subject)).toEqual(['Weekly digest: team']);
		expect((await list(filter(`senderAddress eq '${adeleAddress}' and status eq 'failed' and ${window}`))).map((row) => row.recipientAddress)).toEqual(['ghost@contoso.com']);
		expect(await list(filter(`startswith(subject, 'Lun') and endswith(subject, 'ch')`))).toHaveLength(2);
		const byId = (await list(traces))[0].id as string;
		expect((await list(filter(`id eq '${byId}'`))).every((row) => row.id === byId)).toBe(true);
	});

	it("refuses what Graph's filter does not support: other operators, or, a property it cannot filter", async () => {
		expect(errorOf(await graph(emulator, filter(`subject eq 'x'`), { token })).message).toMatch(/'subject' does not support 'eq'/);
		expect(errorOf(await graph(emulator, filter(`senderAddress eq 'a@b.com' or senderAddress eq 'c@d.com'`), { token })).message).toMatch(/'or' is not supported/);
		expect(errorOf(await graph(emulator, filter('size gt 10'), { token })).message).toMatch(/'size' does not support 'gt'/);
		expect((await graph(emulator, `${traces}?$select=subject`, { token })).status).toBe(400);
	});

	it.each([
		['only one bound', (now: number) => `receivedDateTime ge ${iso(now - DAY)}`, 'Specify both bounds'],
		['a window over 10 days', (now: number) => `receivedDateTime ge ${iso(now - 11 * DAY)} and receivedDateTime le ${iso(now)}`, 'must not exceed 10 days'],
		['a start older than 90 days', (now: number) => `receivedDateTime ge ${iso(now - 91 * DAY)} and receivedDateTime le ${iso(now - 85 * DAY)}`, "can't be older than 90 days"],
		['an end after now', (now: number) => `receivedDateTime ge ${iso(now - DAY)} and receivedDateTime le ${iso(now + HOUR)}`, "can't be later than the current date"],
		['a start after the end', (now: number) => `receivedDateTime ge ${iso(now - DAY)} and receivedDateTime le ${iso(now - 2 * DAY)}`, 'must be before the end'],
	])('refuses %s with 400', async (_case, text, message) => {
		const answer = await graph(emulator, filter(text(clock.now())), { token });
		expect(answer.status).toBe(400);
		expect(errorOf(answer).message).toContain(message);
	});

	it('accepts a window of exactly 10 days ending now', async () => {
		const now = clock.now();
		expect((await graph(emulator, filter(`receivedDateTime ge ${iso(now - 10 * DAY)} and receivedDateTime le ${iso(now)}`), { token })).status).toBe(200);
	});

	it('pages with $top and a $skiptoken nextLink that keeps the query, over the same window even as time passes', async () => {
		for (let index = 0; index < 5; index++) await adeleSends(`Message ${index}`, [alexAddress]);
		const first = as<GraphCollection>(await graph(emulator, `${traces}?$top=2&$filter=${encodeURIComponent(`recipientAddress eq '${alexAddress}'`)}`, { token }));
		expect(first.value).toHaveLength(2);
		const next = first['@odata.nextLink'] as string;
		expect(next).toMatch(/\$top=2/);
		expect(next).toMatch(/\$filter=/);
		expect(next).toMatch(/\$skiptoken=/);
		await later(3 * DAY);
		const second = as<GraphCollection>(await graph(emulator, next.slice(emulator.baseUrl.length), { token }));
		const third = as<GraphCollection>(await graph(emulator, (second['@odata.nextLink'] as string).slice(emulator.baseUrl.length), { token }));
		expect([...first.value, ...second.value, ...third.value].map((row) => row.subject)).toEqual(['Message 0', 'Message 1', 'Message 2', 'Message 3', 'Message 4'].reverse());
		expect(third['@odata.nextLink']).toBeUndefined();
		expect(errorOf(await graph(emulator, `${traces}?$skiptoken=garbage`, { token })).message).toBe('The $skiptoken value is not valid.');
	});

	it('refuses a $top outside 1 to 5000', async () => {
		expect((await graph(emulator, `${traces}?$top=0`, { token })).status).toBe(400);
		expect((await graph(emulator, `${traces}?$top=5001`, { token })).status).toBe(400);
		expect((await graph(emulator, `${traces}?$top=5000`, { token })).status).toBe(200);
	});

	it('gives the events of one recipient through getDetailsByRecipient, with the literal or an alias, namespace-qualified or not', async () => {
		await adeleSends("O'Brien's report", [alexAddress, 'partner@fabrikam.com']);
		const [row] = await list(filter(`recipientAddress eq '${alexAddress}'`));
		const details = await graph(emulator, `${traces}/${row.id}/getDetailsByRecipient(recipientAddress='${encodeURIComponent(alexAddress)}')`, { token });
		expect(details.status).toBe(200);
		const body = as<GraphCollection>(details);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.exchangeMessageTraceDetail)`);
		expect(body.value.map((event) => event.event)).toEqual(['Receive', 'Deliver']);
		expect(body.value[1]).toMatchObject({ id: row.id, messageId: row.messageId, action: '', description: 'The message was successfully delivered.' });
		const aliased = await graph(emulator, `${traces}/${row.id}/microsoft.graph.getDetailsByRecipient(recipientAddress=@r)?@r='partner@fabrikam.com'`, { token });
		expect(as<GraphCollection>(aliased).value.map((event) => event.event)).toEqual(['Receive', 'Send external']);
		expect(as<GraphCollection>(await graph(emulator, `${traces}/${row.id}/getDetailsByRecipient(recipientAddress='other@fabrikam.com')`, { token })).value).toEqual([]);
	});

	it("refuses a details request without a quoted address, a trace id that is no GUID, and answers 404 for a trace the tenant doesn't have", async () => {
		const unknown = '7e3b2b2e-1b5e-4b17-80cc-2af6c1d9a3b1';
		expect((await graph(emulator, `${traces}/${unknown}/getDetailsByRecipient(recipientAddress=alex)`, { token })).status).toBe(400);
		expect((await graph(emulator, `${traces}/x/getDetailsByRecipient(recipientAddress='a@b.com')`, { token })).status).toBe(400);
		const missing = await graph(emulator, `${traces}/${unknown}/getDetailsByRecipient(recipientAddress='a@b.com')`, { token });
		expect(missing.status).toBe(404);
		expect(errorOf(missing).code).toBe('ErrorItemNotFound');
		expect((await graph(emulator, `${traces}/${unknown}/getDetailsByRecipient(address='a@b.com')`, { token })).status).toBe(400);
	});

	it('needs ExchangeMessageTrace.Read.All: a Mail.ReadWrite app gets 403 ErrorAccessDenied', async () => {
		const mailOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const answer = await graph(emulator, traces, { token: mailOnly });
		expect(answer.status).toBe(403);
		expect(errorOf(answer).code).toBe('ErrorAccessDenied');
	});

	it('throttles the tenant at 100 requests in 5 minutes with Retry-After', async () => {
		for (let index = 0; index < 100; index++) expect((await graph(emulator, traces, { token })).status).toBe(200);
		const throttled = await graph(emulator, traces, { token });
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('300');
		await later(5 * 60_000 + 1);
		expect((await graph(emulator, traces, { token })).status).toBe(200);
	});
});
