import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { OutlookMailAppTrigger } from '../../nodes/OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import { SAMPLE, type Emulator } from '../emulator';
import { pollContextFor } from '../helpers/n8n';
import { emulatorCredential, useEmulator } from '../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

const ADELE = SAMPLE.users.adele.id;

/** The context n8n gives the trigger's "Folder Names or IDs" list while a user edits the node. */
async function folderOptions(parameters: INodeParameters = {}): Promise<INodePropertyOptions[]> {
	const { workflow, context } = pollContextFor(
		{
			nodes: [
				{
					id: 'trigger',
					name: 'Trigger',
					type: 'outlookMailAppTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters,
					credentials: { outlookMailAppApi: { id: '1', name: 'Outlook Mail (App) account' } },
				},
			],
			connections: {},
		},
		'Trigger',
		{ nodeTypes: { outlookMailAppTrigger: new OutlookMailAppTrigger() }, credentials: { outlookMailAppApi: emulatorCredential(emulator) } },
	);
	const additionalData = { ...context.additionalData, currentNodeParameters: parameters };
	const loadOptions = new LoadOptionsContext(workflow, workflow.getNode('Trigger')!, additionalData, 'parameters.folders');
	return await new OutlookMailAppTrigger().methods.loadOptions.getFolders.call(loadOptions);
}

describe('Trigger > Folder Names or IDs', () => {
	it('lists each folder once, by full path, with well-known folders under their display name and well-known value', async () => {
		emulator.store.addFolder(ADELE, 'archive', 'Old clients');
		const options = await folderOptions();
		expect(options.map((option) => option.name)).toEqual([
			'Archive',
			'Archive/Old clients',
			'Conversation History',
			'Deleted Items',
			'Drafts',
			'Inbox',
			'Inbox/Projects',
			'Junk Email',
			'Outbox',
			'Sent Items',
		]);
		const value = (name: string) => options.find((option) => option.name === name)?.value;
		expect([value('Inbox'), value('Archive'), value('Sent Items'), value('Deleted Items'), value('Junk Email')]).toEqual([
			'inbox',
			'archive',
			'sentitems',
			'deleteditems',
			'junkemail',
		]);
		expect(value('Inbox/Projects')).toBe(emulator.store.childFolders(ADELE, emulator.store.folder(ADELE, 'inbox').id)[0].id);
		expect(new Set(options.map((option) => option.value)).size).toBe(options.length);
	});

	it('names a renamed well-known folder by its display name, and keeps its well-known value', async () => {
		const inbox = emulator.store.folder(ADELE, 'inbox');
		inbox.displayName = 'Posteingang';
		const options = await folderOptions();
		expect(options.filter((option) => option.value === 'inbox').map((option) => option.name)).toEqual(['Posteingang']);
		expect(options.map((option) => option.name)).not.toContain('Inbox');
	});
});
