/**
 * The package in n8n's editor, in headless Chromium: the owner signs in, opens the demo's workflows, and the
 * Outlook Mail (App) nodes show their icon and their parameters, not n8n's "not installed" placeholder.
 * Screenshots go to test/e2e/artifacts/ (editor.png: a node's panel; editor-canvas.png: a workflow).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { archiveNewslettersWorkflow, demoWorkflows, DEMO_WORKFLOW_IDS } from '../../scripts/demo/workflows';
import { demoTenant, seedDemoMail } from '../../scripts/demo/tenant';
import { startEmulator, type Emulator } from '../emulator';
import { launchChromium, signIn, type Browser } from './harness/browser';
import { ARTIFACTS_DIR, type N8nServer } from './harness/n8n';
import { N8nRest, type Owner } from './harness/rest';
import { linearWorkflow, manualTrigger, PACKAGE_TYPE_PREFIX, type WorkflowJson } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const OWNER: Owner = { email: 'owner@e2e.example', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass-1' };

/** What n8n's editor shows for a node type it does not know (n8n-editor-ui's en locale, 2.41). */
const UNKNOWN_NODE_TEXTS = ['not currently installed', 'Install this node to use it', 'Install this node to start using it', 'Node is not installed'];

const UNKNOWN_WORKFLOW_ID = 'e2eUnknownNode01';

let emulator: Emulator;
let server: N8nServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workflows: WorkflowJson[];

async function unknownNodeTexts(): Promise<string[]> {
	const text = await page.locator('body').innerText();
	return UNKNOWN_NODE_TEXTS.filter((phrase) => text.toLowerCase().includes(phrase.toLowerCase()));
}

/** Opens a workflow and waits until every node (sticky notes aside) is on the canvas. */
async function openWorkflow(workflow: WorkflowJson): Promise<void> {
	await page.goto(`${server!.url}/workflow/${workflow.id}`);
	const expected = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
	await page.waitForFunction(`document.querySelectorAll('[data-test-id="canvas-node"]').length >= ${expected}`, undefined, { timeout: 60_000 });
}

/**
 * Canvas icons of the package's nodes: their image URL and whether the image loaded. Images load after the
 * nodes are drawn, so this first waits (up to 20 s) until every one has finished, or failed, loading.
 */
async function packageNodeIcons(): Promise<{ node: string; src: string; loaded: boolean }[]> {
	const selector = `[data-test-id="canvas-node"][data-node-type^="${PACKAGE_TYPE_PREFIX}"]`;
	await page
		.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(selector)})].every((node) => node.querySelector('img')?.complete === true)`, undefined, {
			timeout: 20_000,
		})
		.catch(() => undefined);
	return await page.$$eval(selector, (nodes) =>
		nodes.map((node) => {
			const image = node.querySelector('img');
			return { node: node.getAttribute('data-node-name') ?? '', src: image?.getAttribute('src') ?? '', loaded: !!image && image.complete && image.naturalWidth > 0 };
		}),
	);
}

async function openNode(name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible', timeout: 30_000 });
}

beforeAll(async () => {
	emulator = await startEmulator({ tenants: [demoTenant()] });
	const mail = seedDemoMail(emulator.store);
	workflows = demoWorkflows({ invoiceFolderId: mail.folders.financeInvoices, invoiceDir: '/tmp/outlook-mail-app-demo-invoices' });
	const unknown = linearWorkflow(UNKNOWN_WORKFLOW_ID, 'E2E control: a node type n8n does not know', [
		manualTrigger(),
		{ name: 'Mystery node', type: `${PACKAGE_TYPE_PREFIX}noSuchNode`, typeVersion: 1, parameters: {} },
	]);
	const n8n = await N8nCase.create('editor', emulator);
	await n8n.importWorkflows(...workflows, unknown);
	server = await n8n.start();
	await new N8nRest(server.url).setupOwner(OWNER);

	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	browser = await launchChromium();
	page = await browser.context.newPage();
	page.setDefaultTimeout(30_000);
	await signIn(page, server.url, OWNER);
});

afterAll(async () => {
	if (page && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS_DIR, 'editor-last.png') }).catch(() => undefined);
	await browser?.close();
	await server?.stop();
	await emulator?.close();
});

it('shows every package node of the demo workflows with its icon, and its panel with parameters, never as "not installed"', async () => {
	for (const workflow of workflows) {
		await openWorkflow(workflow);
		const icons = await packageNodeIcons();
		const expected = workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_TYPE_PREFIX)).map((node) => node.name);
		expect(icons.map((icon) => icon.node).sort()).toEqual([...expected].sort());
		for (const icon of icons) {
			// An unknown node has no icon image on the canvas: n8n draws a placeholder instead.
			expect(icon).toEqual({ node: icon.node, src: expect.stringMatching(/^\/icons\/n8n-nodes-outlook-mail-app\/dist\/icons\/outlookMailApp(\.dark)?\.svg$/), loaded: true });
		}
		expect(await unknownNodeTexts()).toEqual([]);
		if (workflow.id === DEMO_WORKFLOW_IDS.invoices) await page.screenshot({ path: join(ARTIFACTS_DIR, 'editor-canvas.png') });
		for (const name of expected) {
			await openNode(name);
			// The "not installed" text shows only in the panel.
			expect({ node: name, unknown: await unknownNodeTexts() }).toEqual({ node: name, unknown: [] });
			const parameters = await page.locator('[data-test-id="ndv"] [data-test-id^="parameter-input-"]').count();
			expect({ node: name, hasParameters: parameters > 0 }).toEqual({ node: name, hasParameters: true });
			await page.locator('[data-test-id="ndv-close-button"]').click();
			await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
		}
	}
});

it("opens the node's panel with its parameters, and saves the screenshot", async () => {
	const workflow = archiveNewslettersWorkflow();
	await openWorkflow(workflow);
	await openNode('Old newsletters');
	const panel = page.locator('[data-test-id="ndv"]');
	const value = async (parameter: string) => await panel.locator(`[data-test-id="parameter-input-${parameter}"] input`).first().inputValue();
	expect({
		resource: await value('resource'),
		operation: await value('operation'),
		folderScope: await value('folderScope'),
		selectBy: await value('selectBy'),
		category: await value('category'),
		sort: await value('sort'),
	}).toEqual({ resource: 'Message', operation: 'Get Many', folderScope: 'One Folder', selectBy: 'Filters', category: 'Newsletter', sort: 'Oldest First' });
	// The Mailbox parameter comes right after Resource and Operation, and says what empty means.
	const order = await panel.locator('[data-test-id^="parameter-input-"]').evaluateAll((inputs) =>
		inputs.map((input) => input.getAttribute('data-test-id')?.replace('parameter-input-', '')).filter((name) => name && !name.includes('-')),
	);
	expect(order.slice(0, 3)).toEqual(['resource', 'operation', 'mailbox']);
	expect(await panel.innerText()).toContain("Empty: the credential's Default User Id");
	const labels = await panel.innerText();
	for (const label of ['Credential', 'Resource', 'Operation', 'Folders', 'Folder', 'Return All', 'Select Messages By', 'Filters', 'Category', 'Received Before', 'Sort']) {
		expect(labels).toContain(label);
	}
	const headerIcon = await panel
		.locator('img[src*="outlookMailApp"]')
		.first()
		.evaluate((element) => {
			const image = element as unknown as { complete: boolean; naturalWidth: number };
			return image.complete && image.naturalWidth > 0;
		});
	expect(headerIcon).toBe(true);
	expect(await unknownNodeTexts()).toEqual([]);
	await page.screenshot({ path: join(ARTIFACTS_DIR, 'editor.png') });
});

it('detects a node n8n does not know (the check above is not blind)', async () => {
	const unknown = linearWorkflow(UNKNOWN_WORKFLOW_ID, '', [manualTrigger(), { name: 'Mystery node', type: `${PACKAGE_TYPE_PREFIX}noSuchNode`, typeVersion: 1, parameters: {} }]);
	await openWorkflow(unknown);
	await openNode('Mystery node');
	expect((await unknownNodeTexts()).length).toBeGreaterThan(0);
});
