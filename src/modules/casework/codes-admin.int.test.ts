import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../test/support/accounts.ts';
import { csrfToken, errorLinks, page, submitForm } from '../../../test/support/casework-context.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { ensureSnomedCodes, findUsableCode, SNOMED_CODE_SEEDS } from './snomed-codes.ts';

let t: TestDatabase;
let app: FastifyInstance;
let admin: TestAgent;
let supervisor: TestAgent;
const PAGE = '/app/admin/codes';
const SIGNPOSTED = '/app/admin/codes/navigation-signposted';

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureSnomedCodes(t.db, t.tenant.id);
  app = await createTestApp(t);
  admin = (await signedInAgent(app, t, { roles: ['tenant_admin'], displayName: 'Ada Admin' })).agent;
  supervisor = (await signedInAgent(app, t, { roles: ['supervisor'] })).agent;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function codeRow(
  event: string,
): Promise<{ concept_id: string | null; confirmed: boolean; enabled: boolean }> {
  return t.db
    .selectFrom('snomed_code')
    .select(['concept_id', 'confirmed', 'enabled'])
    .where('tenant_id', '=', t.tenant.id)
    .where('event', '=', event)
    .executeTakeFirstOrThrow();
}

describe('SNOMED CT code table admin', () => {
  it('lists every code with its state and explains that unconfirmed codes are never written', async () => {
    const response = await admin.get(PAGE);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('tbody tr')).toHaveLength(SNOMED_CODE_SEEDS.length);
    expect($('.nhsuk-inset-text').text()).toContain('An unconfirmed code is never written');
    const firstContact = $('tbody tr').first().text();
    expect(firstContact).toContain('871731000000106');
    expect(firstContact).toContain('Written to GP records');
    expect($(`form[action="${SIGNPOSTED}"]`)).toHaveLength(1);
  });

  it('confirms and switches on a code, and records who did it', async () => {
    expect((await findUsableCode(t.db, t.tenant.id, 'offered')).ok).toBe(false);
    const response = await submitForm(admin, PAGE, '/app/admin/codes/offered', {
      conceptId: '871691000000100',
      confirmed: 'yes',
      enabled: 'on',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/app/admin/codes?saved=offered#offered');
    expect(await findUsableCode(t.db, t.tenant.id, 'offered')).toEqual({
      ok: true,
      value: { conceptId: '871691000000100', term: 'Social prescribing offered (situation)' },
    });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name', 'details'])
      .where('tenant_id', '=', t.tenant.id)
      .where('route', '=', 'POST /app/admin/codes/:event')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'update',
      actor_name: 'Ada Admin',
      details: {
        event: 'offered',
        before: { conceptId: '871691000000100', confirmed: false, enabled: false },
        after: { conceptId: '871691000000100', confirmed: true, enabled: true },
      },
    });
    const banner = page(await admin.get(response.headers.location ?? PAGE))('.nhsuk-notification-banner');
    expect(banner.text()).toContain('Saved: Social prescribing offered (situation)');
  });

  it('refuses to switch on a code nobody has confirmed, keeping what was typed', async () => {
    const response = await submitForm(admin, PAGE, SIGNPOSTED, {
      conceptId: '871731000000106',
      enabled: 'on',
    });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      {
        text: 'Signposting to a service by a care navigator: Confirm you have checked the concept against the current UK edition before switching it on',
        href: '#navigation-signposted-confirmed',
      },
    ]);
    expect(page(response)('#navigation-signposted-conceptId').val()).toBe('871731000000106');
    expect(page(response)('title').text()).toMatch(/^Error: /);
    expect(await codeRow('navigation-signposted')).toEqual({
      concept_id: null,
      confirmed: false,
      enabled: false,
    });
  });

  it.each([
    ['871731000000107', 'Concept ID is not a valid SNOMED CT identifier: check you copied every digit'],
    ['12AB', 'Concept ID must contain only numbers'],
    ['', 'Enter the concept ID before confirming the code'],
  ])('rejects the concept ID %j', async (conceptId, message) => {
    const response = await submitForm(admin, PAGE, SIGNPOSTED, {
      conceptId,
      confirmed: 'yes',
      enabled: 'off',
    });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      {
        text: `Signposting to a service by a care navigator: ${message}`,
        href: '#navigation-signposted-conceptId',
      },
    ]);
    expect(page(response)('#navigation-signposted-conceptId-error').text()).toContain(message);
  });

  it('switches a confirmed code off without unconfirming it', async () => {
    const response = await submitForm(admin, PAGE, '/app/admin/codes/declined', {
      conceptId: '871711000000103',
      confirmed: 'yes',
      enabled: 'off',
    });
    expect(response.statusCode).toBe(303);
    expect(await codeRow('declined')).toEqual({
      concept_id: '871711000000103',
      confirmed: true,
      enabled: false,
    });
    expect(await findUsableCode(t.db, t.tenant.id, 'declined')).toEqual({ ok: false, error: 'Disabled' });
  });

  it('gives 404 for an event that is not in the table', async () => {
    const unknown = await admin.postWithToken(
      '/app/admin/codes/made-up',
      { conceptId: '' },
      await csrfToken(admin),
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('is only for administrators', async () => {
    expect((await supervisor.get(PAGE)).statusCode).toBe(403);
    const post = await supervisor.postWithToken(SIGNPOSTED, { conceptId: '' }, await csrfToken(supervisor));
    expect(post.statusCode).toBe(403);
  });
});
