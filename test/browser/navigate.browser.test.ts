import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import { findNavigationRecord } from '../../src/modules/navigation/navigation-record.repository.ts';
import { RED_FLAG_ACTIONS } from '../../src/modules/navigation/protocol.model.ts';
import { buildUser } from '../support/accounts.ts';
import { createTestService } from '../support/builders.ts';
import { buildPatient, buildPractice } from '../support/casework-builders.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  signInThroughForm,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';

// A receptionist navigating patients in Chromium (issue #5): the whole flow with axe on every step and
// screenshots (test-results/screenshots/navigate-*.png); the keyboard-only path with page.keyboard alone,
// counting the interactions after the patient's details (at most six); and a red flag typed as free text
// interrupting the flow, then read by the duty clinician from their task list.

describe('care navigation in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let navigatorEmail: string;
  let clinicianEmail: string;
  let nhsNumber: string;

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 'n'.repeat(32), formRateLimitPerMinute: 1000 });
    browser = await launchBrowser();
    const { db, tenant } = running;
    await ensureSnomedCodes(db, tenant.id);
    const practiceId = (await buildPractice(db, tenant.id, { name: 'Chapel Surgery' })).id;
    const org = await insertOrganisation(db, tenant.id, {
      kind: 'practice',
      name: 'Chapel Surgery',
      practiceId,
    });
    const navigator = await buildUser(db, tenant.id, { displayName: 'Rae Reception' });
    await grantRole(db, tenant.id, { userId: navigator.id, organisationId: org.id, role: 'care_navigator' });
    navigatorEmail = navigator.email;
    clinicianEmail = (await buildUser(db, tenant.id, { displayName: 'Dr Ola Duty', roles: ['clinician'] }))
      .email;
    const patient = await buildPatient(db, tenant.id, {
      givenName: 'Edna',
      familyName: 'Brown',
      dateOfBirth: '1938-05-01',
      phone: '07700 900982',
      practiceId,
    });
    nhsNumber = patient.nhsNumber ?? '';
    const fresh = { capacityUpdatedAt: new Date(), needs: ['loneliness'] };
    await createTestService(db, tenant.id, {
      name: 'Chapel Walking Group',
      signpost: { ...fresh, capacityStatus: 'accepting' },
    });
    await createTestService(db, tenant.id, {
      name: 'Friday Lunch Club',
      signpost: { ...fresh, capacityStatus: 'paused' },
    });
  });

  afterAll(async () => {
    await browser.close();
    await running.close();
  });

  async function signedIn(email = navigatorEmail): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signInThroughForm(opened.page, running.baseUrl, { email, landing: '/app' });
    return opened;
  }

  async function check(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await screenshot(page, name);
  }

  const recordOf = async (page: Page): ReturnType<typeof findNavigationRecord> =>
    findNavigationRecord(running.db, running.tenant.id, page.url().split('/').at(-1) ?? '');

  it('navigates a patient from the red-flag check to their copy, axe-clean on every step', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${running.baseUrl}/app/navigate`);
    await check(page, 'navigate-start');
    await page.getByLabel('NHS number').fill('999 000 0019');
    await page.getByRole('button', { name: 'Start: red-flag check' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await check(page, 'navigate-start-errors');
    await page.getByLabel('On the phone').check();
    await page.getByLabel('NHS number').fill(nhsNumber);
    await page.getByRole('button', { name: 'Start: red-flag check' }).click();
    await page.waitForURL(/\/app\/navigate\/[0-9a-f-]{36}$/);
    await check(page, 'navigate-red-flags');
    await page.getByRole('button', { name: 'Record this red flag' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Select the red flag the patient described',
    );
    await check(page, 'navigate-red-flags-errors');
    await page.getByRole('button', { name: 'None of these' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('What does the patient need help with?');
    await check(page, 'navigate-needs');
    await page.getByRole('button', { name: 'Loneliness' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Options for the patient');
    await check(page, 'navigate-options');
    await page.getByRole('button', { name: 'Refer to the link worker' }).click();
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Confirm the patient agrees',
    );
    await check(page, 'navigate-options-errors');
    await page.getByRole('button', { name: 'Patient accepts: Chapel Walking Group' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe("The patient's copy of what was agreed");
    await check(page, 'navigate-copy');
    await page.getByLabel('The patient agrees to be sent this by text message or email').check();
    await page.getByRole('button', { name: 'Send by text message' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Navigation recorded');
    await check(page, 'navigate-done');
    expect(await recordOf(page)).toMatchObject({
      outcome: 'signposted',
      destinationName: 'Chapel Walking Group',
      copyChannel: 'sms',
    });
    await context.close();
  });

  it('prints the social prescription', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${running.baseUrl}/app/navigate`);
    await page.getByLabel('At the desk').check();
    await page.getByRole('button', { name: "Continue without the patient's details" }).click();
    await page.getByRole('button', { name: 'None of these' }).click();
    await page.getByRole('button', { name: 'Muscle or joint pain' }).click();
    await page.getByRole('button', { name: 'Patient accepts: First contact physiotherapist' }).click();
    await page.getByRole('button', { name: 'Print' }).click();
    await page.waitForURL(/\/print$/);
    await check(page, 'navigate-print');
    await context.close();
  });

  it('can be done with the keyboard alone: a full signpost in six interactions or fewer', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${running.baseUrl}/app/navigate`);
    // The patient's details (not counted): desk is focused first; the NHS number; Alt+S starts.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type(nhsNumber);
    await page.keyboard.press('Alt+s');
    await page.waitForURL(/\/app\/navigate\/[0-9a-f-]{36}$/);
    let interactions = 0;
    const press = async (keys: string, heading: string | null): Promise<void> => {
      interactions += 1;
      await page.keyboard.press(keys);
      if (heading !== null) {
        await page.locator('h1', { hasText: heading }).waitFor();
      }
    };
    await press('Alt+n', 'What does the patient need help with?');
    await press('Alt+7', 'Options for the patient');
    await press('Alt+1', "The patient's copy");
    await press('Alt+c', null);
    await press('Alt+t', 'Navigation recorded');
    expect(interactions).toBeLessThanOrEqual(6);
    expect(await recordOf(page)).toMatchObject({
      needs: ['loneliness'],
      outcome: 'signposted',
      destinationName: 'Chapel Walking Group',
      copyChannel: 'sms',
      contactConsent: true,
    });
    await screenshot(page, 'navigate-keyboard-done');
    await context.close();
  });

  it('stops at a red flag typed as free text, and records the handover', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${running.baseUrl}/app/navigate`);
    await page.getByLabel('On the phone').check();
    await page.getByRole('button', { name: "Continue without the patient's details" }).click();
    await page.getByRole('button', { name: 'None of these' }).click();
    await page.getByLabel("In the patient's words (optional)").fill('I keep thinking I want to end my life');
    await page.getByRole('button', { name: 'Mental wellbeing' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(RED_FLAG_ACTIONS['duty-gp-now'].title);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'I keep thinking I want to end my life',
    );
    await check(page, 'navigate-stopped');
    await page.getByLabel('Who did you hand the patient over to?').fill('Dr Patel, duty GP');
    await page.getByRole('button', { name: 'Record the handover' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Handed over to Dr Patel, duty GP');
    await check(page, 'navigate-stopped-handed-over');
    expect(await recordOf(page)).toMatchObject({
      redFlagOutcome: 'duty-gp-now',
      redFlagSource: 'free-text',
      redFlagHandedTo: 'Dr Patel, duty GP',
      optionsOffered: null,
    });
    await context.close();

    const clinician = await signedIn(clinicianEmail);
    await clinician.page.goto(`${running.baseUrl}/app/tasks`);
    await check(clinician.page, 'navigate-escalation-tasks');
    await clinician.page.getByRole('link', { name: /^See what the patient said/ }).click();
    await clinician.page.waitForURL(/\/app\/navigate\/[0-9a-f-]{36}\/escalation$/);
    await expect(clinician.page.locator('h1').textContent()).resolves.toBe(
      RED_FLAG_ACTIONS['duty-gp-now'].title,
    );
    const main = await clinician.page.locator('main').textContent();
    expect(main).toContain('I keep thinking I want to end my life');
    expect(main).toContain('Rae Reception');
    expect(main).toContain('Dr Patel, duty GP');
    await check(clinician.page, 'navigate-escalation');
    await clinician.context.close();
  });
});
