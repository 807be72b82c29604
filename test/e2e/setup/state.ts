import type { N8nInstall } from '../harness/n8n';

/** What global setup prepared, handed to the test files through the environment (workers inherit it). */
export interface E2eState {
	install: N8nInstall;
	/** Temporary folder for this run (user folders, logs of CLI runs). */
	work: string;
	/** The laid-out package (N8N_CUSTOM_EXTENSIONS). */
	extensions: string;
	/** A migrated, empty n8n user folder to copy. */
	templateUserFolder: string;
	encryptionKey: string;
}

const VARIABLE = 'OUTLOOK_MAIL_APP_E2E_STATE';

export function saveState(state: E2eState): void {
	process.env[VARIABLE] = JSON.stringify(state);
}

export function loadState(): E2eState {
	const text = process.env[VARIABLE];
	if (!text) throw new Error('the end-to-end suite runs through `npm run test:e2e` (jest -c jest.e2e.config.js), whose global setup prepares n8n');
	return JSON.parse(text) as E2eState;
}
