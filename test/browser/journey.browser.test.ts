import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import { londonDate } from '../../src/modules/casework/working-days.ts';
import { buildUser } from '../support/accounts.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';
import { createTestService } from '../support/builders.ts';
import { buildPractice } from '../support/casework-builders.ts';

// The whole social prescribing journey in one browser run, as issue #4 describes it: a clinician refers,
// the link worker triages and allocates to themselves, records the first contact, builds the plan, signposts
// to a community service and discharges; the clinician then reads the messages back (acceptance, first
// contact, discharge). axe on every page; screenshots in test-results/screenshots/journey-*.png.

describe('the social prescribing journey, end to end', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;
  let referralUrl = '';
  let caseUrl = '';
  const gp = { email: '', name: 'Dr Asha Rahman' };
  const worker = { email: '', name: 'Sam Okafor' };
  const [year, month, day] = londonDate(new Date()).split('-') as [string, string, string];

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'j'.repeat(32), formRateLimitPerMinute: 1000 });
    const { db, tenant } = running;
    await ensureSnomedCodes(db, tenant.id);
    const pcn = await insertOrganisation(db, tenant.id, { kind: 'pcn', name: 'Journey PCN' });
    const practiceId = (await buildPractice(db, tenant.id, { name: 'Meanwood Surgery' })).id;
    const practiceOrg = await insertOrganisation(db, tenant.id, {
      kind: 'practice',
      name: 'Meanwood Surgery',
      practiceId,
      parentId: pcn.id,
    });
    const clinician = await buildUser(db, tenant.id, { displayName: gp.name });
    await grantRole(db, tenant.id, {
      userId: clinician.id,
      organisationId: practiceOrg.id,
      role: 'clinician',
    });
    gp.email = clinician.email;
    const linkWorker = await buildUser(db, tenant.id, { displayName: worker.name });
    await grantRole(db, tenant.id, { userId: linkWorker.id, organisationId: pcn.id, role: 'link_worker' });
    worker.email = linkWorker.email;
    await createTestService(db, tenant.id, {
      name: 'Meanwood Men in Sheds',
      signpost: { capacityStatus: 'accepting', capacityUpdatedAt: new Date(), needs: ['loneliness'] },
    });
    browser = await launchBrowser();
    const opened = await openPage(browser);
    page = opened.page;
    // Fail a step with Playwright's own message (which element it waited for) before the test times out.
    page.setDefaultTimeout(10_000);
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

  it('1. the clinician refers', async () => {
    await signInThroughForm(page, running.baseUrl, { email: gp.email, landing: '/app' });
    await page.getByRole('link', { name: 'Refer someone' }).first().click();
    await page.getByLabel('Given name').fill('Walter');
    await page.getByLabel('Family name').fill('Dunn');
    await page.getByLabel('Day', { exact: true }).fill('9');
    await page.getByLabel('Month', { exact: true }).fill('10');
    await page.getByLabel('Year', { exact: true }).fill('1944');
    await page.getByLabel('Postcode').fill('LS6 4LX');
    await page
      .getByLabel('Why are you referring them?')
      .fill('Lonely since his wife died; comes in most weeks.');
    await page.getByLabel('Loneliness and isolation').check();
    await page.getByLabel('Bereavement').check();
    await page.getByLabel('The person agrees to be referred').check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForURL(/\/app\/referrals\/[0-9a-f-]+\?done=sent$/);
    referralUrl = page.url().split('?')[0] ?? '';
    await check('journey-1-referred');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('2. the link worker triages and allocates to themselves', async () => {
    await signInThroughForm(page, running.baseUrl, { email: worker.email, landing: '/app' });
    await page.getByRole('link', { name: 'Triage', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/app/triage`);
    await check('journey-2-triage-queue');
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.getByLabel('Accept', { exact: true }).check();
    await page.getByLabel('Allocate to a link worker now').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/\?done=accepted$/);
    await expect(page.getByText(`Allocated to ${worker.name}`).isVisible()).resolves.toBe(true);
    await check('journey-2-triaged');
  });

  it('3. the link worker records the first contact', async () => {
    await page.goto(`${running.baseUrl}/app/caseload`);
    await check('journey-3-caseload');
    await page.locator('#waiting ~ table a').first().click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]+$/);
    caseUrl = page.url();
    await page
      .getByLabel('Day')
      .first()
      .fill(String(Number(day)));
    await page
      .getByLabel('Month')
      .first()
      .fill(String(Number(month)));
    await page.getByLabel('Year').first().fill(year);
    await page.getByLabel('Face to face', { exact: true }).check();
    await page.getByLabel('Yes, they attended').check();
    await page.getByRole('button', { name: 'Record contact' }).click();
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'First contact recorded',
    );
    await check('journey-3-first-contact');
  });

  it('4. the link worker builds the plan with him', async () => {
    await page.getByRole('link', { name: 'What matters to them, needs and the plan' }).click();
    await page
      .getByLabel('What matters to them', { exact: true })
      .fill('Having something to do with my hands.');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByLabel('Add a goal').fill('Go to the shed on Thursdays');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Go to the shed on Thursdays');
    await check('journey-4-plan');
  });

  it('5. the link worker signposts to a community service with live capacity', async () => {
    await page.goto(`${caseUrl}/onward`);
    await check('journey-5-onward');
    await page.getByLabel('Meanwood Men in Sheds').check();
    await page.getByLabel('Signposting: they contact the service themselves').check();
    await page.getByLabel('Why this service could help them').fill('Woodwork and company, two streets away.');
    await page.getByRole('button', { name: 'Record referral or signpost' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Meanwood Men in Sheds');
    await check('journey-5-signposted');
  });

  it('6. the link worker discharges him', async () => {
    await page.goto(caseUrl);
    await page.getByRole('link', { name: /^Discharge / }).click();
    await page.getByLabel('Goals met').check();
    await page
      .getByLabel('Summary for the GP and referrer')
      .fill('Goes to the shed every Thursday and has made friends.');
    await page.getByRole('button', { name: 'Discharge and send the letter' }).click();
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Discharged');
    await check('journey-6-discharged');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('7. the clinician reads the messages back', async () => {
    await signInThroughForm(page, running.baseUrl, { email: gp.email, landing: '/app' });
    await page.goto(referralUrl);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Social prescribing: discharge summary');
    await check('journey-7-referral-status');
    expect(main).toContain('Social prescribing: first contact made');
    await page.getByRole('link', { name: 'Social prescribing: first contact made', exact: true }).click();
    await expect(page.locator('.signpost-letter').textContent()).resolves.toContain('871731000000106');
    await check('journey-7-first-contact-letter');
    await page.goto(referralUrl);
    await page.getByRole('link', { name: 'Social prescribing: discharge summary', exact: true }).click();
    await expect(page.locator('.signpost-letter').textContent()).resolves.toContain(
      'Goes to the shed every Thursday and has made friends.',
    );
    await check('journey-7-discharge-letter');
  });
});
