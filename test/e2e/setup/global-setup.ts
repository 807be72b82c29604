import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ARTIFACTS_DIR, createTemplateUserFolder, layOutPackage, provisionN8n } from '../harness/n8n';
import { saveState } from './state';

/** Once per run: n8n provisioned (or reused from its cache), the built package laid out, a migrated user folder. */
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
	const work = mkdtempSync(join(tmpdir(), 'outlook-mail-app-e2e-'));
	const extensions = layOutPackage(join(work, 'n8n-nodes-outlook-mail-app'));
	log(`package laid out in ${extensions} (${lap()} s)`);
	const encryptionKey = 'outlook-mail-app-e2e-encryption-key';
	const templateUserFolder = await createTemplateUserFolder(install, join(work, 'user-template'), extensions, encryptionKey);
	log(`template n8n user folder migrated (${lap()} s)`);
	saveState({ install, work, extensions, templateUserFolder, encryptionKey });
}
