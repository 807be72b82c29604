/**
 * Test Connection in n8n's editor, in headless Chromium, with the package installed as a community package:
 * the owner opens an Outlook Mail (App) API credential, changes what a user would get wrong, saves it, and
 * the banner n8n shows says what happened. Saving is what makes n8n test a credential (POST
 * /rest/credentials/test); the test's answer is read from that response too, because n8n's success banner
 * shows its own fixed text, not the test's message.
 *
 * Screenshots: test/e2e/artifacts/credential-test-ok.png (success banner),
 * credential-test-common.png (the /common Token URL, details open).
 */
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { launchChromium, signIn, type Browser } from './harness/browser';
import { ARTIFACTS_DIR, type N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { emulatorCredential } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };
const { adele, alex } = SAMPLE.users;

/** n8n-editor-ui 2.41.1's texts for the two banners. */
const SUCCESS_BANNER = 'Connection tested successfully';
const FAILURE_BANNER = 'Couldn’t connect with these settings';

/** One credential per case, each a working one until the case changes a field in the editor. */
const CASES = {
	ok: { id: 'e2eCredTestOk0001', name: 'Test Connection: working' },
	common: { id: 'e2eCredTestCommon', name: 'Test Connection: /common Token URL' },
	secret: { id: 'e2eCredTestSecret', name: 'Test Connection: wrong secret' },
	consent: { id: 'e2eCredTestConsnt', name: 'Test Connection: app without consent' },
} as const;

let emulator: Emulator;
let server: N8nServer | undefined;
let browser: Browser | undefined;
let page: Page;
let rest: N8nRest;

beforeAll(async () => {
	emulator = await startEmulator();
	const endpoints = { tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl };
	const credentials = Object.values(CASES).map(({ id, name }) => ({
		...emulatorCredential(endpoints, { ...SAMPLE.apps.full, defaultUserId: adele.userPrincipalName }, name),
		id,
	}));
	const n8n = await N8nCase.create('credential-test', emulator, { credentials });
	server = await n8n.start();
	rest = new N8nRest(server.url);
	await rest.setupOwner(OWNER);
	browser = await launchChromium();
	page = await browser.context.newPage();
	page.setDefaultTimeout(30_000);
	await signIn(page, server.url, OWNER);
});

afterAll(async () => {
	if (page && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS_DIR, 'credential-last.png') }).catch(() => undefined);
	await browser?.close();
	await server?.stop();
	await emulator?.close();
});

interface Banner {
	/** The banner's text, with its details opened when it has "More details". */
	text: string;
	/** What n8n's credential test answered, as the editor received it. */
	answer: { status: string; message: string };
}

/** The banner n8n shows once a credential test has answered: its own success banner, or its failure banner (an Element Plus tag). */
const banners = () => ({
	success: page.locator('[data-test-id="credentials-config-container-test-success"]'),
	failure: page.locator('[data-test-id="credential-edit-dialog"] .el-tag').filter({ hasText: FAILURE_BANNER }),
});

/**
 * Opens the credential, waits for the test n8n runs when it opens one, types the given values into its
 * fields (by parameter name), clicks Save, and reads the banner n8n shows once the test of the saved values
 * has answered.
 */
async function saveAndReadBanner(id: string, fields: Record<string, string>): Promise<Banner> {
	await page.goto(`${server!.url}/home/credentials/${id}`);
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
	await dialog.waitFor({ state: 'visible' });
	await banners().success.or(banners().failure).first().waitFor({ state: 'visible' });
	for (const [name, value] of Object.entries(fields)) {
		await dialog.locator(`[data-test-id="parameter-input-${name}"] input`).fill(value);
	}
	const tested = page.waitForResponse((response) => {
		if (response.request().method() !== 'POST' || !response.url().endsWith('/rest/credentials/test')) return false;
		const sent = response.request().postDataJSON() as { credentials: { data: Record<string, unknown> } };
		return Object.entries(fields).every(([name, value]) => sent.credentials.data[name] === value);
	});
	await page.locator('[data-test-id="credential-save-button"]').click();
	const { data: answer } = (await (await tested).json()) as { data: Banner['answer'] };
	if (answer.status === 'OK') {
		const banner = banners().success;
		await banner.waitFor({ state: 'visible' });
		return { text: (await banner.innerText()).replace(/\s+/g, ' ').trim(), answer };
	}
	const banner = banners().failure.first();
	await banner.waitFor({ state: 'visible' });
	await banner.getByText('More details').click();
	await banner.getByText(answer.message.slice(0, 40)).waitFor({ state: 'visible' });
	return { text: (await banner.innerText()).replace(/\s+/g, ' ').trim(), answer };
}

describe('Test Connection in the editor, package installed as a community package', () => {
	it('the credential type reaches the editor with the nodes that test it (what N8N_CUSTOM_EXTENSIONS loses)', async () => {
		const types = await rest.getJson<{ name: string; supportedNodes?: string[] }[]>('/types/credentials.json');
		expect(types.find((type) => type.name === 'outlookMailAppApi')?.supportedNodes).toEqual(
			expect.arrayContaining(['n8n-nodes-outlook-mail-app.outlookMailApp', 'n8n-nodes-outlook-mail-app.outlookMailAppTrigger']),
		);
	});

	it('a working credential: the success banner, and an answer that names the mailbox and the permissions', async () => {
		const banner = await saveAndReadBanner(CASES.ok.id, { defaultUserId: alex.userPrincipalName });
		expect(banner.text).toContain(SUCCESS_BANNER);
		expect(banner.answer).toEqual({
			status: 'OK',
			message: `Connected to mailbox "${alex.userPrincipalName}". Application permissions: Mail.ReadWrite, Mail.Send.`,
		});
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'credential-test-ok.png') });
		process.stderr.write(`[e2e] banner (working credential): ${banner.text} | answer: ${banner.answer.message}\n`);
	});

	it.each([
		[
			'the multi-tenant /common Token URL',
			CASES.common.id,
			() => ({ tokenUrl: emulator.tokenUrl('common') }),
			/^The Token URL uses the multi-tenant "\/common" endpoint, which the client-credentials flow cannot use: replace "common" with your tenant ID/,
			'credential-test-common.png',
		],
		[
			'a wrong client secret',
			CASES.secret.id,
			() => ({ clientSecret: 'wrong-secret-value-123' }),
			/^The client secret is wrong: .*copy the secret's Value \(not its Secret ID\).*\(AADSTS7000215\)$/,
			undefined,
		],
		[
			'an app whose permissions are not admin-consented',
			CASES.consent.id,
			() => ({ clientId: SAMPLE.apps.noConsent.clientId, clientSecret: SAMPLE.apps.noConsent.secret }),
			/^The app signed in but holds no application permissions: .*then click "Grant admin consent"/,
			undefined,
		],
	])('%s: the failure banner shows the package\'s sentence', async (label, id, fields, sentence, screenshot) => {
		const banner = await saveAndReadBanner(id, fields());
		expect(banner.answer.status).toBe('Error');
		expect(banner.answer.message).toMatch(sentence);
		expect(banner.text).toContain(FAILURE_BANNER);
		expect(banner.text).toContain(banner.answer.message);
		if (screenshot) await page.screenshot({ path: join(ARTIFACTS_DIR, screenshot) });
		process.stderr.write(`[e2e] banner (${label}): ${banner.text}\n`);
	});
});
