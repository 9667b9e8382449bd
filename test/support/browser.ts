import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ensureTenant, type Tenant } from '../../src/modules/accounts/tenant.repository.ts';
import { TEST_PASSWORD } from './accounts.ts';
import { testAppConfig } from './test-app.ts';

// Browser tests drive Debian's Chromium through playwright-core (no downloaded browser build) against the
// real app listening on 127.0.0.1, backed by an in-memory PGlite database.

/** Where screenshots go; the folder is git-ignored. */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every WCAG 2.0/2.1 A and AA rule plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Launches headless Debian Chromium. Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface RunningApp {
  baseUrl: string;
  app: FastifyInstance;
  db: Kysely<Database>;
  tenant: Tenant;
  close: () => Promise<void>;
}

/**
 * Starts the whole app in-process on 127.0.0.1 with a random port (or `configOverrides.port`, when its
 * address must be known in advance), testAppConfig(configOverrides) and a fresh in-memory PGlite database.
 * @param configOverrides - configuration to change from the test defaults
 */
export async function startTestApp(configOverrides: Partial<Config> = {}): Promise<RunningApp> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const tenant = await ensureTenant(handle.db, 'browser-pcn', 'Browser Test PCN');
  const app = await createApp({
    db: handle.db,
    config: testAppConfig(configOverrides),
    tenant,
    logger: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: configOverrides.port ?? 0 });
  return {
    baseUrl: address,
    app,
    db: handle.db,
    tenant,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

function isLocalHost(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') {
      return true;
    }
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

export interface PageOptions {
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
}

/**
 * Opens a new browser context and page that can reach only this machine: any other host (such as the
 * NHS webfont server) is aborted, so tests never wait on the network. Close the context after use.
 * @param browser - the browser
 * @param options - JavaScript on or off, viewport
 */
export async function openPage(
  browser: Browser,
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1024, height: 768 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await context.route('**/*', async (route) => {
    if (isLocalHost(route.request().url())) {
      await route.continue();
    } else {
      await route.abort('blockedbyclient');
    }
  });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Signs in through the sign-in page's form with email and password, as a person would.
 * @param page - the page
 * @param baseUrl - the app's address
 * @param account - the email address, the password (default TEST_PASSWORD) and, when the sign-in should
 * succeed, the path it lands on (waited for)
 */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  account: { email: string; password?: string; landing?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password ?? TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (account.landing !== undefined) {
    await page.waitForURL(`${baseUrl}${account.landing}`);
  }
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA, plus best practices) on the page as it is now and fails with a readable
 * list of violations.
 * @param page - the page to check
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Saves a full-page PNG screenshot to test-results/screenshots/<name>.png.
 * @param page - the page
 * @param name - a file-name-safe name, such as `directory-results`
 * @returns the file path
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) {
    throw new Error(`Screenshot name "${name}" must be lower-case letters, digits and hyphens`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
