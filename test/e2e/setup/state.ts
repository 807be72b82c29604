import type { N8nInstall } from '../harness/n8n';

/** What global setup prepared, handed to the test files through the environment (workers inherit it). */
export interface E2eState {
	install: N8nInstall;
	/** Temporary folder for this run (user folders, logs of CLI runs). */
	work: string;
	/** The packed package (`npm pack`), as the registry would serve it. */
	tarball: string;
	/** The package laid out for N8N_CUSTOM_EXTENSIONS, for the one case that loads it that way. */
	extensions: string;
	/** A migrated n8n user folder with the package installed as a community package and nothing else: copied for each case. */
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
