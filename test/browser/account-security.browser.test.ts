import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendInvitation } from '../../src/modules/accounts/invitation.service.ts';
import { insertRoleAssignment } from '../../src/modules/accounts/user-admin.repository.ts';
import { insertUser } from '../../src/modules/accounts/user.repository.ts';
import { codeInSteps, deliverAndReceive, linkPathFrom, wrongCode } from '../support/account-security.ts';
import { buildUser, TEST_PASSWORD } from '../support/accounts.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  type RunningApp,
  screenshot,
  signInThroughForm,
  startTestApp,
} from '../support/browser.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-server.ts';
import { createTestConfig } from '../support/test-config.ts';

// Account security in Chromium: sign in and out; set up two-step verification (the key read from the
// page, the codes computed as an authenticator app would) and sign in with a code; reset a forgotten
// password from the email that reaches a real SMTP server; accept an invitation. axe runs on every page
// in every state; each state is screenshotted (test-results/screenshots/account-*.png).

const NEW_PASSWORD = 'lighthouse biscuit glacier';

describe('account security in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let smtp: TestSmtpServer;
  let page: Page;
  let close: () => Promise<void>;
  let totpSecret = '';
  let organisationId = '';
  const sam = { email: '', displayName: 'Sam Staff' };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    running = await startTestApp({ smtpUrl: smtp.url, sessionCookieSecure: true });
    browser = await launchBrowser();
    const user = await buildUser(running.db, running.tenant.id, {
      roles: ['link_worker'],
      displayName: sam.displayName,
    });
    sam.email = user.email;
    organisationId = user.organisationId;
    const opened = await openPage(browser);
    page = opened.page;
    close = () => opened.context.close();
  });

  afterAll(async () => {
    await close();
    await browser.close();
    await running.close();
    await smtp.close();
  });

  async function check(name: string): Promise<void> {
    await expectNoAxeViolations(page);
    await screenshot(page, name);
  }

  async function expectErrorSummary(title: string, message: string): Promise<void> {
    await expect(page.title()).resolves.toBe(`Error: ${title} - Signpost`);
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.textContent()).resolves.toContain(message);
    // The summary takes focus, so a screen reader announces it first.
    await expect(
      page.evaluate("document.activeElement?.classList.contains('nhsuk-error-summary') === true"),
    ).resolves.toBe(true);
  }

  it('signs in and out', async () => {
    await page.goto(`${running.baseUrl}/signin`);
    await check('account-signin');
    await signInThroughForm(page, running.baseUrl, { email: sam.email });
    await page.waitForURL(`${running.baseUrl}/app`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === '__Host-signpost-session')).toMatchObject({
      secure: true,
      httpOnly: true,
    });
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/signin?signedout=1`);
    await expect(page.getByText('You have signed out').isVisible()).resolves.toBe(true);
    await check('account-signed-out');
  });

  it('shows the account page', async () => {
    await signInThroughForm(page, running.baseUrl, { email: sam.email });
    await page.waitForURL(`${running.baseUrl}/app`);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.waitForURL(`${running.baseUrl}/app/account`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your account');
    await check('account-overview');
  });

  it('shows the change-password page and its errors', async () => {
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.waitForURL(`${running.baseUrl}/app/account/password`);
    await check('account-change-password');
    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectErrorSummary('Change your password', 'Enter a new password');
    await expect(page.getByLabel('Current password').inputValue()).resolves.toBe('');
    await check('account-change-password-errors');
  });

  it('sets up two-step verification with the key from the page', async () => {
    await page.goto(`${running.baseUrl}/app/account`);
    await page.getByRole('link', { name: 'Set up two-step verification' }).click();
    await page.waitForURL(`${running.baseUrl}/app/account/two-step`);
    await expect(page.getByRole('img', { name: /QR code to add Signpost/ }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate("document.querySelector('main img').naturalWidth > 0")).resolves.toBe(true);
    totpSecret = ((await page.locator('#totp-secret code').textContent()) ?? '').replace(/\s/g, '');
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    await check('account-two-step-setup');

    await page.getByLabel('6-digit code from your authenticator app').fill(wrongCode(totpSecret));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await expectErrorSummary(
      'Set up two-step verification',
      'Enter the code your authenticator app shows now',
    );
    await check('account-two-step-setup-errors');

    await page.getByLabel('6-digit code from your authenticator app').fill(codeInSteps(totpSecret));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.waitForURL(`${running.baseUrl}/app/account?updated=two-step-on`);
    await expect(page.getByText('Two-step verification is on.').isVisible()).resolves.toBe(true);
    await check('account-two-step-on');
  });

  it('signs out, then signs in with the password and a code', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/signin?signedout=1`);
    await signInThroughForm(page, running.baseUrl, { email: sam.email });
    await page.waitForURL(`${running.baseUrl}/signin/verify?next=%2Fapp`);
    await check('account-verify');

    await page.getByLabel('Enter the code from your authenticator app').fill('12345');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectErrorSummary('Enter the code from your authenticator app', 'Code must be 6 digits');
    await expect(page.getByLabel('Enter the code from your authenticator app').inputValue()).resolves.toBe(
      '12345',
    );
    await check('account-verify-errors');

    await page.getByLabel('Enter the code from your authenticator app').fill(codeInSteps(totpSecret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${running.baseUrl}/app`);
    await expect(page.getByText('Sam Staff').first().isVisible()).resolves.toBe(true);
    await page.goto(`${running.baseUrl}/app/account/two-step`);
    await check('account-two-step-manage');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/signin?signedout=1`);
  });

  it('resets a forgotten password from the emailed link', async () => {
    const riley = await buildUser(running.db, running.tenant.id, {
      roles: ['care_navigator'],
      displayName: 'Riley Reset',
    });
    await page.goto(`${running.baseUrl}/signin`);
    await page.getByRole('link', { name: 'I have forgotten my password' }).click();
    await page.waitForURL(`${running.baseUrl}/signin/forgot`);
    await check('account-forgot');

    await page.getByLabel('Email address').fill('riley at example');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expectErrorSummary('Reset your password', 'Enter an email address in the correct format');
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('riley at example');
    await check('account-forgot-errors');

    await page.getByLabel('Email address').fill(riley.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your email');
    await check('account-forgot-sent');

    const email = await deliverAndReceive(running.db, smtp, riley.email);
    expect(email.subject).toBe('Reset your Signpost password');
    const link = linkPathFrom(email, 'reset');
    await page.goto(`${running.baseUrl}${link}`);
    await check('account-reset');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Enter the new password again').fill('lighthouse biscuit glaciers');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await expectErrorSummary('Choose a new password', 'Enter the same password in both fields');
    await check('account-reset-errors');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Enter the new password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL(`${running.baseUrl}/signin?reset=1`);
    await expect(page.getByText('Your password has been changed.').isVisible()).resolves.toBe(true);
    await check('account-reset-done');

    await signInThroughForm(page, running.baseUrl, { email: riley.email, password: NEW_PASSWORD });
    await page.waitForURL(`${running.baseUrl}/app`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${running.baseUrl}/signin?signedout=1`);

    const again = await page.goto(`${running.baseUrl}${link}`);
    expect(again?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'This link has expired',
    );
    await check('account-link-expired');
  });

  it('accepts an invitation and arrives signed in', async () => {
    const config = createTestConfig({ publicBaseUrl: running.baseUrl });
    const invited = await running.db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, running.tenant.id, {
        email: 'jo.invited@example.org',
        displayName: 'Jo Invited',
        status: 'invited',
      });
      await insertRoleAssignment(trx, running.tenant.id, {
        userId: user.id,
        organisationId,
        role: 'link_worker',
      });
      await sendInvitation(trx, { config, tenant: running.tenant }, user, 'Alex Admin');
      return user;
    });
    const email = await deliverAndReceive(running.db, smtp, invited.email);
    await page.goto(`${running.baseUrl}${linkPathFrom(email, 'invite')}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Create your Signpost password',
    );
    await check('account-invitation');

    await page.getByRole('button', { name: 'Create password and sign in' }).click();
    await expectErrorSummary('Create your Signpost password', 'Enter a new password');
    await check('account-invitation-errors');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Enter the new password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Create password and sign in' }).click();
    await page.waitForURL(`${running.baseUrl}/app`);
    await expect(page.getByText('Jo Invited').first().isVisible()).resolves.toBe(true);
  });
});
