import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OutlookMailAppTrigger } from '../../nodes/OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import type { Emulator } from '../emulator';
import { pollContextFor } from '../helpers/n8n';
import { emulatorCredential } from '../helpers/outlook';

/**
 * Polls the trigger the way n8n does between ticks: a new Workflow each time, built from static data that
 * was serialised to JSON after the previous successful poll (a failed poll's changes are not kept).
 */
export class TriggerHarness {
	staticData: IDataObject = {};
	readonly emitted: INodeExecutionData[] = [];

	/** What the poll context's getPollBudgetMs answers (n8n's default when unset: 5 minutes). */
	pollBudgetMs?: number;

	constructor(
		emulator: Emulator,
		private readonly parameters: INodeParameters = {},
		private readonly credential: ICredentialDataDecryptedObject = emulatorCredential(emulator),
	) {}

	private context(mode: 'trigger' | 'manual') {
		const built = this.build(mode);
		const budget = this.pollBudgetMs;
		if (budget !== undefined) Object.defineProperty(built.context, 'getPollBudgetMs', { value: () => budget });
		return built;
	}

	private build(mode: 'trigger' | 'manual') {
		return pollContextFor(
			{
				nodes: [
					{
						id: 'trigger',
						name: 'Trigger',
						type: 'outlookMailAppTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: this.parameters,
						credentials: { outlookMailAppApi: { id: '1', name: 'Outlook Mail (App) account' } },
					},
				],
				connections: {},
				staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
			},
			'Trigger',
			{
				nodeTypes: { outlookMailAppTrigger: new OutlookMailAppTrigger() },
				credentials: { outlookMailAppApi: this.credential },
				mode,
			},
		);
	}

	/** One poll; returns the items it emitted, or the error it failed with. */
	async poll(): Promise<{ items: INodeExecutionData[]; error?: Error }> {
		const { workflow, context } = this.context('trigger');
		try {
			const result = await new OutlookMailAppTrigger().poll.call(context);
			const items = result?.[0] ?? [];
			this.emitted.push(...items);
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			return { items };
		} catch (error) {
			return { items: [], error: error as Error };
		}
	}

	/** "Fetch Test Event". */
	async manual(): Promise<{ items: INodeExecutionData[]; staticData: IDataObject }> {
		const { workflow, context } = this.context('manual');
		const result = await new OutlookMailAppTrigger().poll.call(context);
		return { items: result?.[0] ?? [], staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
	}
}
