import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import { londonDate } from '../../src/modules/casework/working-days.ts';
import { buildUser, TEST_PASSWORD } from '../support/accounts.ts';
import { createTestService } from '../support/builders.ts';
import { buildCase, buildPractice } from '../support/casework-builders.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';

// A link worker's day in Chromium: the caseload, a first contact (the error summary first), the plan with
// a goal and an action (and a conflict from a second tab), an onward referral with consent, a safeguarding
// concern and its banner, discharge; then the referring clinician reads the messages back and finds the
// escalation in their tasks. axe runs on every page in every state; each is screenshotted
// (test-results/screenshots/casework-*.png).

describe('casework in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;
  let caseUrl: string;
  let referralId: string;
  let worker: Awaited<ReturnType<typeof buildUser>>;
  let clinician: Awaited<ReturnType<typeof buildUser>>;
  const today = londonDate(new Date());
  const [year, month, day] = today.split('-') as [string, string, string];

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'b'.repeat(32), formRateLimitPerMinute: 1000 });
    await ensureSnomedCodes(running.db, running.tenant.id);
    browser = await launchBrowser();
    const tenantId = running.tenant.id;
    worker = await buildUser(running.db, tenantId, { roles: ['link_worker'], displayName: 'Lee Worker' });
    clinician = await buildUser(running.db, tenantId, { roles: ['clinician'], displayName: 'Dr Kim Patel' });
    const practice = await buildPractice(running.db, tenantId, {
      name: 'Hyde Park Surgery',
      odsCode: 'B86001',
    });
    const c = await buildCase(running.db, tenantId, {
      linkWorkerId: worker.id,
      practiceId: practice.id,
      referrerUserId: clinician.id,
      needs: ['loneliness', 'physical_activity'],
    });
    caseUrl = `${running.baseUrl}/app/cases/${c.caseId}`;
    referralId = c.referralId;
    const fresh = { capacityUpdatedAt: new Date(), needs: ['loneliness'] };
    await createTestService(running.db, tenantId, {
      name: 'Hyde Park Walking Group',
      signpost: { ...fresh, capacityStatus: 'accepting' },
    });
    await createTestService(running.db, tenantId, {
      name: 'Lunch Club',
      signpost: { ...fresh, capacityStatus: 'paused' },
    });
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

  async function signIn(email: string): Promise<void> {
    await page.goto(`${running.baseUrl}/signin`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${running.baseUrl}/app`);
  }

  it('shows the caseload with the person waiting for a first contact', async () => {
    await signIn(worker.email);
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/app/caseload`);
    await expect(page.locator('#waiting ~ table').textContent()).resolves.toContain('Within target');
    await check('casework-caseload');
  });

  it('records the first contact: the error summary first, then the contact', async () => {
    await page.locator('#waiting ~ table a').first().click();
    await page.waitForURL(caseUrl);
    await check('casework-case');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Select how the contact happened');
    await check('casework-contact-errors');
    await page
      .getByLabel('Day')
      .first()
      .fill(String(Number(day)));
    await page
      .getByLabel('Month')
      .first()
      .fill(String(Number(month)));
    await page.getByLabel('Year').first().fill(year);
    await page.getByLabel('Phone', { exact: true }).check();
    await page.getByLabel('Yes, they attended').check();
    await page.getByLabel('Duration (optional)').fill('40');
    await page.getByLabel('Notes (optional)').fill('Talked about walking and the lunch club.');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'First contact recorded',
    );
    await check('casework-first-contact');
  });

  it('builds the plan: what matters, the five criteria, a goal and an action', async () => {
    await page.getByRole('link', { name: 'What matters to them, needs and the plan' }).click();
    await page.waitForURL(`${caseUrl}/plan`);
    await check('casework-plan-empty');
    await page
      .getByLabel('What matters to them', { exact: true })
      .fill('Getting out of the flat and meeting people again.');
    for (const criterion of [
      'The person was central to developing the plan',
      'It came from proactive, personalised conversations about what matters to them',
      'Health and wellbeing outcomes were agreed with them',
      'A plan they can share records what matters, the outcomes and how they will be achieved',
      'Formal and informal review is arranged',
    ]) {
      await page.getByLabel(criterion).check();
    }
    const review = page.getByRole('group', { name: 'Review date (optional)' });
    await review.getByLabel('Day').fill('1');
    await review.getByLabel('Month').fill('12');
    await review.getByLabel('Year').fill(String(Number(year) + 1));
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expect(page.locator('.nhsuk-tag--green').textContent()).resolves.toContain('Meets all five');
    await page.getByLabel('Add a goal').fill('Walk with a group once a week');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByLabel('Goal', { exact: true }).selectOption({ label: 'Walk with a group once a week' });
    await page.getByLabel('What will happen').fill('Go to the Tuesday walk with Lee');
    await page.getByLabel('Who will do it').fill('Lee and Jo');
    await page.getByRole('button', { name: 'Add action' }).click();
    await expect(page.locator('#goals ~ ul').first().textContent()).resolves.toContain(
      'Go to the Tuesday walk',
    );
    await check('casework-plan');
  });

  it('shows what changed when the plan was saved in another tab', async () => {
    const other = await page.context().newPage();
    await other.goto(page.url().split('?')[0] ?? '');
    await page.getByLabel('Notes on their needs (optional)').fill('Lives alone since March.');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await other.getByLabel('What matters to them', { exact: true }).fill('Seeing my grandchildren.');
    await other.getByRole('button', { name: 'Save plan' }).click();
    await expect(other.locator('#conflict-title').textContent()).resolves.toBe(
      'This plan changed while you were editing it',
    );
    await expect(other.locator('#conflict').textContent()).resolves.toContain('Notes on needs');
    await expectNoAxeViolations(other);
    await screenshot(other, 'casework-plan-conflict');
    await other.close();
  });

  it('prints the plan in plain language', async () => {
    await page.getByRole('link', { name: 'Printable plan, in plain language' }).click();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Your support plan, /);
    await check('casework-plan-print');
    await page.goBack();
  });

  it('refers on: paused services listed last, consent to share, then the referral', async () => {
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Find a service, refer or signpost, and update statuses' }).click();
    await page.waitForURL(`${caseUrl}/onward`);
    const labels = await page.locator('.nhsuk-radios__label').allTextContents();
    expect(labels.slice(0, 2).map((l) => l.trim())).toEqual(['Hyde Park Walking Group', 'Lunch Club']);
    await check('casework-onward');
    await page.getByLabel('Hyde Park Walking Group').check();
    await page.getByLabel('Referring: we send their details to the service').check();
    await page.getByLabel('Why this service could help them').fill('Wants company on walks.');
    await page.getByRole('button', { name: 'Record referral or signpost' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'confirm they agreed',
    );
    await check('casework-onward-consent-error');
    await page.getByLabel('They agreed to share their details with this service for this referral').check();
    await page.getByRole('button', { name: 'Record referral or signpost' }).click();
    await expect(page.locator('#onward-list ~ .nhsuk-card').first().textContent()).resolves.toContain(
      'Sent, waiting for a reply',
    );
    await check('casework-onward-sent');
  });

  it('raises a safeguarding concern: the banner shows on the case', async () => {
    await page.goto(caseUrl);
    await page.getByLabel('What is the concern?').fill('Says a neighbour has been taking their pension.');
    await page.getByLabel('Clinician to escalate to').selectOption({ label: 'Dr Kim Patel' });
    await page.getByRole('button', { name: 'Raise and escalate concern' }).click();
    await expect(page.locator('#safeguarding-banner').textContent()).resolves.toContain(
      'taking their pension',
    );
    await check('casework-safeguarding');
  });

  it('discharges with a reason and a summary: the error summary first', async () => {
    await page.getByRole('link', { name: /^Discharge / }).click();
    await page.getByRole('button', { name: 'Discharge and send the letter' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Select why they are being discharged',
    );
    await check('casework-discharge-errors');
    await page.getByLabel('Goals met').check();
    await page
      .getByLabel('Summary for the GP and referrer')
      .fill('Walks weekly with the group and feels less alone.');
    await page.getByRole('button', { name: 'Discharge and send the letter' }).click();
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Discharged');
    await check('casework-discharged');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('lets the referring clinician read the messages back and find the escalation', async () => {
    await signIn(clinician.email);
    await page.goto(`${running.baseUrl}/app/tasks`);
    await expect(page.locator('main').textContent()).resolves.toContain('taking their pension');
    await check('casework-clinician-tasks');
    await page.goto(`${running.baseUrl}/app/referrals/${referralId}`);
    await page.getByRole('link', { name: 'Social prescribing: discharge summary', exact: true }).click();
    await expect(page.locator('.signpost-letter').textContent()).resolves.toContain(
      'Walks weekly with the group and feels less alone.',
    );
    await check('casework-message-back');
    const pdfHref = await page
      .getByRole('link', { name: 'Download this letter as a PDF' })
      .getAttribute('href');
    const pdf = await page.request.get(`${running.baseUrl}${pdfHref ?? ''}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
