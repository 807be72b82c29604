import type { Logger } from 'n8n-workflow';

import { OutlookMailAppTrigger } from '../../../nodes/OutlookMailAppTrigger/OutlookMailAppTrigger.node';
import { pollContextFor } from '../../helpers/n8n';

export interface LogLine {
	level: 'warn' | 'error' | 'info';
	message: string;
	metadata?: unknown;
}

/**
 * n8n's own logger (the one `this.logger` gives a node: a process-wide instance from n8n's container), with its
 * warn, error and info lines recorded instead of printed while each test runs.
 */
export function useN8nLog(): { lines: LogLine[]; warnings(): string[] } {
	const lines: LogLine[] = [];
	const spies: jest.SpyInstance[] = [];
	beforeEach(() => {
		lines.length = 0;
		const logger = n8nLogger();
		for (const level of ['warn', 'error', 'info'] as const) {
			spies.push(
				jest.spyOn(logger, level).mockImplementation((message: string, metadata?: unknown) => {
					lines.push({ level, message, metadata });
				}),
			);
		}
	});
	afterEach(() => {
		for (const spy of spies.splice(0)) spy.mockRestore();
	});
	return { lines, warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message) };
}

/** The logger n8n hands every node context. */
function n8nLogger(): Logger {
	const { context } = pollContextFor(
		{
			nodes: [
				{
					id: 'log',
					name: 'Log',
					type: 'outlookMailAppTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
		},
		'Log',
		{ nodeTypes: { outlookMailAppTrigger: new OutlookMailAppTrigger() }, credentials: {} },
	);
	return context.logger;
}
