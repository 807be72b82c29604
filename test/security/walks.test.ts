/**
 * Area 4, bounded walks: folder listings keep a visited set and a depth and count limit, whatever Graph
 * answers, in Folder > Get Many (recursive), Folder > Get with its path, the folder list search and the
 * trigger's folder list.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { searchFolders } from '../../nodes/OutlookMailApp/methods/listSearch';
import { OutlookMailApp } from '../../nodes/OutlookMailApp/OutlookMailApp.node';
import { OutlookMailAppTrigger } from '../../nodes/OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import { SAMPLE, type Emulator } from '../emulator';
import { linearWorkflow, pollContextFor } from '../helpers/n8n';
import { emulatorCredential, graphCalls, runOutlook, useEmulator } from '../helpers/outlook';
import { useForeignHost } from './helpers/foreignHost';
import { MAX_FOLDER_DEPTH, MAX_FOLDERS } from '../../nodes/shared/mail/folders';

let emulator: Emulator;
useEmulator((started) => (emulator = started));
const foreign = useForeignHost();

const ADELE = SAMPLE.users.adele;
/** The decoded path of a mailbox route, as fault rules match it. */
const route = (rest: string) => `/v1.0/users/${ADELE.userPrincipalName}/${rest}`;
const listing = (value: unknown[]) => ({
	status: 200,
	body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(...)/mailFolders', value },
	times: Infinity,
});
const folder = (id: string, displayName: string, childFolderCount = 1, parentFolderId?: string) => ({
	id,
	displayName,
	parentFolderId,
	childFolderCount,
	unreadItemCount: 0,
	totalItemCount: 0,
	isHidden: false,
});

/** Inbox's children: Loop A; Loop A's: Loop B; Loop B's: Loop A again (its parent) and Inbox itself. */
function cycleUnderInbox() {
	const inbox = emulator.store.folder(ADELE.id, 'inbox');
	emulator.faults.add({ method: 'GET', path: route(`mailFolders/${inbox.id}/childFolders`), ...listing([folder('loop-a', 'Loop A')]) });
	emulator.faults.add({ method: 'GET', path: route('mailFolders/loop-a/childFolders'), ...listing([folder('loop-b', 'Loop B')]) });
	emulator.faults.add({
		method: 'GET',
		path: route('mailFolders/loop-b/childFolders'),
		...listing([folder('loop-a', 'Loop A'), folder(inbox.id, 'Inbox', 1)]),
	});
	return inbox;
}

const childListings = () => graphCalls(emulator.requests).filter((call) => call.includes('/childFolders'));

function loadOptionsContext(type: string, node: INodeType, parameters: INodeParameters) {
	const { workflow, context } = pollContextFor(linearWorkflow([{}], [{ name: 'Node', type, parameters }]), 'Node', {
		nodeTypes: { [type]: node },
		credentials: { outlookMailAppApi: emulatorCredential(emulator) },
	});
	emulator.clearRequests();
	return new LoadOptionsContext(workflow, workflow.getNode('Node')!, { ...context.additionalData, currentNodeParameters: parameters }, 'parameters.folderId');
}

describe('security: bounded folder walks', () => {
	it('Folder > Get Many (recursive): a child listing that names an ancestor again is skipped, never looped', async () => {
		cycleUnderInbox();
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			options: { recursive: true },
		});
		// The user: every folder once, with its path; no error.
		expect(run.error).toBeUndefined();
		const paths = run.items.map((item) => String(item.json.path));
		expect(paths.filter((path) => path.startsWith('Inbox/'))).toEqual(['Inbox/Loop A', 'Inbox/Loop A/Loop B']);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(run.items.length);
		// Graph: each folder's children listed once.
		const listed = childListings();
		expect(listed.filter((call) => call.includes('/loop-a/'))).toHaveLength(1);
		expect(listed.filter((call) => call.includes('/loop-b/'))).toHaveLength(1);
		expect(new Set(listed).size).toBe(listed.length);
		expect(foreign.host.requests).toEqual([]);
	});

	it('the folder list search and the trigger folder list end on the same cycle, each folder once', async () => {
		cycleUnderInbox();
		const search = await searchFolders.call(
			loadOptionsContext('outlookMailApp', new OutlookMailApp(), { resource: 'folder', operation: 'get' }),
		);
		expect(search.results.map((result) => result.name).filter((name) => name.startsWith('Inbox/'))).toEqual([
			'Inbox/Loop A',
			'Inbox/Loop A/Loop B',
		]);
		expect(childListings().filter((call) => call.includes('/loop-b/'))).toHaveLength(1);

		const trigger = new OutlookMailAppTrigger();
		const options = await trigger.methods.loadOptions.getFolders.call(
			loadOptionsContext('outlookMailAppTrigger', trigger, { folders: ['inbox'] }),
		);
		expect(options.map((option) => option.name).filter((name) => name.startsWith('Inbox/'))).toEqual([
			'Inbox/Loop A',
			'Inbox/Loop A/Loop B',
		]);
		expect(childListings().filter((call) => call.includes('/loop-a/'))).toHaveLength(1);
		expect(foreign.host.requests).toEqual([]);
	});

	it(`stops a tree deeper than ${MAX_FOLDER_DEPTH} levels with an error naming the depth limit`, async () => {
		let parent = emulator.store.folder(ADELE.id, 'inbox');
		for (let level = 1; level <= MAX_FOLDER_DEPTH + 1; level++) parent = emulator.store.addFolder(ADELE.id, parent.id, `L${level}`);
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			parentFolderId: { mode: 'id', value: 'inbox' },
			options: { recursive: true },
		});
		expect(run.error?.message).toMatch(
			new RegExp(`^The folder tree below "Inbox" is deeper than ${MAX_FOLDER_DEPTH} levels \\(the depth limit of a folder walk\\)`),
		);
		// Graph: one listing per level down to the limit, none below it.
		expect(childListings()).toHaveLength(MAX_FOLDER_DEPTH);
		expect(foreign.host.requests).toEqual([]);
	});

	it(`stops a listing of more than ${MAX_FOLDERS} folders with an error naming the count limit`, async () => {
		// Graph answers page after page of 1000 new folders, each with a next page: only the count limit ends it.
		const pages = Math.ceil((MAX_FOLDERS + 1) / 1000) + 2;
		for (let page = 0; page < pages; page++) {
			emulator.faults.add({
				method: 'GET',
				path: route('mailFolders/inbox/childFolders'),
				status: 200,
				body: {
					value: Array.from({ length: 1000 }, (_, index) => folder(`f-${page}-${index}`, `F${page}-${index}`, 0)),
					'@odata.nextLink': `${emulator.graphBaseUrl}/v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/inbox/childFolders?$skiptoken=${page + 1}`,
				},
			});
		}
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			parentFolderId: { mode: 'id', value: 'inbox' },
		});
		expect(run.error?.message).toMatch(/^There are more than 10,000 folders to list \(the count limit of a folder walk\): set a Limit/);
		expect(childListings()).toHaveLength(Math.ceil((MAX_FOLDERS + 1) / 1000));
		expect(emulator.faults.list()).toHaveLength(2);
		expect(foreign.host.requests).toEqual([]);
	});

	it('Folder > Get with its path refuses parents that form a cycle, after one request per folder', async () => {
		emulator.faults.add({
			method: 'GET',
			path: route('mailFolders/loop-a'),
			status: 200,
			body: folder('loop-a', 'Loop A', 0, 'loop-b'),
			times: Infinity,
		});
		emulator.faults.add({
			method: 'GET',
			path: route('mailFolders/loop-b'),
			status: 200,
			body: folder('loop-b', 'Loop B', 1, 'loop-a'),
			times: Infinity,
		});
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'get',
			folderId: { mode: 'id', value: 'loop-a' },
			options: { includePath: true },
		});
		expect(run.error?.message).toMatch(/^Graph returned folders whose parents form a cycle \(folder "Loop A" is its own ancestor\)/);
		const calls = graphCalls(emulator.requests);
		expect(calls.filter((call) => /mailFolders\/loop-a\?/.test(call))).toHaveLength(2);
		expect(calls.filter((call) => /mailFolders\/loop-b\?/.test(call))).toHaveLength(1);
		expect(foreign.host.requests).toEqual([]);
	});

	it('walks a child folder whose ID is a URL on another host as one encoded segment on Graph', async () => {
		const hostile = `${foreign.host.origin('attacker.example')}/v1.0/users/x/mailFolders`;
		emulator.faults.add({ method: 'GET', path: route('mailFolders/inbox/childFolders'), ...listing([folder(hostile, 'Odd')]) });
		emulator.faults.add({ method: 'GET', path: route(`mailFolders/${hostile}/childFolders`), ...listing([]) });
		const run = await runOutlook(emulator, {
			resource: 'folder',
			operation: 'getMany',
			returnAll: true,
			parentFolderId: { mode: 'id', value: 'inbox' },
			options: { recursive: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.path)).toEqual(['Inbox/Odd']);
		expect(childListings()).toContain(
			`GET /v1.0/users/${encodeURIComponent(ADELE.userPrincipalName)}/mailFolders/${encodeURIComponent(hostile)}/childFolders?$select=id%2CdisplayName%2CparentFolderId%2CchildFolderCount%2CunreadItemCount%2CtotalItemCount%2CisHidden&$top=1000`,
		);
		expect(foreign.host.requests).toEqual([]);
	});
});
