import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// Navigator training in Chromium, with the keyboard alone: a scenario from the list to its result (the
// error summary on the way), a hidden red flag missed and highlighted, then the supervisor's team view.
// axe runs on every page; each is screenshotted (test-results/screenshots/training-*.png).

describe('navigator training in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;
  let navigatorEmail: string;
  let supervisorEmail: string;

  beforeAll(async () => {
    running = await startTestApp({ sessionSecret: 't'.repeat(32), formRateLimitPerMinute: 1000 });
    browser = await launchBrowser();
    const tenantId = running.tenant.id;
    navigatorEmail = (
      await buildUser(running.db, tenantId, { roles: ['care_navigator'], displayName: 'Nat Navigator' })
    ).email;
    supervisorEmail = (await buildUser(running.db, tenantId, { roles: ['supervisor'] })).email;
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

  // The accessible label of the focused element: its aria-label, its <label>, or its text.
  const FOCUSED_LABEL = `(() => {
    const el = document.activeElement;
    if (el === null) { return ''; }
    const label = el.id === '' ? null : document.querySelector('label[for="' + el.id + '"]');
    return (el.getAttribute('aria-label') ?? label?.textContent ?? el.textContent ?? '').trim();
  })()`;

  /**
   * Moves focus with Tab until the focused element has this accessible label, then presses a key (Enter
   * submits: it waits for the next page).
   */
  async function tabTo(label: string, key: 'Enter' | 'Space'): Promise<void> {
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      if (String(await page.evaluate(FOCUSED_LABEL)) === label) {
        const navigated = key === 'Enter' ? page.waitForEvent('framenavigated') : undefined;
        await page.keyboard.press(key);
        if (navigated !== undefined) {
          await navigated;
          await page.waitForLoadState('load');
        }
        return;
      }
    }
    throw new Error(`Tab never reached "${label}"`);
  }

  /**
   * Chooses a radio with the keyboard as people do: Tab into the group, then arrow keys to the option
   * (an arrow key moves and selects).
   */
  async function chooseRadio(label: string): Promise<void> {
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate("document.activeElement?.getAttribute('type') === 'radio'")) {
        break;
      }
    }
    for (let i = 0; i < 40; i++) {
      if (String(await page.evaluate(FOCUSED_LABEL)) === label) {
        await page.keyboard.press('Space');
        return;
      }
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`No radio "${label}"`);
  }

  it('lists the scenarios with the training banner', async () => {
    await signInThroughForm(page, running.baseUrl, { email: navigatorEmail, landing: '/app' });
    await page.goto(`${running.baseUrl}/app/training`);
    await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(
      'Training – no patient, nothing is recorded in a patient’s record',
    );
    await check('training-home');
  });

  it('walks a scenario to the right answer with the keyboard alone', async () => {
    await tabTo('Start: A sore throat', 'Enter');
    await page.waitForURL(/\/app\/training\/attempts\/[0-9a-f-]+$/);
    await check('training-step-red-flags');

    await tabTo('Continue', 'Enter');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
      'Select the red flag the patient has, or that they have none of these',
    );
    await check('training-step-red-flags-error');

    await chooseRadio('No: none of these');
    await tabTo('Continue', 'Enter');
    await expect(page.locator('h1').textContent()).resolves.toContain('Step 2 of 3');
    await check('training-step-needs');

    await tabTo('Minor illness', 'Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sore throat for three days, wants antibiotics');
    await tabTo('Continue', 'Enter');
    await expect(page.locator('h1').textContent()).resolves.toContain('Step 3 of 3');
    await check('training-step-choose');

    await chooseRadio('Community pharmacy (Pharmacy First)');
    await tabTo('Record the choice', 'Enter');
    await expect(page.locator('#verdict').textContent()).resolves.toBe('Right');
    await check('training-result-right');
  });

  it('highlights a hidden red flag that was missed', async () => {
    await page.goto(`${running.baseUrl}/app/training`);
    await tabTo('Start: Feeling rubbish', 'Enter');
    await page.waitForURL(/\/app\/training\/attempts\/[0-9a-f-]+$/);
    await chooseRadio('No: none of these');
    await tabTo('Continue', 'Enter');
    await tabTo('Mental wellbeing', 'Space');
    await tabTo('Continue', 'Enter');
    await chooseRadio('NHS Talking Therapies (self-referral)');
    await tabTo('Record the choice', 'Enter');
    await expect(page.locator('#verdict').textContent()).resolves.toBe('Missed red flag');
    await expect(page.locator('.nhsuk-card--warning').textContent()).resolves.toContain(
      'Put the patient through to the duty GP now',
    );
    await check('training-result-missed');
    await page.goto(`${running.baseUrl}/app/training`);
    await expect(page.locator('#scenario-want-to-end-it-all').textContent()).resolves.toContain(
      'Missed red flag',
    );
    await check('training-home-progress');
  });

  it('shows the supervisor who is trained', async () => {
    await page.context().clearCookies();
    await signInThroughForm(page, running.baseUrl, { email: supervisorEmail, landing: '/app' });
    await page.goto(`${running.baseUrl}/app/training/team`);
    const row = page.locator('tbody tr').first();
    await expect(row.textContent()).resolves.toContain('Nat Navigator');
    await expect(row.textContent()).resolves.toContain('In training');
    await check('training-team');
  });
});
