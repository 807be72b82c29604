import { rmSync } from 'node:fs';

import { loadState } from './state';

/** Removes the run's temporary folder; OUTLOOK_MAIL_APP_E2E_KEEP=1 keeps it (n8n user folders, databases) to look into. */
export default async function globalTeardown(): Promise<void> {
	const { work } = loadState();
	if (process.env.OUTLOOK_MAIL_APP_E2E_KEEP === '1') {
		process.stderr.write(`[e2e] kept ${work}\n`);
		return;
	}
	rmSync(work, { recursive: true, force: true });
}
