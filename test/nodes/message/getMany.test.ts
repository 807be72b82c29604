import { mailboxUrl, runOutlook } from '../../helpers/outlook';
import { ADELE, graphRequests, query, SIMPLE_SELECT, useEmulator } from './fixtures';

const emulator = useEmulator();

const base = { resource: 'message', operation: 'getMany' };

function storedIds(folder?: string, predicate: (message: ReturnType<typeof stored>[number]) => boolean = () => true) {
	return stored(folder)
		.filter(predicate)
		.sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime))
		.map((message) => message.id);
}

function stored(folder?: string) {
	const store = emulator().store;
	return store.messages(ADELE.id, folder === undefined ? undefined : store.folder(ADELE.id, folder).id);
}

describe('message > getMany', () => {
	it('returns the newest messages of the whole mailbox in one request, sorted by received time', async () => {
		const run = await runOutlook(emulator(), { ...base, limit: 50 });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/messages${query({ $select: SIMPLE_SELECT, $orderby: 'receivedDateTime desc', $top: 50 })}`,
		]);
		expect(run.items.map((item) => item.json.id)).toEqual(storedIds());
		expect(run.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(run.items[0].json).not.toHaveProperty('body');
		expect(run.items[0].json).not.toHaveProperty('@odata.etag');
	});

	it('lists one folder by well-known name, oldest first, up to the limit', async () => {
		const run = await runOutlook(emulator(), {
			...base,
			folderScope: 'folder',
			folderId: { mode: 'id', value: 'inbox' },
			limit: 3,
			sort: 'oldest',
		});
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/mailFolders/inbox/messages${query({ $select: SIMPLE_SELECT, $orderby: 'receivedDateTime asc', $top: 3 })}`,
		]);
		expect(run.items.map((item) => item.json.id)).toEqual(storedIds('inbox').reverse().slice(0, 3));
	});

	it('puts every filter in one $filter, led by the received dates, with quotes doubled', async () => {
		const target = emulator().store.addMessage(ADELE.id, 'inbox', {
			subject: "Alex's report for June",
			receivedDateTime: '2024-06-10T08:00:00Z',
			isRead: false,
			importance: 'high',
			hasAttachments: true,
			categories: ['Red category'],
			flag: { flagStatus: 'flagged' },
			from: { emailAddress: { name: 'Alex Wilber', address: 'AlexW@contoso.onmicrosoft.com' } },
			toRecipients: [{ emailAddress: { name: 'Adele Vance', address: ADELE.mail } }],
		});
		const run = await runOutlook(emulator(), {
			...base,
			returnAll: true,
			filters: {
				from: 'AlexW@contoso.onmicrosoft.com',
				to: ADELE.mail,
				subjectContains: "Alex's report",
				receivedAfter: '2024-06-01T00:00:00Z',
				receivedBefore: '2024-06-30T00:00:00Z',
				unreadOnly: true,
				hasAttachments: true,
				importance: 'high',
				category: 'Red category',
				flaggedOnly: true,
				custom: "startswith(subject,'Alex')",
			},
		});
		expect(run.error).toBeUndefined();
		const [request] = graphRequests(emulator());
		expect(request.query).toEqual({
			$select: SIMPLE_SELECT,
			$filter:
				"receivedDateTime ge 2024-06-01T00:00:00Z and receivedDateTime lt 2024-06-30T00:00:00Z and from/emailAddress/address eq 'AlexW@contoso.onmicrosoft.com' and toRecipients/any(r:r/emailAddress/address eq 'AdeleV@contoso.onmicrosoft.com') and contains(subject,'Alex''s report') and isRead eq false and hasAttachments eq true and importance eq 'high' and categories/any(c:c eq 'Red category') and flag/flagStatus eq 'flagged' and (startswith(subject,'Alex'))",
			$orderby: 'receivedDateTime desc',
			$top: '1000',
		});
		expect(request.status).toBe(200);
		expect(run.items.map((item) => item.json.id)).toEqual([target.id]);
	});

	it('leads a filter without dates with receivedDateTime ge 1900, so Graph accepts the sort order', async () => {
		const run = await runOutlook(emulator(), { ...base, returnAll: true, sort: 'oldest', filters: { unreadOnly: true } });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/messages${query({
				$select: SIMPLE_SELECT,
				$filter: 'receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false',
				$orderby: 'receivedDateTime asc',
				$top: 1000,
			})}`,
		]);
		const unread = storedIds(undefined, (message) => !message.isRead).reverse();
		expect(unread.length).toBeGreaterThan(0);
		expect(run.items.map((item) => item.json.id)).toEqual(unread);
	});

	it('reads a received-after time without an offset in the workflow time zone', async () => {
		const run = await runOutlook(emulator(), {
			...base,
			limit: 1,
			filters: { receivedAfter: '={{ "2024-06-01T00:00:00" }}' },
		});
		expect(run.error).toBeUndefined();
		// n8n's default time zone is America/New_York: midnight there is 04:00 UTC in June.
		expect(graphRequests(emulator())[0].query.$filter).toBe('receivedDateTime ge 2024-06-01T04:00:00Z');
	});

	it('returns all of 2530 messages in ceil(2530 / 1000) = 3 requests', async () => {
		emulator().store.addMessages(ADELE.id, 'inbox', 2500, 5);
		const run = await runOutlook(emulator(), { ...base, returnAll: true, output: 'fields', fields: ['subject'] });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2530);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(2530);
		const calls = run.graphCalls;
		expect(calls).toHaveLength(3);
		expect(calls[0]).toBe(`GET ${mailboxUrl()}/messages${query({ $select: 'id,subject', $orderby: 'receivedDateTime desc', $top: 1000 })}`);
		expect(run.items[0].json).toEqual({ id: expect.any(String), subject: expect.any(String) });
	});

	it('searches with $search and neither $filter nor $orderby, the KQL phrase quoted', async () => {
		const target = emulator().store.addMessage(ADELE.id, 'inbox', { subject: 'Quarterly report "final"' });
		const run = await runOutlook(emulator(), { ...base, selectBy: 'search', searchQuery: 'subject:"quarterly report"', limit: 10 });
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/messages${query({ $select: SIMPLE_SELECT, $search: '"subject:\\"quarterly report\\""', $top: 10 })}`,
		]);
		expect(run.items.map((item) => item.json.id)).toContain(target.id);
		expect(run.items.every((item) => String(item.json.subject).toLowerCase().includes('quarterly report'))).toBe(true);
	});

	it('returns bodies as text with Raw output and Body Format text', async () => {
		const run = await runOutlook(emulator(), { ...base, limit: 2, output: 'raw', options: { bodyFormat: 'text' } });
		expect(run.error).toBeUndefined();
		expect(graphRequests(emulator())[0].headers.prefer).toBe('outlook.body-content-type="text"');
		expect(run.items[0].json.body).toEqual({ contentType: 'text', content: expect.any(String) });
	});

	it('fails only the item whose mailbox does not exist, under continue-on-fail', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, mailbox: '={{ $json.mailbox }}', limit: 2 },
			[{ mailbox: ADELE.userPrincipalName }, { mailbox: 'nobody@contoso.onmicrosoft.com' }, { mailbox: ADELE.id }],
			{ continueOnFail: true },
		);
		expect(run.items).toHaveLength(5);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 2 }, { item: 2 }]);
		expect(String(run.items[2].json.error)).toMatch(/was not found in this tenant/);
		expect(run.items[0].json.id).toBeDefined();
		expect(run.items[3].json.id).toBeDefined();
	});

	it('refuses a hostile folder ID as one encoded segment of the same mailbox', async () => {
		const run = await runOutlook(
			emulator(),
			{ ...base, folderScope: 'folder', folderId: { mode: 'id', value: '../../users/AlexW@contoso.onmicrosoft.com/messages' }, limit: 1 },
			[{}],
			{ continueOnFail: true },
		);
		expect(run.graphCalls).toEqual([
			`GET ${mailboxUrl()}/mailFolders/${encodeURIComponent('../../users/AlexW@contoso.onmicrosoft.com/messages')}/messages${query({ $select: SIMPLE_SELECT, $orderby: 'receivedDateTime desc', $top: 1 })}`,
		]);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json.error).toBeDefined();
	});

	it('fails the item naming the field when a filter date is not a date', async () => {
		const run = await runOutlook(emulator(), { ...base, filters: { receivedBefore: '={{ "next tuesday" }}' } }, [{}], { continueOnFail: true });
		expect(run.items[0].json.error).toBe('Received Before: "next tuesday" is not a date and time (use ISO 8601, such as 2024-06-01T09:00:00Z)');
		expect(run.graphCalls).toEqual([]);
	});
});
