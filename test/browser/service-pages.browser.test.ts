import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';
import { seedDirectoryFixtures, type DirectoryFixtures } from '../support/directory-fixtures.ts';

describe('service pages, print view and data sources in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let fx: DirectoryFixtures;

  beforeAll(async () => {
    running = await startTestApp();
    fx = await seedDirectoryFixtures(running.db, running.tenant.id);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  const pages: [string, (f: DirectoryFixtures) => string, number, string][] = [
    ['full service page', (f) => `/directory/services/${f.friendshipCafe}?q=lonely`, 200, 'service-full'],
    ['waiting-list service', (f) => `/directory/services/${f.moneyAdvice}`, 200, 'service-waitlist'],
    ['stale service', (f) => `/directory/services/${f.walkingGroup}`, 200, 'service-stale'],
    ['minimal service page', (f) => `/directory/services/${f.minimal}`, 200, 'service-minimal'],
    ['print view', (f) => `/directory/services/${f.friendshipCafe}/print`, 200, 'service-print'],
    [
      'unknown service',
      () => '/directory/services/6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
      404,
      'service-not-found',
    ],
    ['data sources', () => '/about/data', 200, 'about-data'],
  ];

  it.each(pages)('%s: no axe violations', async (_name, path, status, shot) => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${running.baseUrl}${path(fx)}`);
    expect(response?.status()).toBe(status);
    await expectNoAxeViolations(page);
    await screenshot(page, shot);
    await context.close();
  });

  it('goes back to the same search from the breadcrumb, and on to the print view', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${running.baseUrl}/directory/services/${fx.friendshipCafe}?q=lonely&needs=loneliness`);
    await page.getByRole('link', { name: 'Print-friendly version of this page' }).click();
    await page.waitForURL(/\/print$/);
    await expect(page.locator('header nav, form').count()).resolves.toBe(0);
    await page.goBack();
    await page.locator('.nhsuk-breadcrumb__list a', { hasText: 'Find a community service' }).click();
    await page.waitForURL(/\/directory\?q=lonely&needs=loneliness$/);
    await expect(page.locator('#q').inputValue()).resolves.toBe('lonely');
    await context.close();
  });

  it('prints the service page without navigation, breadcrumbs or the print link', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${running.baseUrl}/directory/services/${fx.friendshipCafe}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.nhsuk-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.nhsuk-breadcrumb').isVisible()).resolves.toBe(false);
    await expect(page.getByText('Print-friendly version of this page').isVisible()).resolves.toBe(false);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await screenshot(page, 'service-full-print-media');
    await context.close();
  });
});
