import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;
const categories = `${userPath()}/outlook/masterCategories`;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;
const create = (body: unknown) => graph(emulator, categories, { token, method: 'POST', body });

describe('master categories', () => {
	it("lists the mailbox's categories, Outlook's six defaults first, with the list's context", async () => {
		const answer = await graph(emulator, categories, { token });
		expect(answer.status).toBe(200);
		const body = as<GraphCollection>(answer);
		expect(body['@odata.context']).toBe(`${emulator.baseUrl}/v1.0/$metadata#users('${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}')/outlook/masterCategories`);
		expect(body.value.map(({ displayName, color }) => [displayName, color])).toEqual([
			['Red category', 'preset0'],
			['Orange category', 'preset1'],
			['Yellow category', 'preset3'],
			['Green category', 'preset4'],
			['Blue category', 'preset7'],
			['Purple category', 'preset8'],
		]);
		expect(body.value[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(body['@odata.nextLink']).toBeUndefined();
	});

	it('creates a category with 201, in the colour preset given (any case, answered canonical), and gets it by id', async () => {
		const answer = await create({ displayName: 'Project expenses', color: 'Preset9' });
		expect(answer.status).toBe(201);
		const created = answer.body as Record<string, string>;
		expect(created).toMatchObject({ displayName: 'Project expenses', color: 'preset9' });
		expect(created['@odata.context']).toMatch(/\/outlook\/masterCategories\/\$entity$/);
		const got = await graph(emulator, `${categories}/${created.id}`, { token });
		expect(got.body).toMatchObject({ id: created.id, displayName: 'Project expenses', color: 'preset9' });
		expect(emulator.store.categories.list(SAMPLE.users.adele.id).at(-1)?.displayName).toBe('Project expenses');
	});

	it('creates a category without a colour as colour none', async () => {
		expect((await create({ displayName: 'Plain' })).body).toMatchObject({ color: 'none' });
	});

	it("refuses a colour that is not one of Graph's presets, as the metadata's enum does", async () => {
		const answer = await create({ displayName: 'Urgent', color: 'red' });
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({ code: 'RequestBodyRead', message: "Requested value 'red' was not found." });
		expect((await create({ displayName: 'Urgent', color: 'preset25' })).status).toBe(400);
	});

	it('refuses a name already in the list, compared without case, with 409', async () => {
		const answer = await create({ displayName: 'red CATEGORY', color: 'preset2' });
		expect(answer.status).toBe(409);
		expect(errorOf(answer)).toMatchObject({ code: 'ErrorDuplicateCategory', message: "A category with the display name 'red CATEGORY' already exists." });
	});

	it('refuses a category without a name, and an id in the body', async () => {
		expect(errorOf(await create({ color: 'preset1' })).code).toBe('ErrorRequiredPropertyMissing');
		expect(errorOf(await create({ displayName: ' ' })).code).toBe('ErrorRequiredPropertyMissing');
		expect(errorOf(await create({ id: 'x', displayName: 'With id' })).code).toBe('ErrorInvalidProperty');
	});

	it('updates the colour only; a rename is refused as Graph documents it, the same name passes', async () => {
		const [red] = emulator.store.categories.list(SAMPLE.users.adele.id);
		const recoloured = await graph(emulator, `${categories}/${red.id}`, { token, method: 'PATCH', body: { color: 'preset15' } });
		expect(recoloured.status).toBe(200);
		expect(recoloured.body).toMatchObject({ id: red.id, displayName: 'Red category', color: 'preset15' });
		const renamed = await graph(emulator, `${categories}/${red.id}`, { token, method: 'PATCH', body: { displayName: 'Crimson' } });
		expect(renamed.status).toBe(400);
		expect(errorOf(renamed)).toMatchObject({ code: 'ErrorInvalidProperty', message: "The property 'displayName' is read-only and cannot be set." });
		expect(emulator.store.categories.get(SAMPLE.users.adele.id, red.id).displayName).toBe('Red category');
		const same = await graph(emulator, `${categories}/${red.id}`, { token, method: 'PATCH', body: { displayName: 'Red category', color: 'none' } });
		expect(same.body).toMatchObject({ color: 'none' });
	});

	it('deletes a category with 204; then it is 404, and an id that is no GUID is 400', async () => {
		const [red] = emulator.store.categories.list(SAMPLE.users.adele.id);
		expect((await graph(emulator, `${categories}/${red.id}`, { token, method: 'DELETE' })).status).toBe(204);
		const gone = await graph(emulator, `${categories}/${red.id}`, { token });
		expect(gone.status).toBe(404);
		expect(errorOf(gone).code).toBe('ErrorItemNotFound');
		expect(errorOf(await graph(emulator, `${categories}/not-a-guid`, { token })).code).toBe('ErrorInvalidIdMalformed');
	});

	it('keeps each mailbox its own list', async () => {
		await create({ displayName: 'Only Adele' });
		const alex = await graph(emulator, `${userPath(SAMPLE.users.alex)}/outlook/masterCategories`, { token });
		expect(as<GraphCollection>(alex).value.map((category) => category.displayName)).not.toContain('Only Adele');
	});

	it('needs MailboxSettings.Read to list and MailboxSettings.ReadWrite to create: Mail.Read gets 403 ErrorAccessDenied', async () => {
		const readOnly = await accessToken(emulator, SAMPLE.apps.readOnly);
		const listed = await graph(emulator, categories, { token: readOnly });
		expect(listed.status).toBe(403);
		expect(errorOf(listed).code).toBe('ErrorAccessDenied');
		expect((await graph(emulator, categories, { token: readOnly, method: 'POST', body: { displayName: 'x' } })).status).toBe(403);
	});

	it('counts against the mailbox, like every mail route', async () => {
		await graph(emulator, categories, { token });
		expect(emulator.requests.at(-1)?.mailbox).toBe(SAMPLE.users.adele.id);
	});
});
