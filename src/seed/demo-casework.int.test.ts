import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent } from '../../test/support/accounts.ts';
import { createTestConfig } from '../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { createApp } from '../app.ts';
import { parseNhsNumber } from '../modules/people/nhs-number.ts';
import { listTriageQueue } from '../modules/referrals/triage.service.ts';
import { ensureDemoAccounts } from './demo-accounts.ts';
import { DEMO_CASEWORK_STAFF } from './demo-casework-staff.ts';
import { ensureDemoCasework } from './demo-casework.ts';
import { DEMO_STAGE_COUNTS } from './demo-casework-stories.ts';
import { DEMO_PASSWORD } from './demo-users.data.ts';
import { seedDemo } from './demo.ts';

// The demo caseload, seeded through the people, referrals and casework services on top of the demo
// directory and accounts. The seeding moment is fixed (and in the past, so rows left with the database's
// own clock would show up as later than it).
const NOW = new Date('2026-11-18T10:30:00Z');
const SEED_TIMEOUT = 600_000;

const CASEWORK_TABLES = [
  'patient',
  'consent_event',
  'referral',
  'sp_case',
  'case_contact',
  'care_plan',
  'plan_goal',
  'plan_action',
  'onward_referral',
  'onward_referral_event',
  'safeguarding_flag',
  'staff_task',
  'coded_event',
  'message_back',
  'app_user',
  'role_assignment',
] as const;

let t: TestDatabase;
let app: FastifyInstance;
let first: Awaited<ReturnType<typeof ensureDemoCasework>>;

async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(t.db)).rows;
}

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const row = (await rows(query)).at(0);
  if (row === undefined) {
    throw new Error('The query found no row');
  }
  return row;
}

async function digests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of CASEWORK_TABLES) {
    const row = await one(sql<{ digest: string | null; n: string }>`
      SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS digest, count(*)::text AS n
        FROM ${sql.table(table)} AS x`);
    out[table] = `${row.n}:${row.digest ?? 'empty'}`;
  }
  return out;
}

async function count(query: ReturnType<typeof sql<{ n: string }>>): Promise<number> {
  return Number((await one(query)).n);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, t.tenant, { now: NOW });
  await ensureDemoAccounts(t.db, t.tenant);
  first = await ensureDemoCasework(t.db, t.tenant, { now: NOW });
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'x'.repeat(32), formRateLimitPerMinute: 1000, seedDemo: true }),
    tenant: t.tenant,
    logger: false,
  });
}, SEED_TIMEOUT);

afterAll(async () => {
  await app.close();
  await t.close();
});

describe('ensureDemoCasework', () => {
  it('writes 300 referrals and the extra staff once; seeding again changes nothing', async () => {
    expect(first).toEqual({ staffCreated: DEMO_CASEWORK_STAFF.length, referralsCreated: 300 });
    const before = await digests();
    expect(await ensureDemoCasework(t.db, t.tenant, { now: NOW })).toEqual({
      staffCreated: 0,
      referralsCreated: 0,
    });
    expect(await digests()).toEqual(before);
  });

  it(
    'completes an interrupted seeding without touching what was already written',
    async () => {
      // As if the first run had stopped before its last story: remove that story's referral and person.
      const [last] = await rows(sql<{ id: string; patient_id: string }>`
      SELECT id, patient_id FROM referral WHERE idempotency_key = 'demo-casework:s300'`);
      expect(last).toBeDefined();
      const before = await digests();
      await sql`DELETE FROM consent_event WHERE patient_id = ${last.patient_id}`.execute(t.db);
      await sql`DELETE FROM referral WHERE id = ${last.id}`.execute(t.db);
      await sql`DELETE FROM patient WHERE id = ${last.patient_id}`.execute(t.db);

      // Every step of the 299 other stories is checked and found done; only the last story is written.
      expect(await ensureDemoCasework(t.db, t.tenant, { now: NOW })).toEqual({
        staffCreated: 0,
        referralsCreated: 1,
      });
      const after = await digests();
      for (const table of CASEWORK_TABLES) {
        const unchanged = !['patient', 'consent_event', 'referral'].includes(table);
        if (unchanged) {
          expect(after[table], table).toBe(before[table]);
        } else {
          expect(after[table].split(':').at(0), table).toBe(before[table].split(':').at(0));
        }
      }
    },
    SEED_TIMEOUT,
  );

  it('has referrals and cases at every stage', async () => {
    const statuses = await rows(sql<{ status: string; n: string }>`
      SELECT status, count(*)::text AS n FROM referral GROUP BY status ORDER BY status`);
    const stage = Object.fromEntries(DEMO_STAGE_COUNTS);
    const accepted = stage.waiting + stage.allocated + stage.active + stage.discharged;
    expect(statuses).toEqual([
      { status: 'accepted', n: String(accepted) },
      { status: 'declined', n: String(stage.declined) },
      { status: 'new', n: String(stage.new) },
      { status: 'redirected', n: String(stage.redirected) },
    ]);
    const cases = await rows(sql<{ status: string; contacted: boolean; n: string }>`
      SELECT status, first_contact_at IS NOT NULL AS contacted, count(*)::text AS n
        FROM sp_case GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(cases).toEqual([
      { status: 'active', contacted: false, n: String(stage.allocated) },
      { status: 'active', contacted: true, n: String(stage.active) },
      { status: 'discharged', contacted: false, n: expect.any(String) as string },
      { status: 'discharged', contacted: true, n: expect.any(String) as string },
      { status: 'waiting', contacted: false, n: String(stage.waiting) },
    ]);
    // Four link workers share the open cases.
    expect(
      await count(sql`SELECT count(DISTINCT link_worker_id)::text AS n FROM sp_case WHERE status = 'active'`),
    ).toBe(4);
  });

  it('puts the flagged referral first in the triage queue, with its clinician-review task', async () => {
    const top = (await listTriageQueue(t.db, t.tenant.id, { limit: 50 })).at(0);
    expect(top).toMatchObject({ flaggedForClinician: true, urgency: 'urgent' });
    expect(
      await count(sql`SELECT count(*)::text AS n FROM staff_task
                       WHERE kind = 'clinician-review' AND patient_id = ${top?.patientId}`),
    ).toBe(1);
    const urgent = await count(
      sql`SELECT count(*)::text AS n FROM referral WHERE status = 'new' AND urgency = 'urgent'`,
    );
    expect(urgent).toBeGreaterThan(1);
  });

  it('codes 871731000000106 at first contacts only, and 871711000000103 for people who declined', async () => {
    const first = await rows(sql<{ n: string; matched: string }>`
      SELECT count(*)::text AS n,
             count(*) FILTER (WHERE e.occurred_at = c.first_contact_at)::text AS matched
        FROM coded_event e JOIN sp_case c ON c.tenant_id = e.tenant_id AND c.id = e.case_id
       WHERE e.snomed_code = '871731000000106'`);
    const contacted = await count(
      sql`SELECT count(*)::text AS n FROM sp_case WHERE first_contact_at IS NOT NULL`,
    );
    expect(first).toEqual([{ n: String(contacted), matched: String(contacted) }]);
    const declined = await count(
      sql`SELECT count(*)::text AS n FROM referral WHERE decline_reason = 'declined_by_patient'`,
    );
    expect(declined).toBeGreaterThan(0);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM coded_event WHERE snomed_code = '871711000000103'`),
    ).toBe(declined);
    expect(
      await count(sql`SELECT count(DISTINCT decline_reason)::text AS n FROM referral`),
    ).toBeGreaterThanOrEqual(5);
  });

  it('has contacts of every kind, plans with overdue actions, and messages back at every stage', async () => {
    const modes = await rows(sql<{ mode: string }>`SELECT DISTINCT mode FROM case_contact ORDER BY mode`);
    expect(modes.map((m) => m.mode)).toEqual(['face-to-face', 'group', 'home-visit', 'phone', 'video']);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM case_contact WHERE did_not_attend`),
    ).toBeGreaterThan(0);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM care_plan WHERE what_matters IS NOT NULL AND agreed_at IS NOT NULL
                        AND person_central AND from_conversations AND outcomes_agreed AND plan_shareable AND review_arranged`),
    ).toBeGreaterThan(0);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM plan_action a JOIN sp_case c ON c.id = a.case_id
                       WHERE c.status = 'active' AND a.done_at IS NULL AND a.due_date < ${NOW}::date`),
    ).toBeGreaterThan(0);
    const stages = await rows(sql<{ stage: string }>`SELECT DISTINCT stage FROM message_back ORDER BY stage`);
    expect(stages.map((s) => s.stage)).toEqual(['accepted', 'declined', 'discharge', 'first-contact']);
  });

  it('refers on to real demo directory services, in every closed-loop status, with consent to share', async () => {
    const statuses = await rows(
      sql<{ status: string }>`SELECT DISTINCT status FROM onward_referral ORDER BY status`,
    );
    expect(statuses.map((s) => s.status)).toEqual([
      'accepted',
      'attended',
      'cancelled',
      'completed',
      'declined',
      'expired',
      'not_attended',
      'sent',
      'waitlisted',
    ]);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM onward_referral o
                       WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.tenant_id = o.tenant_id AND s.id = o.service_id)`),
    ).toBe(0);
    expect(
      await count(sql`SELECT count(*)::text AS n FROM onward_referral o JOIN sp_case c ON c.id = o.case_id
                       WHERE o.kind = 'referral' AND NOT EXISTS (
                         SELECT 1 FROM consent_event e WHERE e.kind = 'share-with-organisation' AND e.granted
                            AND e.referral_id = c.referral_id AND e.organization_id = o.organization_id)`),
    ).toBe(0);
  });

  it('has an open safeguarding concern escalated to a clinician', async () => {
    expect(
      await count(sql`SELECT count(*)::text AS n FROM safeguarding_flag f
                        JOIN staff_task k ON k.case_id = f.case_id AND k.assigned_to = f.escalated_to
                       WHERE f.resolved_at IS NULL AND k.kind = 'safeguarding-escalation'`),
    ).toBeGreaterThan(0);
  });

  it('gives every person an NHS number from the 999 range that passes modulus 11', async () => {
    const numbers = await rows(sql<{ nhs_number: string | null }>`SELECT nhs_number FROM patient`);
    expect(numbers.length).toBeGreaterThanOrEqual(290);
    for (const { nhs_number } of numbers) {
      expect(nhs_number).toMatch(/^999\d{7}$/);
      expect(parseNhsNumber(nhs_number ?? '').ok).toBe(true);
    }
  });

  it('dates everything before the seeding moment, in order', async () => {
    const late = await rows(sql<{ what: string; n: string }>`
      SELECT 'referral' AS what, count(*)::text AS n FROM referral WHERE received_at >= ${NOW} OR triaged_at >= ${NOW}
      UNION ALL SELECT 'case', count(*)::text FROM sp_case
        WHERE greatest(accepted_at, allocated_at, first_contact_at, discharged_at, updated_at) >= ${NOW}
           OR accepted_at < (SELECT received_at FROM referral r WHERE r.id = sp_case.referral_id)
           OR first_contact_at < accepted_at OR discharged_at < first_contact_at
      UNION ALL SELECT 'contact', count(*)::text FROM case_contact WHERE greatest(occurred_at, recorded_at) >= ${NOW}
      UNION ALL SELECT 'message', count(*)::text FROM message_back WHERE created_at >= ${NOW}
      UNION ALL SELECT 'code', count(*)::text FROM coded_event WHERE greatest(occurred_at, recorded_at) >= ${NOW}
      UNION ALL SELECT 'consent', count(*)::text FROM consent_event WHERE recorded_at >= ${NOW}
      UNION ALL SELECT 'onward', count(*)::text FROM onward_referral WHERE greatest(created_at, updated_at) >= ${NOW}
      UNION ALL SELECT 'onward event', count(*)::text FROM onward_referral_event WHERE recorded_at >= ${NOW}
      UNION ALL SELECT 'plan', count(*)::text FROM care_plan WHERE updated_at >= ${NOW} AND updated_by IS NOT NULL
      UNION ALL SELECT 'action', count(*)::text FROM plan_action WHERE greatest(created_at, done_at) >= ${NOW}
      UNION ALL SELECT 'flag', count(*)::text FROM safeguarding_flag WHERE greatest(raised_at, resolved_at) >= ${NOW}`);
    expect(late.filter((r) => r.n !== '0')).toEqual([]);
  });

  it("lets the extra staff sign in, and renders the demo link workers' caseloads", async () => {
    for (const email of ['linkworker@demo.signpost.invalid', 'linkworker3@demo.signpost.invalid']) {
      const agent = new TestAgent(app);
      const signedIn = await agent.signIn(email, DEMO_PASSWORD);
      expect(signedIn.statusCode).toBe(303);
      const page = await agent.get('/app/caseload');
      expect(page.statusCode).toBe(200);
      const someone = await one(sql<{ given_name: string; family_name: string }>`
        SELECT p.given_name, p.family_name FROM sp_case c
          JOIN patient p ON p.id = c.patient_id JOIN app_user u ON u.id = c.link_worker_id
         WHERE u.email = ${email} AND c.status = 'active' AND p.family_name ~ '^[A-Za-z]+$'
         ORDER BY p.family_name LIMIT 1`);
      expect(page.body).toContain(someone.family_name);
    }
  });
});
