import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TestAgent } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp } from '../../../test/support/test-app.ts';
import { recordAudit, searchAudit } from './audit.repository.ts';

let t: TestDatabase;
let app: FastifyInstance;
let admin: TestAgent;
let adminId: string;
let worker: { id: string; email: string };
const patientId = 'c0ffee00-0000-4000-8000-000000000001';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  const adminUser = await buildUser(t.db, t.tenant.id, { roles: ['tenant_admin'], displayName: 'Ada Admin' });
  adminId = adminUser.id;
  const workerUser = await buildUser(t.db, t.tenant.id, {
    roles: ['link_worker'],
    displayName: 'Wendy Worker',
  });
  worker = { id: workerUser.id, email: workerUser.email };
  await recordAudit(t.db, t.tenant.id, {
    action: 'read',
    actorUserId: worker.id,
    actorName: 'Wendy Worker',
    actorRole: 'Social prescribing link worker',
    subjectType: 'patient',
    subjectId: patientId,
    route: 'GET /app/people/:id',
  });
  admin = new TestAgent(app);
  await admin.signIn(adminUser.email);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

describe('audit trail pages', () => {
  it('lists entries newest first and records the search itself', async () => {
    const page = await admin.get('/app/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wendy Worker');
    expect(page.body).toContain('Signed in');
    const latest = await searchAudit(t.db, t.tenant.id, { actorUserId: adminId, limit: 1 });
    expect(latest.records[0]).toMatchObject({
      action: 'search',
      subjectType: 'audit-log',
      route: 'GET /app/admin/audit',
    });
  });

  it('filters by person and by user', async () => {
    const byPatient = await admin.get(`/app/admin/audit?subjectType=patient&subjectId=${patientId}`);
    expect(byPatient.body).toContain('Wendy Worker');
    expect(byPatient.body.match(/<tr class="nhsuk-table__row">/g)).toHaveLength(1);
    const byUser = await admin.get(`/app/admin/audit?user=${worker.id}`);
    expect(byUser.body).toContain('GET /app/people/:id');
    expect(byUser.body).not.toContain('GET /app/admin/audit');
  });

  it('rejects impossible dates with the error summary and keeps what was typed', async () => {
    const response = await admin.get('/app/admin/audit?from=2026-13-45&to=2026-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('href="#from"');
    expect(response.body).toContain('value="2026-13-45"');
    expect((await admin.get('/app/admin/audit?from=2026-02-30')).statusCode).toBe(400);
    const reversed = await admin.get('/app/admin/audit?from=2026-11-02&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('must be the same as or after');
  });

  it('exports CSV with a header, and records the export', async () => {
    const response = await admin.get(`/app/admin/audit.csv?subjectType=patient&subjectId=${patientId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="signpost-audit-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(patientId);
    const exported = await searchAudit(t.db, t.tenant.id, { action: 'export', limit: 5 });
    expect(exported.records[0]).toMatchObject({ actorUserId: adminId, subjectType: 'audit-log' });
  });

  it("shows who has looked at a patient's record", async () => {
    const response = await admin.get(`/app/admin/audit/subject?subjectType=patient&subjectId=${patientId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Wendy Worker');
    expect(response.body).toContain('Social prescribing link worker');
    const missing = await admin.get('/app/admin/audit/subject?subjectType=patient');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('nhsuk-error-summary');
  });

  it('is closed to roles without the audit permission', async () => {
    const agent = new TestAgent(app);
    await agent.signIn(worker.email);
    expect((await agent.get('/app/admin/audit')).statusCode).toBe(403);
    expect((await agent.get('/app/admin/audit.csv')).statusCode).toBe(403);
  });
});
