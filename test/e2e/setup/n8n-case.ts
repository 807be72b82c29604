import { join } from 'node:path';

import { SAMPLE, type Emulator } from '../../emulator';
import {
	ARTIFACTS_DIR,
	executeWorkflow,
	freshUserFolder,
	importCredentials,
	importWorkflows,
	n8nEnv,
	N8nServer,
	type ExecutionRun,
} from '../harness/n8n';
import { freePort } from '../harness/ports';
import { emulatorCredential, type WorkflowJson } from '../harness/workflows';
import { loadState } from './state';

/**
 * One case: a fresh n8n user folder (a copy of the migrated, empty template) with the emulator's credential
 * imported, its own ports, and the package loaded from N8N_CUSTOM_EXTENSIONS.
 */
export class N8nCase {
	readonly state = loadState();

	private constructor(
		readonly name: string,
		readonly userFolder: string,
		readonly env: NodeJS.ProcessEnv,
	) {}

	static async create(name: string, emulator: Emulator): Promise<N8nCase> {
		const state = loadState();
		const userFolder = freshUserFolder(state.templateUserFolder, state.work, name);
		const env = n8nEnv(state.install, {
			userFolder,
			extensions: state.extensions,
			encryptionKey: state.encryptionKey,
			port: await freePort(),
			brokerPort: await freePort(),
		});
		const credential = emulatorCredential(
			{ tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl },
			{ ...SAMPLE.apps.full, defaultUserId: SAMPLE.users.adele.userPrincipalName },
		);
		await importCredentials(state.install, env, [credential]);
		return new N8nCase(name, userFolder, env);
	}

	async importWorkflows(...workflows: WorkflowJson[]): Promise<void> {
		await importWorkflows(this.state.install, this.env, workflows);
	}

	/** Imports the workflow and runs it with `n8n execute --id --rawOutput`. */
	async run(workflow: WorkflowJson): Promise<ExecutionRun> {
		await this.importWorkflows(workflow);
		return await executeWorkflow(this.state.install, this.env, workflow.id);
	}

	/** `n8n start` on this case's folder; its log goes to test/e2e/artifacts/<name>-n8n.log. */
	async start(): Promise<N8nServer> {
		return await N8nServer.start(this.state.install, {
			env: this.env,
			logFile: join(ARTIFACTS_DIR, `${this.name}-n8n.log`),
			killOnSignals: true,
		});
	}
}
