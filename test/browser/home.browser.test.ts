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

describe('home page in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  it('renders the search form with no axe violations', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${running.baseUrl}/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Find help in your community - Signpost');
    expect(await page.getByLabel('What are you looking for?').count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'home');
    await context.close();
  });

  it('the axe helper fails on a page that has a violation (so a pass means something)', async () => {
    const { context, page } = await openPage(browser);
    await page.setContent(
      '<!DOCTYPE html><html lang="en"><head><title>Bad form</title></head><body><main><h1>Form</h1><input type="text"></main></body></html>',
    );
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/label/);
    await context.close();
  });

  it('blocks requests to other hosts', async () => {
    const { context, page } = await openPage(browser);
    await expect(page.goto('https://assets.nhs.uk/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    await context.close();
  });
});
