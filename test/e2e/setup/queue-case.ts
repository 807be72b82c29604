/**
 * What the queue-mode files share: their services (Redis, PostgreSQL and a template database), the flatted
 * parser n8n's REST API needs, waiting for executions, and the figures they record for the README.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { SAMPLE, type Emulator } from '../../emulator';
import { ARTIFACTS_DIR } from '../harness/n8n';
import { QueueServices, type QueueCluster } from '../harness/queue-cluster';
import type { ExecutionSummary } from '../harness/rest';
import { waitFor } from '../harness/wait';
import { emulatorCredential, type WorkflowJson } from '../harness/workflows';
import { loadState } from './state';

/** Redis, PostgreSQL and the template database (the emulator's credential and these workflows). */
export async function startQueueServices(name: string, emulator: Emulator, workflows: WorkflowJson[]): Promise<QueueServices> {
	const state = loadState();
	const services = await QueueServices.start({ install: state.install, templateUserFolder: state.templateUserFolder, encryptionKey: state.encryptionKey, name });
	try {
		const credential = emulatorCredential(
			{ tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl },
			{ ...SAMPLE.apps.full, defaultUserId: SAMPLE.users.adele.userPrincipalName },
		);
		await services.prepareTemplate([credential], workflows);
	} catch (error) {
		await services.stop();
		throw error;
	}
	return services;
}

/** flatted's parse, from n8n's own installation (the format of run data in n8n's REST answers). */
export function flattedParse(): (text: string) => unknown {
	const flatted = createRequire(__filename)(join(loadState().install.dir, 'node_modules', 'flatted')) as { parse: (text: string) => unknown };
	return flatted.parse;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until the workflow has `count` executions (at least) and all of them have finished. */
export async function finishedExecutions(cluster: QueueCluster, workflowId: string, count: number, timeoutMs: number): Promise<ExecutionSummary[]> {
	return await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const list = await cluster.rest.executions(workflowId);
			return list.length >= count && list.every((execution) => FINISHED.has(execution.status)) && list;
		},
		{ timeoutMs, intervalMs: 500, detail: () => `main log (${cluster.main.logFile}):\n${cluster.main.server?.logTail(30)}` },
	);
}

/** Results of the queue-mode files, merged into test/e2e/artifacts/queue-mode-results.json. */
export function recordResults(section: string, results: unknown): void {
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const file = join(ARTIFACTS_DIR, 'queue-mode-results.json');
	let all: Record<string, unknown> = {};
	try {
		all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		// first section of the run
	}
	all[section] = results;
	writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
	process.stderr.write(`[e2e] ${section}: ${JSON.stringify(results)}\n`);
}
