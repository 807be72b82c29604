/**
 * Area 5, stored state is validated: the trigger checks its static data on every read. State that is invalid,
 * or points at another origin, mailbox or folder, is replaced by a fresh state that starts from now (nothing old
 * is emitted, n8n's log says why), is never used in a request, and the poll after it works as usual.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SAMPLE, type Emulator } from '../emulator';
import { emulatorCredential, useEmulator } from '../helpers/outlook';
import { TriggerHarness } from '../trigger/helpers';
import { useForeignHost } from './helpers/foreignHost';
import { useN8nLog } from './helpers/n8nLog';
import { MAX_PENDING, MAX_SEEN } from '../../nodes/shared/mail/delta/state';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();
const log = useN8nLog();

const ADELE = SAMPLE.users.adele;
const ALEX = SAMPLE.users.alex;

let sequence = 0;
function arrive(userId: string = ADELE.id, folder = 'inbox') {
	sequence++;
	return emulator.store.addMessage(
		userId,
		folder,
		{ receivedDateTime: new Date().toISOString(), isRead: false, subject: `Stored state ${sequence}` },
		sequence,
	);
}

type State = IDataObject & { folders: Record<string, { link?: string; initialRoundDone?: boolean }>; seen: IDataObject; pending: unknown[] };

/** The state of Adele's mailbox in the trigger's watch, inside the harness's static data. */
function stateOf(trigger: TriggerHarness, mailbox: string = ADELE.userPrincipalName): State {
	const watch = (trigger.staticData['node:Trigger'] as IDataObject).outlookMailApp as { mailboxes: Record<string, State> };
	return watch.mailboxes[mailbox.toLowerCase()];
}

function setState(trigger: TriggerHarness, state: unknown): void {
	const watch = (trigger.staticData['node:Trigger'] as IDataObject).outlookMailApp as { mailboxes: Record<string, unknown> };
	watch.mailboxes[ADELE.userPrincipalName.toLowerCase()] = state;
}

/** A trigger that has polled once (activation) and once more, with one message emitted: a state in use. */
async function triggerInUse(parameters: INodeParameters = {}) {
	const trigger = new TriggerHarness(emulator, parameters);
	await trigger.poll();
	const first = arrive();
	expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([first.id]);
	emulator.clearRequests();
	return trigger;
}

const graphRequests = () => emulator.requests.filter((request) => request.kind === 'graph');
const deltaFilters = () =>
	graphRequests()
		.filter((request) => request.path.endsWith('/messages/delta'))
		.map((request) => request.query.$filter);

/**
 * The poll after the corruption: it succeeds, emits nothing of the mail already there (the message that arrived
 * before it included), starts a fresh round from now, and n8n's log says why; the poll after that emits new mail.
 */
async function expectFreshStart(trigger: TriggerHarness, warning: RegExp) {
	const before = arrive();
	const poll = await trigger.poll();
	// The user: no error, nothing old.
	expect(poll.error).toBeUndefined();
	expect(poll.items).toEqual([]);
	expect(log.warnings()).toEqual([expect.stringMatching(warning)]);
	expect(log.warnings()[0]).toMatch(/starts again from now: mail received before is not emitted\.$/);
	// Graph: one fresh first delta request for the folder, from a valid date.
	expect(graphRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
		`GET /v1.0/users/${ADELE.userPrincipalName}/mailFolders/inbox/messages/delta`,
	]);
	expect(deltaFilters()).toEqual([expect.stringMatching(/^receivedDateTime ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)]);
	// The state: fresh, valid, its own.
	const state = stateOf(trigger);
	expect(state.seen).toHaveProperty([before.id]);
	expect(state.pending).toEqual([]);
	expect(state.folders.inbox.link).toMatch(new RegExp(`^${emulator.graphBaseUrl}/v1\\.0/users/AdeleV%40contoso\\.onmicrosoft\\.com/mailFolders/inbox/messages/delta\\?\\$deltatoken=`));

	log.lines.length = 0;
	const next = arrive();
	const after = await trigger.poll();
	expect(after.error).toBeUndefined();
	expect(after.items.map((item) => item.json.id)).toEqual([next.id]);
	expect(log.warnings()).toEqual([]);
	expect(foreign.host.requests).toEqual([]);
}

describe('security: stored trigger state', () => {
	it.each<[string, (state: State) => unknown, RegExp]>([
		['a state that is not an object', () => 'corrupted', /\(it is not an object\)/],
		['a state that is a list', () => [1, 2, 3], /\(it is not an object\)/],
		['a version of another type', (state) => ({ ...state, version: '1' }), /\(its version is not 1\)/],
		['a start in the future', (state) => ({ ...state, startedAt: '9999-12-31T00:00:00Z' }), /\(startedAt lies in the future\)/],
		['a configKey that is not text', (state) => ({ ...state, configKey: 42 }), /\(configKey is not text\)/],
		['a startedAt that is a number', (state) => ({ ...state, startedAt: 1 }), /\(startedAt is not an ISO date\)/],
		['folders that are a list', (state) => ({ ...state, folders: [] }), /\(folders is not an object\)/],
		['a cursor that is text', (state) => ({ ...state, folders: { inbox: 'x' } }), /\(the cursor of folder "inbox" is not an object\)/],
		['a link that is a number', (state) => ({ ...state, folders: { inbox: { link: 7 } } }), /stored link of folder "inbox" is not text/],
		['initialRoundDone as text', (state) => ({ ...state, folders: { inbox: { ...state.folders.inbox, initialRoundDone: 'yes' } } }), /initialRoundDone of folder "inbox" is not a boolean/],
		['a cursor of a folder not watched', (state) => ({ ...state, folders: { ...state.folders, archive: {} } }), /folders holds more than 1 entries/],
		['seen as a list', (state) => ({ ...state, seen: ['a'] }), /\(seen is not an object\)/],
		['seen with a date that is an object', (state) => ({ ...state, seen: { AAMkAGI2: { $gt: '' } } }), /seen holds a receivedDateTime that is not an ISO date/],
		['holds as a list', (state) => ({ ...state, holds: ['a'] }), /\(holds is not an object\)/],
		['holds with an ID that is not valid', (state) => ({ ...state, holds: { 'a b': '2026-12-01T09:00:00Z' } }), /\(holds holds an ID that is not valid\)/],
		['pending as an object', (state) => ({ ...state, pending: {} }), /\(pending is not a list\)/],
		['a pending message without an ID', (state) => ({ ...state, pending: [{ folder: 'inbox', receivedDateTime: '2026-12-01T09:00:00Z' }] }), /a pending message has no valid ID/],
		['a pending message of another folder', (state) => ({ ...state, pending: [{ id: 'AAMkAGI2', folder: 'archive', receivedDateTime: '2026-12-01T09:00:00Z' }] }), /a pending message is of a folder not watched/],
	])('replaces %s with a fresh state', async (_, corrupt, warning) => {
		const trigger = await triggerInUse();
		setState(trigger, corrupt(stateOf(trigger)));
		await expectFreshStart(trigger, warning);
	});

	it('keeps the seen IDs when one seen message is dated in the future: a replay of the others is not emitted again', async () => {
		const trigger = await triggerInUse();
		const [first] = Object.keys(stateOf(trigger).seen);
		setState(trigger, { ...stateOf(trigger), seen: { ...stateOf(trigger).seen, AAMkFutureDated: '9999-12-31T00:00:00Z' } });
		expect((await trigger.poll()).items).toEqual([]);
		expect(stateOf(trigger).seen).toHaveProperty([first]);
		// Read in Outlook: delta brings the message again, as a change.
		emulator.store.updateMessage(ADELE.id, first, { isRead: true });
		expect((await trigger.poll()).items).toEqual([]);
		expect(log.warnings()).toEqual([]);
	});

	it(`replaces a seen list of 1,000,000 entries (the cap is ${MAX_SEEN}) without blowing the stack`, async () => {
		const trigger = await triggerInUse();
		const state = stateOf(trigger);
		const seen: Record<string, string> = {};
		for (let index = 0; index < 1_000_000; index++) seen[`AAMk${index}`] = '2026-12-01T09:00:00Z';
		setState(trigger, { ...state, seen });
		await expectFreshStart(trigger, new RegExp(`\\(seen holds more than ${MAX_SEEN} entries\\)`));
		expect(Object.keys(stateOf(trigger).seen).length).toBeLessThan(100);
	}, 60_000);

	it(`replaces a pending list longer than ${MAX_PENDING}`, async () => {
		const trigger = await triggerInUse();
		const pending = Array.from({ length: MAX_PENDING + 1 }, (_, index) => ({
			id: `AAMk${index}`,
			folder: 'inbox',
			receivedDateTime: '2026-12-01T09:00:00Z',
		}));
		setState(trigger, { ...stateOf(trigger), pending });
		await expectFreshStart(trigger, new RegExp(`\\(pending holds more than ${MAX_PENDING} entries\\)`));
	});

	it('never follows a stored delta link on another origin: the foreign host sees nothing', async () => {
		const trigger = await triggerInUse();
		const state = stateOf(trigger);
		const stored = new URL(state.folders.inbox.link!);
		for (const hostName of ['graph.evil.example', 'attacker.example']) {
			log.lines.length = 0;
			emulator.clearRequests();
			setState(trigger, {
				...stateOf(trigger),
				folders: { inbox: { link: `${foreign.host.origin(hostName)}${stored.pathname}${stored.search}`, initialRoundDone: true } },
			});
			await expectFreshStart(trigger, /stored link of folder "inbox" is on another origin than the credential's Graph endpoint/);
			emulator.clearRequests();
		}
		expect(foreign.host.requests).toEqual([]);
	});

	it('never follows a stored link that carries credentials', async () => {
		const trigger = await triggerInUse();
		const link = new URL(stateOf(trigger).folders.inbox.link!);
		link.username = 'user';
		link.password = 'secret';
		setState(trigger, { ...stateOf(trigger), folders: { inbox: { link: link.toString(), initialRoundDone: true } } });
		await expectFreshStart(trigger, /carries credentials or a fragment/);
	});

	it('never follows a stored delta link into another mailbox, in any of the forms Graph writes', async () => {
		// A real delta link of Alex's inbox, made by a trigger watching Alex.
		const alexTrigger = new TriggerHarness(emulator, { mailbox: ALEX.userPrincipalName });
		await alexTrigger.poll();
		arrive(ALEX.id);
		const alexLink = new URL(stateOf(alexTrigger, ALEX.userPrincipalName).folders.inbox.link!);
		const token = alexLink.searchParams.get('$deltatoken');
		const forms = [
			alexLink.toString(),
			`${emulator.graphBaseUrl}/v1.0/users/${ALEX.userPrincipalName.toLowerCase()}/mailFolders/inbox/messages/delta?$deltatoken=${token}`,
			`${emulator.graphBaseUrl}/v1.0/users('${encodeURIComponent(ALEX.id)}')/mailfolders('inbox')/messages/delta?$deltatoken=${token}`,
			`${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ALEX.id)}/mailFolders/inbox/messages/microsoft.graph.delta?$deltatoken=${token}`,
		];
		const trigger = await triggerInUse();
		for (const link of forms) {
			log.lines.length = 0;
			emulator.clearRequests();
			setState(trigger, { ...stateOf(trigger), folders: { inbox: { link, initialRoundDone: true } } });
			await expectFreshStart(trigger, /stored link of folder "inbox" addresses another mailbox/);
			expect(emulator.requests.filter((request) => /alex|9b3e7d2f/i.test(request.rawUrl))).toEqual([]);
		}
	});

	it('accepts its own mailbox written by Graph in another case or form, and follows the link', async () => {
		const trigger = await triggerInUse();
		const link = new URL(stateOf(trigger).folders.inbox.link!);
		const other = `${link.origin}/v1.0/users/${encodeURIComponent(ADELE.userPrincipalName.toUpperCase())}/mailFolders/INBOX/messages/delta${link.search}`;
		setState(trigger, { ...stateOf(trigger), folders: { inbox: { link: other, initialRoundDone: true } } });
		const message = arrive();
		const poll = await trigger.poll();
		expect(log.warnings()).toEqual([]);
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((item) => item.json.id)).toEqual([message.id]);
		expect(graphRequests().map((request) => request.rawUrl)).toEqual([other.slice(link.origin.length)]);
		expect(foreign.host.requests).toEqual([]);
	});

	it('never follows a stored link into another folder of the mailbox', async () => {
		const archiveTrigger = new TriggerHarness(emulator, { folders: ['archive'] });
		await archiveTrigger.poll();
		const archiveLink = stateOf(archiveTrigger).folders.archive.link!;
		const trigger = await triggerInUse();
		setState(trigger, { ...stateOf(trigger), folders: { inbox: { link: archiveLink, initialRoundDone: true } } });
		await expectFreshStart(trigger, /stored link of folder "inbox" addresses another folder/);
	});

	it.each<[string, (state: State) => unknown, RegExp]>([
		[
			'a startedAt that closes the date and adds a clause',
			(state) => ({ ...state, startedAt: "2026-01-01T00:00:00Z or subject eq 'x'", folders: { inbox: {} } }),
			/\(startedAt is not an ISO date\)/,
		],
		[
			'a seen date that would widen a resync',
			(state) => ({ ...state, seen: { AAMkAGI2: '2026-01-01T00:00:00Z) or (true' } }),
			/seen holds a receivedDateTime that is not an ISO date/,
		],
		[
			'a pending date with a clause',
			(state) => ({ ...state, pending: [{ id: 'AAMkAGI2', folder: 'inbox', receivedDateTime: '2026-12-01 or true' }] }),
			/a pending message has no valid receivedDateTime/,
		],
		[
			'a stored first link whose $filter holds a clause',
			(state) => ({
				...state,
				folders: {
					inbox: {
						link: `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox/messages/delta?$filter=${encodeURIComponent("receivedDateTime ge 2026-01-01T00:00:00Z or isRead eq false")}`,
					},
				},
			}),
			/has a \$filter other than on a received date/,
		],
		[
			'a stored link with a query option the trigger never uses',
			(state) => ({
				...state,
				folders: { inbox: { link: `${state.folders.inbox.link}&$search=${encodeURIComponent('"x"')}`, initialRoundDone: true } },
			}),
			/has a query option the trigger never uses/,
		],
	])('keeps %s out of every $filter', async (_, corrupt, warning) => {
		const trigger = await triggerInUse();
		setState(trigger, corrupt(stateOf(trigger)));
		await expectFreshStart(trigger, warning);
		expect(graphRequests().some((request) => /\bor\b|\$search/.test(request.rawUrl))).toBe(false);
	});

	it('replaces a corrupted state with one that starts from now even when existing mail is asked for', async () => {
		const trigger = new TriggerHarness(emulator, { options: { includeExisting: true } });
		// The activation emits the mail already there (in batches); the folder still holds it.
		while ((await trigger.poll()).items.length > 0);
		expect(trigger.emitted.length).toBeGreaterThan(1);
		const emittedBefore = trigger.emitted.length;
		emulator.clearRequests();
		setState(trigger, { ...stateOf(trigger), seen: 'broken' });
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items).toEqual([]);
		expect(trigger.emitted).toHaveLength(emittedBefore);
		expect(log.warnings()).toEqual([expect.stringMatching(/\(seen is not an object\)/)]);
		expect(deltaFilters()).toEqual([expect.stringMatching(/^receivedDateTime ge /)]);
		const next = arrive();
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([next.id]);
	});

	it('drops a pending message Graph answers 400 for, as one it answers 404 for, instead of failing every poll', async () => {
		const trigger = new TriggerHarness(emulator, {}, emulatorCredential(emulator, { retryMode: 'None' }));
		await trigger.poll();
		const state = stateOf(trigger);
		const gone = arrive();
		emulator.store.deleteMessage(ADELE.id, gone.id);
		setState(trigger, {
			...state,
			pending: [
				{ id: 'AAMk-malformed', folder: 'inbox', receivedDateTime: '2026-12-01T09:00:00Z' },
				{ id: gone.id, folder: 'inbox', receivedDateTime: '2026-12-01T09:00:01Z' },
			],
		});
		emulator.faults.add({ method: 'GET', path: `/v1.0/users/${ADELE.userPrincipalName}/messages/AAMk-malformed`, status: 400, body: { error: { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' } }, times: Infinity });
		emulator.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items).toEqual([]);
		expect(stateOf(trigger).pending).toEqual([]);
		expect(
			graphRequests()
				.filter((request) => /\/messages\/(?!delta$)[^/]+$/.test(request.path))
				.map((request) => [request.path.split('/').pop(), request.status]),
		).toEqual([
			['AAMk-malformed', 400],
			[gone.id, 404],
		]);
		expect(log.warnings()).toEqual([]);
		const next = arrive();
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([next.id]);
		expect(foreign.host.requests).toEqual([]);
	});

	it('fails the poll, keeping its state, when Graph itself hands out a delta link into another mailbox', async () => {
		const trigger = await triggerInUse();
		const before = JSON.stringify(trigger.staticData);
		emulator.faults.add({
			method: 'GET',
			path: `/v1.0/users/${ADELE.userPrincipalName}/mailFolders/inbox/messages/delta`,
			status: 200,
			body: {
				value: [],
				'@odata.deltaLink': `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ALEX.userPrincipalName)}/mailFolders/inbox/messages/delta?$deltatoken=x`,
			},
		});
		const poll = await trigger.poll();
		expect(poll.error?.message).toMatch(/^Graph returned a delta link that addresses another mailbox; it was not followed or kept/);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(emulator.requests.filter((request) => /alex/i.test(request.rawUrl))).toEqual([]);
		const next = arrive();
		expect((await trigger.poll()).items.map((item) => item.json.id)).toEqual([next.id]);
	});
});

describe('security: stored trigger state of other settings', () => {
	it('starts again, with a warning, when the stored state was made for another mailbox', async () => {
		const trigger = await triggerInUse();
		const alexTrigger = new TriggerHarness(emulator, { mailbox: ALEX.userPrincipalName });
		alexTrigger.staticData = trigger.staticData;
		arrive(ALEX.id);
		const poll = await alexTrigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items).toEqual([]);
		expect(log.warnings()).toEqual([expect.stringMatching(/its stored state was made for another mailbox, other folders or another start option/)]);
		// Graph: Alex's mailbox read from a fresh first link, never through Adele's stored link.
		expect(graphRequests().map((request) => request.path)).toEqual([`/v1.0/users/${ALEX.userPrincipalName}/mailFolders/inbox/messages/delta`]);
		expect(deltaFilters()).toEqual([expect.stringMatching(/^receivedDateTime ge /)]);
		const next = arrive(ALEX.id);
		expect((await alexTrigger.poll()).items.map((item) => item.json.id)).toEqual([next.id]);
		expect(foreign.host.requests).toEqual([]);
	});
});
