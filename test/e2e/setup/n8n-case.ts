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
	uninstallCommunityPackage,
	type ExecutionRun,
} from '../harness/n8n';
import { freePort } from '../harness/ports';
import { emulatorCredential, type WorkflowJson } from '../harness/workflows';
import { loadState } from './state';

export interface N8nCaseOptions {
	/**
	 * How n8n gets the package: `installed` (default), as a community package in the user folder, the way
	 * users install it; or `customExtensions`, from N8N_CUSTOM_EXTENSIONS (node types `CUSTOM.<node>`).
	 */
	loading?: 'installed' | 'customExtensions';
	/** Credentials to import instead of the emulator's default one (full app, Adele's mailbox). */
	credentials?: object[];
	/** More environment variables for every n8n process of the case. */
	env?: Record<string, string>;
	/**
	 * Set WEBHOOK_URL to n8n's own loopback address (`http://127.0.0.1:<port>/`): the URL n8n gives webhook
	 * nodes, which the emulator posts change notifications to (behind a reverse proxy it is the public https one).
	 */
	webhookUrl?: boolean;
}

/**
 * One case: a fresh n8n user folder (a copy of the migrated template, which has the package installed)
 * with the emulator's credential imported and its own ports.
 */
export class N8nCase {
	readonly state = loadState();

	private constructor(
		readonly name: string,
		readonly userFolder: string,
		readonly env: NodeJS.ProcessEnv,
	) {}

	static async create(name: string, emulator: Emulator, options: N8nCaseOptions = {}): Promise<N8nCase> {
		const state = loadState();
		const userFolder = freshUserFolder(state.templateUserFolder, join(state.work, 'cases'), name);
		const customExtensions = options.loading === 'customExtensions';
		// Both at once would load the credential type twice.
		if (customExtensions) uninstallCommunityPackage(userFolder);
		const port = await freePort();
		const env = n8nEnv(state.install, {
			userFolder,
			extensions: customExtensions ? state.extensions : undefined,
			encryptionKey: state.encryptionKey,
			port,
			brokerPort: await freePort(),
			extra: { ...(options.webhookUrl ? { WEBHOOK_URL: `http://127.0.0.1:${port}/` } : {}), ...options.env },
		});
		const credentials = options.credentials ?? [
			emulatorCredential(
				{ tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl },
				{ ...SAMPLE.apps.full, defaultUserId: SAMPLE.users.adele.userPrincipalName },
			),
		];
		if (credentials.length) await importCredentials(state.install, env, credentials);
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
