import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import { buildUser, TEST_PASSWORD } from '../support/accounts.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';
import { buildPatient, buildPractice } from '../support/casework-builders.ts';

// Referrals in Chromium: a clinician refers (the error summary first), a member of the public refers
// themselves (errors, then sent; urgent words show what to do now), and a link worker triages (errors,
// accept and allocate, the team page); the people pages (search, record, duplicate check). axe runs on
// every page in every state, and each state is screenshotted (test-results/screenshots/referrals-*.png).

describe('referrals in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let clinician: { email: string };
  let linkWorker: { email: string };

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'b'.repeat(32), formRateLimitPerMinute: 1000 });
    browser = await launchBrowser();
    const { db, tenant } = running;
    await ensureSnomedCodes(db, tenant.id);
    const pcn = await insertOrganisation(db, tenant.id, { kind: 'pcn', name: 'Browser PCN' });
    const practiceId = (await buildPractice(db, tenant.id, { name: 'Chapel Surgery' })).id;
    const practiceOrg = await insertOrganisation(db, tenant.id, {
      kind: 'practice',
      name: 'Chapel Surgery',
      practiceId,
      parentId: pcn.id,
    });
    const gp = await buildUser(db, tenant.id, { displayName: 'Dr Gita Patel' });
    await grantRole(db, tenant.id, { userId: gp.id, organisationId: practiceOrg.id, role: 'clinician' });
    clinician = gp;
    const worker = await buildUser(db, tenant.id, { displayName: 'Lou Link' });
    await grantRole(db, tenant.id, { userId: worker.id, organisationId: pcn.id, role: 'link_worker' });
    linkWorker = worker;
    await buildPatient(db, tenant.id, {
      givenName: 'Edna',
      familyName: 'Brown',
      dateOfBirth: '1938-05-01',
      nhsNumber: '9990000026',
      practiceId,
    });
  });

  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openPage(browser);
    await opened.page.goto(`${running.baseUrl}/signin`);
    await opened.page.getByLabel('Email address').fill(email);
    await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.waitForURL(`${running.baseUrl}/app`);
    return opened;
  }

  async function check(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await screenshot(page, name);
  }

  it('a clinician refers someone in under a minute, and sees the referral in their list', async () => {
    const { context, page } = await signedIn(clinician.email);
    try {
      await page.getByRole('link', { name: 'Refer someone' }).first().click();
      await page.waitForURL(`${running.baseUrl}/app/referrals/new`);
      await check(page, 'referrals-new');

      await page.getByLabel('Given name').fill('Frank');
      await page.getByRole('button', { name: 'Send referral' }).click();
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      await expect(page.title()).resolves.toBe('Error: Refer someone to social prescribing - Signpost');
      await expect(page.getByLabel('Given name').inputValue()).resolves.toBe('Frank');
      await check(page, 'referrals-new-errors');

      await page.getByLabel('Family name').fill('Evans');
      await page.getByLabel('Day', { exact: true }).fill('14');
      await page.getByLabel('Month', { exact: true }).fill('2');
      await page.getByLabel('Year', { exact: true }).fill('1951');
      await page.getByLabel('Postcode').fill('LS7 4NA');
      await page
        .getByLabel('Why are you referring them?')
        .fill('Widowed last year, rarely leaves the house, wants to meet people.');
      await page.getByLabel('Loneliness and isolation').check();
      await page.getByLabel('Physical activity').check();
      await page.getByLabel('The person agrees to be referred').check();
      await page.getByRole('button', { name: 'Send referral' }).click();
      await page.waitForURL(/\/app\/referrals\/[0-9a-f-]+\?done=sent$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Frank Evans');
      await check(page, 'referrals-sent');

      await page.getByRole('link', { name: 'Your referrals' }).click();
      await page.waitForURL(`${running.baseUrl}/app/referrals`);
      await expect(page.getByRole('link', { name: 'Frank Evans' }).isVisible()).resolves.toBe(true);
      await check(page, 'referrals-list');
    } finally {
      await context.close();
    }
  });

  it('a member of the public refers themselves without signing in', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${running.baseUrl}/refer`);
      await check(page, 'referrals-self');
      // The form refuses anything sent within 3 seconds of being shown.
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      await check(page, 'referrals-self-errors');

      await page.getByLabel('First name').fill('Priya');
      await page.getByLabel('Last name').fill('Shah');
      await page.getByLabel('Day', { exact: true }).fill('3');
      await page.getByLabel('Month', { exact: true }).fill('4');
      await page.getByLabel('Year', { exact: true }).fill('1985');
      await page.getByLabel('Postcode').fill('LS6 1AN');
      await page.getByLabel('Email address').fill('priya@example.org');
      await page.getByLabel('Your GP practice').selectOption({ label: 'Chapel Surgery' });
      await page.getByLabel('Money and debt').check();
      await page.getByLabel('Is there anything else').fill('Some days I want to end my life.');
      await page.getByLabel('I would like a social prescribing link worker to contact me').check();
      await page.getByLabel('The social prescribing team may contact me').check();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('If you are at risk now, get help straight away').waitFor();
      await expect(page.getByText('116 123').isVisible()).resolves.toBe(true);
      await check(page, 'referrals-self-urgent');

      await page.goto(`${running.baseUrl}/refer/sent`);
      await check(page, 'referrals-self-sent');
    } finally {
      await context.close();
    }
  });

  it('a link worker triages: the flagged referral first, errors, then accept and allocate', async () => {
    const { context, page } = await signedIn(linkWorker.email);
    try {
      await page.getByRole('link', { name: 'Triage', exact: true }).click();
      await page.waitForURL(`${running.baseUrl}/app/triage`);
      await expect(page.getByText('Clinician review: urgent words').first().isVisible()).resolves.toBe(true);
      await check(page, 'referrals-triage-queue');

      // The flagged self-referral is first; open the clinician's referral (the second row).
      await page.locator('tbody tr').nth(1).getByRole('link').click();
      await page.waitForURL(/\/app\/triage\/[0-9a-f-]+$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Frank Evans');
      await check(page, 'referrals-triage-referral');

      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      await check(page, 'referrals-triage-errors');

      await page.getByLabel('Accept', { exact: true }).check();
      await page.getByLabel('Allocate to a link worker now').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.waitForURL(/\?done=accepted$/);
      await expect(page.getByText('Allocated to Lou Link').isVisible()).resolves.toBe(true);
      await check(page, 'referrals-triage-accepted');

      await page.goto(`${running.baseUrl}/app/team`);
      await expect(page.getByRole('cell', { name: 'Lou Link' }).isVisible()).resolves.toBe(true);
      await check(page, 'referrals-team');
    } finally {
      await context.close();
    }
  });

  it('the people pages: search, a record with consents, and the duplicate check', async () => {
    const { context, page } = await signedIn(linkWorker.email);
    try {
      await page.goto(`${running.baseUrl}/app/people`);
      await check(page, 'referrals-people-search');
      await page.getByLabel('NHS number').fill('999 000 0026');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'Edna Brown' }).click();
      await page.waitForURL(/\/app\/people\/[0-9a-f-]+$/);
      await check(page, 'referrals-person');

      await page.getByRole('button', { name: 'Record decision' }).click();
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      await check(page, 'referrals-person-consent-errors');

      await page.goto(`${running.baseUrl}/app/people/new`);
      await check(page, 'referrals-person-new');
      await page.getByLabel('Given name').fill('Edith');
      await page.getByLabel('Family name', { exact: true }).fill('BROWN');
      await page.getByLabel('Day', { exact: true }).fill('1');
      await page.getByLabel('Month', { exact: true }).fill('5');
      await page.getByLabel('Year', { exact: true }).fill('1938');
      await page.getByRole('button', { name: 'Create record' }).click();
      await page.getByText('This person may already have a record').waitFor();
      await check(page, 'referrals-person-duplicates');
      await page.getByRole('button', { name: 'These are different people, create a new record' }).click();
      await page.waitForURL(/\?done=created$/);
      await check(page, 'referrals-person-created');
    } finally {
      await context.close();
    }
  });
});
