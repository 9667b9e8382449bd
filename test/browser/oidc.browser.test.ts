import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../support/accounts.ts';
import {
  expectNoAxeViolations,
  launchBrowser,
  openPage,
  screenshot,
  startTestApp,
  type RunningApp,
} from '../support/browser.ts';
import { reserveLocalPort, startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';

// OpenID Connect sign-in in Chromium against a real provider (oidc-provider). The provider must know the
// app's redirect URI before it starts, and the app's configuration is fixed when it is created, so the
// test reserves a free port first, starts the provider with `http://127.0.0.1:<port>/signin/oidc/callback`,
// then starts the app on that port with that public address.

// The label of the sign-in button, as the test provider's app configuration sets it.
const LABEL = 'Sign in with NHS Care Identity';

describe('OpenID Connect sign-in in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let op: TestOidcProvider;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await reserveLocalPort();
    baseUrl = `http://127.0.0.1:${String(port)}`;
    op = await startTestOidcProvider({ redirectUris: [`${baseUrl}/signin/oidc/callback`] });
    running = await startTestApp({
      port,
      publicBaseUrl: baseUrl,
      oidc: op.appConfig,
    });
    expect(running.baseUrl).toBe(baseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await running.close();
    await op.close();
  });

  /** From the sign-in page, through the provider's form, back to Signpost. */
  async function signInThroughProvider(page: Page, login: string, next = '/app'): Promise<void> {
    await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
    await page.getByRole('button', { name: LABEL }).click();
    await page.waitForURL(`${op.issuer}/interaction/**`);
    await page.getByLabel('Login').fill(login);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/**`);
  }

  it('offers the provider on the sign-in page (axe)', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl}/signin`);
    await expect(page.getByRole('button', { name: LABEL }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'oidc-signin');
    await context.close();
  });

  it('signs in at the provider and lands signed in on the staff home page', async () => {
    const user = await buildUser(running.db, running.tenant.id, {
      roles: ['link_worker'],
      status: 'invited',
    });
    const sub = `cis2-${randomUUID()}`;
    op.addAccount({ sub, email: user.email, name: 'Provider Name' });
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, sub);
    expect(new URL(page.url()).pathname).toBe('/app');
    await expect(page.getByText(user.displayName).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'oidc-signed-in');
    const cookies = await context.cookies(baseUrl);
    expect(cookies.map((c) => c.name)).toContain('__Host-signpost-session');
    expect(cookies.map((c) => c.name)).not.toContain('__Host-signpost-oidc');
    await context.close();
  });

  it('works without JavaScript (axe cannot run there: the pages are the same as above)', async () => {
    const user = await buildUser(running.db, running.tenant.id, { roles: ['link_worker'] });
    const sub = `cis2-${randomUUID()}`;
    op.addAccount({ sub, email: user.email, name: 'Provider Name' });
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await signInThroughProvider(page, sub, '/app/role');
    expect(new URL(page.url()).pathname).toBe('/app/role');
    await expect(page.getByText(user.displayName).first().isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('refuses an identity with no account with a clear page (axe)', async () => {
    const sub = `cis2-${randomUUID()}`;
    op.addAccount({ sub, email: 'stranger@example.org', name: 'A Stranger' });
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, sub);
    expect(new URL(page.url()).pathname).toBe('/signin/oidc/callback');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'There is no Signpost account for this identity',
    );
    await expect(page.getByText('stranger@example.org').isVisible()).resolves.toBe(true);
    await expect(context.cookies(baseUrl)).resolves.not.toContainEqual(
      expect.objectContaining({ name: '__Host-signpost-session' }),
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'oidc-refused');
    await context.close();
  });

  it('shows a clear page when the person cancels at the provider (axe)', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseUrl}/signin`);
    await page.getByRole('button', { name: LABEL }).click();
    await page.waitForURL(`${op.issuer}/interaction/**`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${baseUrl}/**`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'You did not finish signing in',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'oidc-cancelled');
    await page.getByRole('button', { name: 'Go to sign in' }).click();
    await page.waitForURL(`${baseUrl}/signin?**`);
    await context.close();
  });
});
