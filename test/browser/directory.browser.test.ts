import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePostcodeReferenceData } from '../../src/modules/geo/geo.service.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';
import { seedDirectoryFixtures, type DirectoryFixtures } from '../support/directory-fixtures.ts';

describe('directory search in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let fx: DirectoryFixtures;

  beforeAll(async () => {
    running = await startTestApp();
    await ensurePostcodeReferenceData(running.db);
    fx = await seedDirectoryFixtures(running.db, running.tenant.id);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  async function visit(page: Page, path: string, status = 200): Promise<void> {
    const response = await page.goto(`${running.baseUrl}${path}`);
    expect(response?.status()).toBe(status);
  }

  async function resultNames(page: Page): Promise<string[]> {
    return page.locator('.signpost-results .nhsuk-card__link').allInnerTexts();
  }

  it.each([
    ['empty start state', '/directory', 'directory-empty'],
    ['results for words', '/directory?q=lonely', 'directory-results'],
    ['filters applied', '/directory?needs=money_debt&needs=benefits&delivery=phone', 'directory-filters'],
    ['postcode and distance', '/directory?q=cafe&postcode=LS7&distance=5', 'directory-postcode'],
    ['two pages of results', '/directory?needs=community_groups', 'directory-paginated'],
    ['no results', '/directory?q=xylophone', 'directory-no-results'],
  ])('%s: no axe violations', async (_name, path, shot) => {
    const { context, page } = await openPage(browser);
    await visit(page, path);
    await expect(page.title()).resolves.toBe('Find a community service - Signpost');
    await expectNoAxeViolations(page);
    await screenshot(page, shot);
    await context.close();
  });

  it('fits a small phone screen: no sideways scrolling, no axe violations', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 375, height: 812 } });
    await visit(page, '/directory?q=lonely&postcode=LS7');
    const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(widths).toEqual([375, 375]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'directory-results-mobile');
    await context.close();
  });

  it('postcode error: 400, "Error:" title, focused summary whose link moves focus to the field', async () => {
    const { context, page } = await openPage(browser);
    await visit(page, '/directory?q=cafe&postcode=NOT+A+POSTCODE', 400);
    await expect(page.title()).resolves.toBe('Error: Find a community service - Signpost');
    // nhsuk-frontend moves focus to the error summary when the page loads.
    await page.locator('.nhsuk-error-summary:focus').waitFor();
    const link = page.locator('.nhsuk-error-summary a');
    await expect(link.getAttribute('href')).resolves.toBe('#postcode');
    await expect(page.locator('#postcode-error').innerText()).resolves.toContain('Enter a full UK postcode');
    await expect(page.locator('#postcode').inputValue()).resolves.toBe('NOT A POSTCODE');
    await expectNoAxeViolations(page);
    await screenshot(page, 'directory-postcode-error');
    await link.click();
    await page.locator('#postcode:focus').waitFor();
    await context.close();
  });

  it('works with JavaScript off: type words, tick filters, search, page on, choose a type', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await visit(page, '/directory');
    await page.locator('#q').fill('advice');
    await page.locator('label[for="delivery-2"]').click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/directory\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('advice');
    expect(url.searchParams.getAll('delivery')).toEqual(['phone']);
    expect(await resultNames(page)).toEqual(['Leeds Money Advice']);
    await expect(page.locator('#delivery-2').isChecked()).resolves.toBe(true);

    await visit(page, '/directory');
    await page.locator('label[for="needs-12"]').click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/needs=community_groups/);
    await expect(page.locator('#results-heading').innerText()).resolves.toBe(
      '23 services found, showing 1 to 20',
    );
    await page.locator('.nhsuk-pagination__next').click();
    await page.waitForURL(/page=2/);
    expect(await resultNames(page)).toHaveLength(3);
    await screenshot(page, 'directory-no-js-page-2');

    // A group of service types includes the types under it; the choice stays selected.
    await visit(page, '/directory');
    await page.getByLabel('Type of service').selectOption({ label: 'Social connection' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/type=/);
    expect(new URL(page.url()).searchParams.get('type')).toBe(fx.serviceTypes.connection);
    expect((await resultNames(page)).sort()).toEqual([
      'Chapel Allerton Friendship Café',
      'Headingley Walking Group',
    ]);
    await expect(page.locator('#type').inputValue()).resolves.toBe(fx.serviceTypes.connection);
    const filtered = new URL(page.url());
    await context.close();

    // axe runs as a script, so the same page is checked again with JavaScript on.
    const withJs = await openPage(browser);
    await visit(withJs.page, `${filtered.pathname}${filtered.search}`);
    await expectNoAxeViolations(withJs.page);
    await screenshot(withJs.page, 'directory-type-filter');
    await withJs.context.close();
  });

  it('can be searched with the keyboard alone', async () => {
    const { context, page } = await openPage(browser);
    await visit(page, '/directory');
    let onSearchBox = false;
    for (let presses = 0; presses < 20 && !onSearchBox; presses += 1) {
      await page.keyboard.press('Tab');
      onSearchBox = (await page.locator('#q:focus').count()) === 1;
    }
    expect(onSearchBox).toBe(true);
    await page.keyboard.type('lonely');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=lonely/);
    expect(await resultNames(page)).toContain('Chapel Allerton Friendship Café');
    // The first result is reachable by Tab and opens with Enter.
    let onResult = false;
    for (let presses = 0; presses < 80 && !onResult; presses += 1) {
      await page.keyboard.press('Tab');
      onResult = (await page.locator('.nhsuk-card__link:focus').count()) === 1;
    }
    expect(onResult).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/directory\/services\//);
    await expect(page.locator('h1').innerText()).resolves.not.toBe('');
    await context.close();
  });
});
