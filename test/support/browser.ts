import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { packagedChromium } from './packaged-chromium.js';

/** `CHROMIUM_PATH`, else the Chromium that npm installed (packagedChromium): `npm install && npm test` needs no system browser. */
export async function chromiumPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist`);
    return env.CHROMIUM_PATH;
  }
  return packagedChromium();
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the pages, which a test should expect to be empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Headless Chromium (see chromiumPath) with a fresh profile that is deleted on close. */
export async function launchBrowser(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const executablePath = await chromiumPath();
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  if (process.env.VIGIL_BROWSER_LOG) page.on('console', (message) => process.stderr.write(`[browser ${message.type()}] ${message.text()}\n`));
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits until the dashboard has left it. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * After each failed test of the file: a full-page screenshot of every open browser in the temp
 * directory, and where it was and what the page threw, on stderr.
 */
export function screenshotFailures(name: string, browsers: () => Record<string, TestBrowser | undefined>): void {
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [who, browser] of Object.entries(browsers())) {
      if (!browser) continue;
      const file = path.join(os.tmpdir(), `vigil-e2e-${name}-${who}-${Date.now()}.png`);
      await browser.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`${who} at ${browser.page.url()}; screenshot: ${file}; page errors: ${JSON.stringify(browser.pageErrors)}\n`);
    }
  });
}
