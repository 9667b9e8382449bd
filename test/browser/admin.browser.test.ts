import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { buildUser } from '../support/accounts.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  type RunningApp,
  screenshot,
  signInThroughForm,
  startTestApp,
} from '../support/browser.ts';

// An administrator's day in Chromium: sign in, invite a user (the error summary first, then success), give
// them a second role, add a GP practice. axe runs on every page in every state; each state is screenshotted
// (test-results/screenshots/admin-*.png).

describe('administration pages in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;
  let pcnName: string;

  beforeAll(async () => {
    running = await startTestApp();
    browser = await launchBrowser();
    const admin = await buildUser(running.db, running.tenant.id, {
      roles: ['tenant_admin'],
      displayName: 'Alex Admin',
    });
    const pcn = await running.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', admin.organisationId)
      .executeTakeFirstOrThrow();
    pcnName = pcn.name;
    await insertOrganisation(running.db, running.tenant.id, { kind: 'icb', name: 'Browser ICB' });
    const opened = await openPage(browser);
    page = opened.page;
    close = () => opened.context.close();
    await signInThroughForm(page, running.baseUrl, { email: admin.email, landing: '/app' });
  });

  afterAll(async () => {
    await close();
    await browser.close();
    await running.close();
  });

  async function check(name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await screenshot(page, name);
  }

  it('lists users from the staff home page', async () => {
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.waitForURL(`${running.baseUrl}/app/admin/users`);
    await expect(page.getByRole('cell', { name: 'Alex Admin' }).isVisible()).resolves.toBe(true);
    await check('admin-users');
  });

  it('invites a user: the error summary first, then the new user', async () => {
    await page.getByRole('button', { name: 'Invite a user' }).click();
    await page.waitForURL(`${running.baseUrl}/app/admin/users/new`);
    await check('admin-invite');

    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor({ state: 'visible' });
    await expect(page.title()).resolves.toBe('Error: Invite a user - Signpost');
    await expect(summary.textContent()).resolves.toContain('Enter their full name');
    // The summary takes focus, so a screen reader announces it first.
    await expect(
      page.evaluate("document.activeElement?.classList.contains('nhsuk-error-summary') === true"),
    ).resolves.toBe(true);
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('not an address');
    await check('admin-invite-errors');

    await page.getByRole('link', { name: 'Enter their full name' }).click();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('displayName');

    await page.getByLabel('Email address').fill('robin.new@example.org');
    await page.getByLabel('Full name').fill('Robin New');
    await page.getByLabel('Organisation').selectOption({ label: `${pcnName} (PCN)` });
    await page.getByLabel('Role').selectOption({ label: 'Social prescribing link worker' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(/\/app\/admin\/users\/[0-9a-f-]+\?done=invited$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Robin New');
    await expect(page.getByText('Invitation sent').isVisible()).resolves.toBe(true);
    await check('admin-user-invited');
  });

  it('gives the new user a second role on their page', async () => {
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: `${pcnName} (PCN)` });
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Clinician' });
    await page.getByRole('button', { name: 'Give role' }).click();
    await page.waitForURL(/\?done=roleGiven$/);
    await expect(
      page.getByRole('cell', { name: `Clinician, ${pcnName}`, exact: true }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: `Remove role: Clinician, ${pcnName}` }).isVisible(),
    ).resolves.toBe(true);
    await check('admin-user-role-given');
  });

  it('adds a GP practice under the PCN, and opens it to edit', async () => {
    await page.goto(`${running.baseUrl}/app/admin/organisations`);
    await check('admin-organisations');
    await page.getByRole('button', { name: 'Add an organisation' }).click();
    await page.waitForURL(`${running.baseUrl}/app/admin/organisations/new`);
    await check('admin-organisation-new');

    await page.getByLabel('GP practice').check();
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
    await expect(page.title()).resolves.toBe('Error: Add an organisation - Signpost');
    await check('admin-organisation-new-errors');

    await page.getByLabel('Name', { exact: true }).fill('Browser Lane Surgery');
    await page.getByLabel('ODS code').fill('B77001');
    await page.getByLabel('PCN this practice belongs to').selectOption({ label: pcnName });
    await page.getByLabel('Practice postcode').fill('ls6 1an');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.waitForURL(`${running.baseUrl}/app/admin/organisations?done=created`);
    await expect(page.getByText('Organisation added').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Browser Lane Surgery' }).isVisible()).resolves.toBe(true);
    await check('admin-organisations-created');

    await page.getByRole('link', { name: 'Browser Lane Surgery' }).click();
    await expect(page.getByLabel('Practice postcode').inputValue()).resolves.toBe('LS6 1AN');
    await check('admin-organisation-edit');
  });
});
