/**
 * Headless Chromium (Debian's `chromium`), driven by playwright-core, with the flags these machines need
 * (see ENVIRONMENT.md) and a fresh profile each time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export function chromiumPath(): string {
	const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(path)) {
		throw new Error(`no Chromium at ${path}: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`);
	}
	return path;
}

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1600, height: 1000 }): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'outlook-mail-app-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport,
		timeout: 60_000,
	});
	return {
		context,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Signs in to n8n's editor as the given user, as a person would on /signin. */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', user.email);
	await page.fill('#password', user.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 30_000 });
}
