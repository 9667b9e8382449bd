import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProtocolInForce } from '../../src/modules/navigation/protocol.repository.ts';
import { buildUser } from '../support/accounts.ts';
import { buildPractice } from '../support/casework-builders.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';

// A clinician owns the navigation protocol, in Chromium: the versions page with the shipped-default
// warning, a draft, a red flag edited (the error summary first), what changed, the sign-off (its errors
// first), and the approved version the flow now uses; then a quick pick edited with JavaScript off.
// axe runs on every page in every state; each is screenshotted (test-results/screenshots/protocol-*.png).

describe('the navigation protocol in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;
  let clinicianEmail: string;
  let draftUrl: string;

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'p'.repeat(32), formRateLimitPerMinute: 1000 });
    browser = await launchBrowser();
    const clinician = await buildUser(running.db, running.tenant.id, {
      roles: ['clinician'],
      displayName: 'Dr Kim Patel',
    });
    clinicianEmail = clinician.email;
    await buildPractice(running.db, running.tenant.id, { name: 'Hyde Park Surgery', odsCode: 'B86001' });
    const opened = await openPage(browser);
    page = opened.page;
    close = () => opened.context.close();
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

  it('lists the versions, with the warning that no local clinician has signed one off', async () => {
    await signInThroughForm(page, running.baseUrl, { email: clinicianEmail, landing: '/app' });
    await page.getByRole('link', { name: 'Navigation protocol' }).click();
    await page.waitForURL(`${running.baseUrl}/app/navigation/protocol`);
    await expect(page.locator('#not-signed-off').textContent()).resolves.toContain(
      'Not yet signed off by a local clinician',
    );
    await check('protocol-list-shipped-default');
  });

  it('starts a PCN-wide draft and edits a red flag: the error summary first, then saved', async () => {
    await page.getByRole('button', { name: 'Start a draft for Every practice (PCN-wide)' }).click();
    await page.waitForURL(/\/app\/navigation\/protocol\/[0-9a-f-]{36}\?done=created$/);
    draftUrl = page.url().replace(/\?.*$/, '');
    await check('protocol-draft-new');

    await page.getByRole('link', { name: 'Change red flags' }).click();
    await page.waitForURL(`${draftUrl}/red-flags`);
    await check('protocol-red-flags');
    const chest = page.locator('textarea[id$="-question"]').nth(1);
    await expect(chest.inputValue()).resolves.toContain('chest pain');
    await chest.fill('');
    await page.getByRole('button', { name: 'Save red flags' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Enter the question to read aloud',
    );
    await check('protocol-red-flags-error');

    await page.locator('.nhsuk-error-summary a').first().click();
    await page
      .locator('textarea[id$="-question"]:focus')
      .fill('Do they have chest pain, or pain spreading to the arm, jaw or neck?');
    await page.getByRole('button', { name: 'Save red flags' }).click();
    await page.waitForURL(`${draftUrl}?done=saved`);
    const changes = page.locator('#changes ~ ul').first();
    await expect(changes.textContent()).resolves.toContain('pain spreading to the arm, jaw or neck');
    await check('protocol-draft-changed');
  });

  it('shows the quick picks and destinations forms', async () => {
    await page.getByRole('link', { name: 'Change quick picks' }).click();
    await page.waitForURL(`${draftUrl}/quick-picks`);
    await check('protocol-quick-picks');
    await page.goto(`${draftUrl}/destinations`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Destinations');
    await check('protocol-destinations');
    await page.goto(draftUrl);
  });

  it('signs the draft off: the errors first, then in force for navigators', async () => {
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('1');
    await page.getByLabel('Year').fill('2001');
    await page.getByRole('button', { name: 'Approve this version' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Review due date must be in the future',
    );
    await check('protocol-approve-errors');

    const nextYear = String(new Date().getFullYear() + 1);
    await page.getByLabel('Year').fill(nextYear);
    await page.getByLabel(/I have reviewed the red flags/).check();
    await page.getByLabel('Your name, as it will be shown').fill('Dr Kim Patel, GP partner');
    await page.getByRole('button', { name: 'Approve this version' }).click();
    await page.waitForURL(`${draftUrl}?done=approved`);
    await expect(page.locator('h1').textContent()).resolves.toContain('In force');
    await check('protocol-approved');

    const inForce = await findProtocolInForce(running.db, running.tenant.id, null);
    expect(inForce).toMatchObject({ version: 2, approvedByName: 'Dr Kim Patel, GP partner' });
    expect(inForce.content.redFlags[1]?.question).toBe(
      'Do they have chest pain, or pain spreading to the arm, jaw or neck?',
    );

    await page.getByRole('link', { name: 'All versions' }).click();
    await page.waitForURL(`${running.baseUrl}/app/navigation/protocol`);
    await expect(page.locator('#not-signed-off').count()).resolves.toBe(0);
    await check('protocol-list-signed-off');
  });

  it('edits a practice’s quick picks with JavaScript off', async () => {
    const { context, page: noJs } = await openPage(browser, { javaScriptEnabled: false });
    await signInThroughForm(noJs, running.baseUrl, { email: clinicianEmail, landing: '/app' });
    await noJs.goto(`${running.baseUrl}/app/navigation/protocol`);
    await noJs
      .getByRole('button', { name: 'Start a draft for Hyde Park Surgery, copied from the PCN-wide version' })
      .click();
    await noJs.waitForURL(/\?done=created$/);
    await noJs.getByRole('link', { name: 'Change quick picks' }).click();
    await noJs.locator('input[id$="-label"]').last().fill('Hearing problems');
    await noJs.locator('select[id$="-dest-1"]').last().selectOption({ label: 'GP appointment' });
    await noJs.getByRole('button', { name: 'Save quick picks' }).click();
    await noJs.waitForURL(/\?done=saved$/);
    await expect(noJs.locator('#changes').textContent()).resolves.toContain('(PCN-wide version 2)');
    await expect(noJs.locator('#changes ~ ul').first().textContent()).resolves.toContain('Hearing problems');
    await expect(noJs.locator('#approve ~ p').first().textContent()).resolves.toContain(
      'navigators in Hyde Park Surgery use it',
    );
    await screenshot(noJs, 'protocol-practice-draft-no-js');
    await context.close();
  });
});
