import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const adele = SAMPLE.users.adele.id;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const list = async (query: Record<string, string>) =>
	await graph(emulator, `${userPath()}/messages?${new URLSearchParams({ $top: '1000', ...query }).toString()}`, { token });

describe('message query options', () => {
	it('filters as the store would, with quotes escaped as two quotes', async () => {
		const inbox = emulator.store.folder(adele, 'inbox');
		emulator.store.addMessage(adele, 'inbox', { subject: "Conor's notes from the partner meeting", isRead: false });
		const expected = emulator.store.messages(adele).filter((message) => message.subject === "Conor's notes from the partner meeting" && !message.isRead);
		const answer = as<GraphCollection>(await list({ $filter: "subject eq 'Conor''s notes from the partner meeting' and isRead eq false" }));
		expect(answer.value.map((message) => message.id).sort()).toEqual(expected.map((message) => message.id).sort());
		expect(answer.value.length).toBeGreaterThan(0);
		expect(answer.value.some((message) => message.parentFolderId === inbox.id)).toBe(true);
	});

	it("answers 400 BadRequest 'Invalid filter clause' for a lone quote", async () => {
		const answer = await list({ $filter: "subject eq 'Conor's notes'" });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/^Invalid filter clause: /) });
	});

	it('sorts by several $orderby clauses when $filter leads with the same properties', async () => {
		const answer = await list({
			$filter: "receivedDateTime ge 2000-01-01T00:00:00Z and importance ne 'low'",
			$orderby: 'receivedDateTime asc,importance desc',
		});
		expect(answer.status).toBe(200);
		const dates = as<GraphCollection>(answer).value.map((message) => message.receivedDateTime as string);
		expect(dates).toEqual([...dates].sort());
	});

	it.each([
		['an $orderby property is missing from $filter', "from/emailAddress/address eq 'x@fabrikam.com'", 'receivedDateTime desc'],
		['$filter names the $orderby properties in another order', "importance eq 'high' and receivedDateTime ge 2024-01-01T00:00:00Z", 'receivedDateTime desc,importance'],
		['another property comes first in $filter', "isRead eq false and receivedDateTime ge 2024-01-01T00:00:00Z", 'receivedDateTime desc'],
	])('answers 400 InefficientFilter when %s', async (_, filter, orderBy) => {
		const answer = await list({ $filter: filter, $orderby: orderBy });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'InefficientFilter', message: 'The restriction or sort order is too complex for this operation.' });
	});

	it('sorts by $orderby alone', async () => {
		const answer = as<GraphCollection>(await list({ $orderby: 'subject' }));
		const subjects = answer.value.map((message) => (message.subject as string).toLowerCase());
		expect(subjects).toEqual([...subjects].sort((a, b) => a.localeCompare(b)));
	});

	it('searches subject, body and sender, and from: and subject: terms', async () => {
		const conor = { emailAddress: { name: "Conor O'Brien", address: 'conor.obrien@fabrikam.com' } };
		emulator.store.addMessage(adele, 'inbox', { subject: 'Budget planning', from: conor, sender: conor });
		emulator.store.addMessage(adele, 'archive', { subject: 'Invoice 42' });
		const all = emulator.store.messages(adele);
		const budget = as<GraphCollection>(await list({ $search: '"budget"' }));
		expect(budget.value.length).toBe(all.filter((message) => /budget/i.test(`${message.subject} ${message.body.content} ${message.from?.emailAddress.name} ${message.from?.emailAddress.address}`)).length);
		expect(budget.value.length).toBeGreaterThan(0);
		const fromConor = as<GraphCollection>(await list({ $search: '"from:conor.obrien@fabrikam.com"' }));
		expect(fromConor.value.length).toBeGreaterThan(0);
		expect(fromConor.value.every((message) => (message.from as { emailAddress: { address: string } }).emailAddress.address === 'conor.obrien@fabrikam.com')).toBe(true);
		const subject = as<GraphCollection>(await list({ $search: '"subject:invoice"' }));
		expect(subject.value.length).toBeGreaterThan(0);
		expect(subject.value.every((message) => /invoice/i.test(message.subject as string))).toBe(true);
	});

	it("answers 400 SearchWithOrderBy when $search comes with $orderby", async () => {
		const answer = await list({ $search: '"budget"', $orderby: 'receivedDateTime desc' });
		expect(answer.status).toBe(400);
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'SearchWithOrderBy', message: "The query parameter '$orderBy' is not supported with '$search'." });
	});

	it("answers 400 SearchWithFilter when $search comes with $filter", async () => {
		const answer = await list({ $search: '"budget"', $filter: 'isRead eq false' });
		expect(as<GraphErrorBody>(answer).error).toMatchObject({ code: 'SearchWithFilter', message: "The query parameter '$filter' is not supported with '$search'." });
	});

	it('answers 400 for an unknown system query option and a $top that is not a number', async () => {
		expect(as<GraphErrorBody>(await list({ $foo: 'x' })).error.message).toBe("The query parameter '$foo' is not supported.");
		const top = await list({ $top: 'ten' });
		expect(top.status).toBe(400);
		expect(as<GraphErrorBody>(top).error.message).toMatch(/Invalid value 'ten' for \$top query option/);
	});
});
