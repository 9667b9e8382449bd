import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/audit/audit.repository.ts';
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

// The audit trail pages in Chromium: search, a rejected date, and "who has looked at this record".
// axe on every state; screenshots in test-results/screenshots/audit-*.png.

const patientId = '5e1f0000-0000-4000-8000-0000000000aa';

describe('audit trail pages in a real browser', () => {
  let browser: Browser;
  let running: RunningApp;
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    running = await startTestApp();
    browser = await launchBrowser();
    const admin = await buildUser(running.db, running.tenant.id, {
      roles: ['tenant_admin'],
      displayName: 'Alex Admin',
    });
    const worker = await buildUser(running.db, running.tenant.id, {
      roles: ['link_worker'],
      displayName: 'Lee Worker',
    });
    for (const action of ['read', 'update', 'read'] as const) {
      await recordAudit(running.db, running.tenant.id, {
        action,
        actorUserId: worker.id,
        actorName: 'Lee Worker',
        actorRole: 'Social prescribing link worker',
        actorOrganisationName: 'Leeds North West PCN',
        subjectType: 'patient',
        subjectId: patientId,
        route: 'GET /app/people/:id',
        sourceIp: '10.0.0.7',
      });
    }
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

  it('opens the audit trail from the staff home page and searches by record', async () => {
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.waitForURL(`${running.baseUrl}/app/admin/audit`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'audit-search');
    await page.getByLabel('Kind of record').selectOption('patient');
    await page.getByLabel(/Record id/).fill(patientId);
    await page.getByRole('button', { name: 'Search the audit trail' }).click();
    await page.waitForURL(/subjectId=/);
    await expect(page.locator('tbody tr').count()).resolves.toBe(3);
    await expectNoAxeViolations(page);
    await screenshot(page, 'audit-search-results');
  });

  it('shows who has looked at the record', async () => {
    await page.getByRole('link', { name: 'Who has looked at this record' }).click();
    await page.waitForURL(/\/app\/admin\/audit\/subject/);
    await expect(page.getByRole('cell', { name: 'Lee Worker' }).first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'audit-subject');
  });

  it('rejects an impossible date with the error summary', async () => {
    await page.goto(`${running.baseUrl}/app/admin/audit?from=2026-02-30`);
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor({ state: 'visible' });
    await expect(page.title()).resolves.toBe('Error: Audit trail - Signpost');
    await expectNoAxeViolations(page);
    await screenshot(page, 'audit-search-error');
  });
});
