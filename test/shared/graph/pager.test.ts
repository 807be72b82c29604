import type { INode } from 'n8n-workflow';

import { followLinks, MAX_PAGES, type Page, type PagerContext, type PagerOptions } from '../../../nodes/shared/graph/pager';
import { userPath } from '../../../nodes/shared/graph/paths';
import type { GraphResponse } from '../../../nodes/shared/graph/requestLoop';

const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };
const GRAPH = 'https://graph.microsoft.com';
const path = userPath('adele@contoso.com').child('mailFolders', 'inbox', 'messages', 'delta');
const link = (query: string) => `${GRAPH}/v1.0${String(path)}?${query}`;

type Body = { value?: unknown; '@odata.nextLink'?: unknown; '@odata.deltaLink'?: unknown };

/** A Graph that answers each URL from `pages`, and counts what was asked. */
function fakeGraph(pages: Record<string, Body>, now = () => 0) {
	const asked: string[] = [];
	const context: PagerContext = {
		node,
		graphBaseUrl: GRAPH,
		version: 'v1.0',
		now,
		fetch: async (url) => {
			asked.push(url);
			const body = pages[url];
			if (!body) throw new Error(`no page at ${url}`);
			return { status: 200, headers: {}, raw: Buffer.alloc(0), body } as GraphResponse<Body>;
		},
	};
	return { asked, context };
}

async function all(context: PagerContext, options: Partial<PagerOptions> = {}): Promise<Array<Page<unknown>>> {
	const pages: Array<Page<unknown>> = [];
	for await (const page of followLinks<unknown>(context, { path, first: link('start'), ...options })) pages.push(page);
	return pages;
}

describe('pager', () => {
	it('follows @odata.nextLink verbatim until a page has none', async () => {
		const { asked, context } = fakeGraph({
			[link('start')]: { value: [1, 2], '@odata.nextLink': link('$skiptoken=a%2Fb') },
			[link('$skiptoken=a%2Fb')]: { value: [3] },
		});
		const pages = await all(context);
		expect(pages.map((page) => page.items)).toEqual([[1, 2], [3]]);
		expect(asked).toEqual([link('start'), link('$skiptoken=a%2Fb')]);
		expect(pages[1]).toEqual({ items: [3], url: link('$skiptoken=a%2Fb'), nextLink: undefined, deltaLink: undefined });
	});

	it('ends a delta round at its @odata.deltaLink, which wins over a next link, and follows nothing more', async () => {
		const { asked, context } = fakeGraph({
			[link('start')]: { value: [1], '@odata.nextLink': link('$skiptoken=1') },
			[link('$skiptoken=1')]: { value: [2], '@odata.deltaLink': link('$deltatoken=9'), '@odata.nextLink': link('$skiptoken=2') },
		});
		const pages = await all(context);
		expect(pages.at(-1)).toMatchObject({ deltaLink: link('$deltatoken=9'), nextLink: undefined });
		expect(asked).toHaveLength(2);
	});

	it('stops, naming the path, when Graph hands out a link it has already followed', async () => {
		const { asked, context } = fakeGraph({
			[link('start')]: { value: [1], '@odata.nextLink': link('$skiptoken=1') },
			[link('$skiptoken=1')]: { value: [2], '@odata.nextLink': link('start') },
		});
		await expect(all(context)).rejects.toThrow(`Graph returned the same next-page link twice while listing ${String(path)}; paging stopped, so it cannot loop.`);
		expect(asked).toHaveLength(2);
	});

	it('refuses a link into another mailbox, and one on another host, without following it', async () => {
		const other = fakeGraph({ [link('start')]: { value: [], '@odata.nextLink': `${GRAPH}/v1.0/users/alex%40contoso.com/messages?$skip=1` } });
		await expect(all(other.context)).rejects.toThrow(/^Graph returned a next-page link outside \/users\/adele%40contoso.com; it was not followed/);
		expect(other.asked).toHaveLength(1);
		const foreign = fakeGraph({ [link('start')]: { value: [], '@odata.deltaLink': 'https://evil.example.com/v1.0/users/adele%40contoso.com/x' } });
		await expect(all(foreign.context)).rejects.toThrow('Graph returned a next-page link on another host (evil.example.com)');
	});

	it('checks the first link too: a stored link on another origin is never read', async () => {
		const { asked, context } = fakeGraph({});
		await expect(all(context, { first: 'http://127.0.0.1:1/v1.0/users/adele%40contoso.com/messages' })).rejects.toThrow('on another host');
		expect(asked).toEqual([]);
	});

	it('lets the caller check each returned link first, with its kind, before the pager\'s own check', async () => {
		const kinds: string[] = [];
		const { context } = fakeGraph({
			[link('start')]: { value: [], '@odata.nextLink': link('$skiptoken=1') },
			[link('$skiptoken=1')]: { value: [], '@odata.deltaLink': link('$deltatoken=1') },
		});
		await all(context, { acceptLink: (value, kind) => (kinds.push(kind), String(value)) });
		expect(kinds).toEqual(['next-page', 'delta']);
		const refusing = fakeGraph({ [link('start')]: { value: [], '@odata.nextLink': 42 } });
		await expect(
			all(refusing.context, {
				acceptLink: () => {
					throw new Error('refused by the caller');
				},
			}),
		).rejects.toThrow('refused by the caller');
	});

	it(`stops after ${MAX_PAGES} pages, naming the limit`, async () => {
		let served = 0;
		const { context } = fakeGraph({});
		context.fetch = async () => ({ status: 200, headers: {}, raw: Buffer.alloc(0), body: { value: [], '@odata.nextLink': link(`$skiptoken=${++served}`) } });
		await expect(all(context)).rejects.toThrow(`Stopped after ${MAX_PAGES} pages of ${String(path)}: narrow the request with a filter or a limit.`);
		expect(served).toBe(MAX_PAGES);
	});

	it('asks for no further page once stopBy has passed, leaving the last next link to go on from', async () => {
		let clock = 0;
		const { asked, context } = fakeGraph(
			{
				[link('start')]: { value: [1], '@odata.nextLink': link('$skiptoken=1') },
				[link('$skiptoken=1')]: { value: [2], '@odata.nextLink': link('$skiptoken=2') },
			},
			() => clock,
		);
		const pages: Array<Page<unknown>> = [];
		for await (const page of followLinks<unknown>(context, { path, first: link('start'), stopBy: 1000 })) {
			pages.push(page);
			clock += 600;
		}
		expect(asked).toEqual([link('start'), link('$skiptoken=1')]);
		expect(pages.at(-1)?.nextLink).toBe(link('$skiptoken=2'));
	});
});
