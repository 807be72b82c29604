import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ARTIFACTS_DIR, createTemplateUserFolder, layOutPackage, packPackage, provisionN8n } from '../harness/n8n';
import { saveState } from './state';

/**
 * Once per run: n8n provisioned (or reused from its cache), the built package packed, a migrated user folder
 * with the package installed as n8n's installer installs it, and a custom-extensions layout for the one case
 * that loads it from N8N_CUSTOM_EXTENSIONS.
 */
export default async function globalSetup(): Promise<void> {
	const log = (message: string) => process.stderr.write(`[e2e] ${message}\n`);
	let started = Date.now();
	const lap = () => {
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		started = Date.now();
		return seconds;
	};
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	log('provisioning n8n (scripts/provision-n8n.sh)');
	const install = provisionN8n();
	log(`n8n ready in ${install.dir} (${lap()} s)`);
	// Outside the clone: a node_modules above the installed package would hand it this repository's n8n-workflow.
	const work = mkdtempSync(join(tmpdir(), 'outlook-mail-app-e2e-'));
	const tarball = packPackage(join(work, 'pack'));
	const encryptionKey = 'outlook-mail-app-e2e-encryption-key';
	const templateUserFolder = await createTemplateUserFolder(install, join(work, 'user-template'), tarball, encryptionKey);
	log(`package installed as a community package in a migrated template user folder (${lap()} s)`);
	const extensions = layOutPackage(join(work, 'custom-extensions', 'n8n-nodes-outlook-mail-app'), tarball);
	log(`package laid out for N8N_CUSTOM_EXTENSIONS in ${extensions} (${lap()} s)`);
	saveState({ install, work, tarball, extensions, templateUserFolder, encryptionKey });
}
