import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import { ensureDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { ensureDemoNavigation } from '../../src/seed/demo-navigation.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.data.ts';
import { createTestService } from '../support/builders.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';

// The care navigation reports over the demo's four weeks of navigation history, as a supervisor (also with
// JavaScript off: the charts are drawn on the server) and as a commissioner; then the SNOMED CT code table as
// an administrator. axe on every page in every state; screenshots in
// test-results/screenshots/navigation-reports-*.png and codes-admin-*.png.

describe('navigation reports and the SNOMED CT code table in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'r'.repeat(32), formRateLimitPerMinute: 1000 });
    await ensureSnomedCodes(running.db, running.tenant.id);
    await ensureDemoAccounts(running.db, running.tenant);
    for (const [name, capacity] of [
      ['Headingley Friendship Café', 'accepting'],
      ['Calm Minds Peer Support', 'waitlist'],
    ] as const) {
      await createTestService(running.db, running.tenant.id, {
        name,
        signpost: { needs: ['loneliness', 'mental_wellbeing', 'money_debt'], capacityStatus: capacity },
      });
    }
    await ensureDemoNavigation(running.db, running.tenant);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  async function signedIn(
    email: string,
    javaScriptEnabled = true,
  ): Promise<{ page: Page; close: () => Promise<void> }> {
    const { context, page } = await openPage(browser, {
      javaScriptEnabled,
      viewport: { width: 1100, height: 900 },
    });
    await signInThroughForm(page, running.baseUrl, { email, password: DEMO_PASSWORD, landing: '/app' });
    return { page, close: () => context.close() };
  }

  it('shows a supervisor every section with charts and tables, and checks the dates', async () => {
    const { page, close } = await signedIn('manager@demo.signpost.invalid');
    await page.getByRole('link', { name: 'Care navigation reports' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Care navigation reports');
    expect(await page.locator('svg.app-chart').count()).toBe(7);
    await expect.poll(() => page.getByRole('img', { name: 'Navigations per day' }).count()).toBe(1);
    expect(await page.locator('#section-navigators').count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'Chloe Barker' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'navigation-reports-supervisor');

    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('2');
    await page.getByRole('button', { name: 'Show reports' }).click();
    await expect
      .poll(() => page.locator('.nhsuk-error-summary').textContent())
      .toContain("'From' date must be a real date");
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page);
    await screenshot(page, 'navigation-reports-error');

    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('1');
    await page.getByLabel('GP practice').selectOption({ label: 'Kirkstall Bridge Medical Practice' });
    await page.getByRole('button', { name: 'Show reports' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toContain('Kirkstall Bridge');
    expect(await page.getByRole('rowheader', { name: 'Nadia Ahmed' }).count()).toBe(0);
    await close();
  });

  it('works with JavaScript off: the charts come drawn and the filters are a plain form', async () => {
    const { page, close } = await signedIn('manager@demo.signpost.invalid', false);
    await page.goto(`${running.baseUrl}/app/navigation/reports`);
    expect(await page.locator('svg.app-chart').count()).toBe(7);
    await page.getByLabel('GP practice').selectOption({ label: 'Headingley Lane Health Centre' });
    await page.getByRole('button', { name: 'Show reports' }).click();
    await expect.poll(() => page.getByRole('rowheader', { name: 'Imran Akhtar' }).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'Chloe Barker' }).count()).toBe(0);
    await close();
  });

  it('shows a commissioner no staff names and suppresses small counts', async () => {
    const { page, close } = await signedIn('commissioner@demo.signpost.invalid');
    await page.goto(`${running.baseUrl}/app/navigation/reports`);
    expect(await page.locator('#section-navigators').count()).toBe(0);
    expect(await page.getByText('Chloe Barker').count()).toBe(0);
    expect(await page.locator('.nhsuk-inset-text').textContent()).toContain('fewer than 5');
    await expectNoAxeViolations(page);
    await screenshot(page, 'navigation-reports-commissioner');
    const download = await page.request.get(
      `${running.baseUrl}/app/navigation/reports.csv?table=destinations`,
    );
    expect(download.headers()['content-disposition']).toMatch(
      /^attachment; filename="navigation-destinations-/,
    );
    await close();
  });

  it('lets an administrator confirm and switch on a code, with errors first', async () => {
    const { page, close } = await signedIn('admin@demo.signpost.invalid');
    await page.getByRole('link', { name: 'SNOMED CT codes' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('SNOMED CT codes');
    await expectNoAxeViolations(page);
    await screenshot(page, 'codes-admin');

    const form = page.locator('form[action="/app/admin/codes/offered"]');
    await form.getByLabel('Concept ID').fill('871691000000101');
    await form.getByLabel('On', { exact: true }).check();
    await form.getByRole('button').click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect
      .poll(() => summary.textContent())
      .toContain('Concept ID is not a valid SNOMED CT identifier');
    expect(await summary.textContent()).toContain('Confirm you have checked the concept');
    await expectNoAxeViolations(page);
    await screenshot(page, 'codes-admin-error');

    const again = page.locator('form[action="/app/admin/codes/offered"]');
    await again.getByLabel('Concept ID').fill('871691000000100');
    await again.getByLabel('I have checked this concept against the current UK edition').check();
    await again.getByRole('button').click();
    await expect
      .poll(() => page.locator('.nhsuk-notification-banner').textContent())
      .toContain('Saved: Social prescribing offered (situation)');
    await expectNoAxeViolations(page);
    await screenshot(page, 'codes-admin-saved');
    await close();
  });
});
