import { sql, type RawBuilder } from 'kysely';

// The SQL of scripts/generate-casework.ts: set-based statements (INSERT ... SELECT FROM generate_series)
// that fill a throwaway benchmark database. `bench_u(k, salt)` is a hash of a row number mapped to [0, 1),
// so the data is the same on every run; ids are md5-derived UUIDs for the same reason.

/** The shape with the per-tenant numbers derived from it. */
export interface ShapeNumbers {
  practicesPerTenant: number;
  linkWorkersPerTenant: number;
  perTenant: number;
  patientsPerTenant: number;
  years: number;
  asOf: Date;
}

type Step = (shape: ShapeNumbers) => RawBuilder<unknown>;

const text = (items: readonly string[]): RawBuilder<unknown> =>
  sql`ARRAY[${sql.join(items.map((s) => sql.lit(s)))}]::text[]`;

const GIVEN = text([
  'Margaret',
  'David',
  'Ayesha',
  'Piotr',
  'Grace',
  'Mohammed',
  'Susan',
  'James',
  'Priya',
  'Kwame',
]);
const FAMILY = text([
  'Smith',
  'Khan',
  'Walker',
  'Nowak',
  'Hussain',
  'Taylor',
  'Mensah',
  'Wood',
  'Patel',
  'Hirst',
]);
const NEEDS = text([
  'loneliness',
  'money_debt',
  'housing',
  'mental_wellbeing',
  'carer_support',
  'bereavement',
]);
const REASONS = text([
  'Lives alone since partner died; says whole weeks go by without a proper conversation. Would like to get out more.',
  'Behind on energy and council tax bills after hours at work were cut. Worried by letters; would like debt advice.',
  'Private rented flat has damp and mould and the landlord is not responding. Asthma worse all winter.',
  'Full-time carer for a partner with dementia. Exhausted, and has had no break in over a year.',
]);
const MODES = text(['face-to-face', 'phone', 'phone', 'home-visit', 'video', 'group']);

/** The PostgreSQL statements, in order; `bench_u(k, salt)` is a hash of k mapped to [0, 1). */
export const STEPS: readonly [table: string, step: Step][] = [
  [
    'practice',
    (s) => sql`INSERT INTO practice (tenant_id, id, ods_code, name, postcode)
      SELECT bt.id, md5('practice:' || bt.t || ':' || p)::uuid, 'Y' || lpad((bt.t * 1000 + p)::text, 5, '0'),
             'Bench practice ' || p, 'LS6 1AN'
        FROM bench_tenant bt, generate_series(0, ${s.practicesPerTenant - 1}) p`,
  ],
  [
    'app_user',
    (s) => sql`INSERT INTO app_user (tenant_id, id, email, display_name, status)
      SELECT bt.id, md5(kind || ':' || bt.t || ':' || n)::uuid, kind || n || '@t' || bt.t || '.bench.invalid',
             CASE kind WHEN 'lw' THEN 'Link worker ' ELSE 'Dr GP ' END || n, 'active'
        FROM bench_tenant bt,
             LATERAL (SELECT 'lw' AS kind, n FROM generate_series(0, ${s.linkWorkersPerTenant - 1}) n
                      UNION ALL SELECT 'gp', n FROM generate_series(0, ${s.practicesPerTenant - 1}) n) u`,
  ],
  [
    'patient',
    (s) => sql`INSERT INTO patient (tenant_id, id, nhs_number, nhs_number_status, given_name, family_name,
                               date_of_birth, gender, ethnicity, address_line1, town, postcode, phone,
                               practice_id, consent_social_prescribing, consent_sms, created_at, updated_at)
      SELECT bt.id, md5('p:' || bt.t || ':' || n.j)::uuid, n.nhs, '01',
             (${GIVEN})[1 + n.j % 10], (${FAMILY})[1 + (n.j / 10) % 10],
             date '1930-01-01' + (bench_u(n.j, 11) * 27000)::int, CASE n.j % 2 WHEN 0 THEN 'female' ELSE 'male' END,
             'A', (1 + n.j % 180) || ' Otley Road', 'Leeds', 'LS6 1AN', '07700 900' || lpad((n.j % 1000)::text, 3, '0'),
             md5('practice:' || bt.t || ':' || (n.j % ${s.practicesPerTenant}))::uuid, 'given', n.j % 3 = 0,
             ${s.asOf}::timestamptz - ${s.years} * interval '1 year', ${s.asOf}::timestamptz - ${s.years} * interval '1 year'
        FROM bench_tenant bt, bench_nhs n
       WHERE n.j < ${s.patientsPerTenant}`,
  ],
  [
    'referral',
    () => sql`INSERT INTO referral (tenant_id, id, patient_id, source, referrer_user_id, referrer_name, practice_id,
                                reason, needs, urgency, consent_confirmed, status, flagged_for_clinician,
                                decline_reason, redirected_to, triaged_by, triaged_at, received_at, version)
      SELECT tenant_id, referral_id, patient_id, CASE WHEN k % 10 < 7 THEN 'clinician' WHEN k % 10 < 9 THEN 'care-navigator' ELSE 'self' END,
             CASE WHEN k % 10 < 7 THEN gp_id END, CASE WHEN k % 10 < 7 THEN 'Dr GP' END, practice_id,
             (${REASONS})[1 + k % 4], needs, urgency, true, status, flagged,
             CASE status WHEN 'declined' THEN (ARRAY['declined_by_patient', 'not_eligible', 'unable_to_contact', 'needs_clinical_care'])[1 + k % 4] END,
             CASE status WHEN 'redirected' THEN 'NHS Talking Therapies (self-referral)' END,
             CASE WHEN status <> 'new' THEN worker_id END, triaged_at, received_at,
             CASE WHEN status = 'new' THEN 1 ELSE 2 END
        FROM bench_ref`,
  ],
  [
    'sp_case',
    () => sql`INSERT INTO sp_case (tenant_id, id, referral_id, patient_id, practice_id, link_worker_id, status,
                               accepted_at, allocated_at, first_contact_at, next_contact_due, discharged_at,
                               discharge_reason, discharge_summary, version, updated_at)
      SELECT tenant_id, case_id, referral_id, patient_id, practice_id, CASE WHEN NOT waiting THEN worker_id END,
             case_status, triaged_at, allocated_at, first_contact_at, next_contact_due, discharged_at,
             CASE WHEN case_status = 'discharged' THEN CASE WHEN first_contact_at IS NULL THEN 'unable_to_contact' ELSE 'goals_met' END END,
             CASE WHEN case_status = 'discharged' THEN 'Goals met; knows how to get back in touch.' END,
             3, coalesce(discharged_at, first_contact_at, allocated_at, triaged_at)
        FROM bench_ref WHERE status = 'accepted'`,
  ],
  [
    'care_plan',
    (s) => sql`INSERT INTO care_plan (tenant_id, case_id, what_matters, needs, review_date, agreed_at,
                                  person_central, from_conversations, outcomes_agreed, plan_shareable,
                                  review_arranged, version, updated_at)
      SELECT tenant_id, case_id,
             CASE WHEN first_contact_at IS NOT NULL THEN 'Having someone to talk to and something to get up for.' END,
             needs,
             CASE WHEN first_contact_at IS NULL THEN NULL
                  WHEN case_status = 'active' THEN ${s.asOf}::date + (bench_u(k, 13) * 49)::int - 7
                  ELSE first_contact_at::date + 60 END,
             first_contact_at + interval '14 days', first_contact_at IS NOT NULL, first_contact_at IS NOT NULL,
             first_contact_at IS NOT NULL, first_contact_at IS NOT NULL, first_contact_at IS NOT NULL, 2,
             coalesce(first_contact_at, triaged_at)
        FROM bench_ref WHERE status = 'accepted'`,
  ],
  [
    'case_contact',
    () => sql`INSERT INTO case_contact (tenant_id, id, case_id, occurred_at, mode, duration_minutes,
                                     did_not_attend, notes, recorded_by, recorded_at)
      SELECT c.tenant_id, md5('cc:' || c.k || ':' || g)::uuid, c.case_id, at,
             (${MODES})[1 + (c.k + g) % 6], CASE WHEN dna THEN NULL ELSE 20 + (c.k + g) % 50 END, dna,
             CASE WHEN dna THEN 'Did not answer; text sent to rebook.' ELSE 'Catch-up: going to the group and enjoying it.' END,
             c.worker_id, at + interval '2 hours'
        FROM bench_contact_plan c,
             LATERAL generate_series(1, c.n) g,
             LATERAL (SELECT c.first_contact_at + (g - 1) * (c.span / c.n) AS at,
                             g > 1 AND bench_u(c.k * 16 + g, 9) < 0.1 AS dna) x`,
  ],
  [
    'plan_goal',
    () => sql`INSERT INTO plan_goal (tenant_id, id, case_id, text, status, position, created_at)
      SELECT tenant_id, md5('g:' || k)::uuid, case_id, 'Go to a social group once a week',
             CASE WHEN case_status = 'discharged' THEN 'achieved' ELSE 'active' END, 1,
             first_contact_at + interval '7 days'
        FROM bench_ref WHERE first_contact_at IS NOT NULL`,
  ],
  [
    'plan_action',
    (
      s,
    ) => sql`INSERT INTO plan_action (tenant_id, id, goal_id, case_id, text, owner, due_date, done_at, created_at)
      SELECT tenant_id, md5('a:' || k || ':' || x)::uuid, md5('g:' || k)::uuid, case_id,
             CASE x WHEN 1 THEN 'Try the Tuesday coffee morning' ELSE 'Find a volunteer to go along the first time' END,
             CASE x WHEN 1 THEN 'Me' ELSE 'Link worker' END, due,
             CASE WHEN case_status = 'discharged' OR (due < ${s.asOf}::date - 21 AND bench_u(k * 2 + x, 14) < 0.9)
                       OR (due < ${s.asOf}::date AND bench_u(k * 2 + x, 14) < 0.5)
                  THEN least(due::timestamptz, ${s.asOf}::timestamptz) END,
             first_contact_at + interval '7 days'
        FROM bench_ref, generate_series(1, 2) x,
             LATERAL (SELECT first_contact_at::date + 14 + (bench_u(k * 2 + x, 15) * 46)::int AS due) d
       WHERE first_contact_at IS NOT NULL`,
  ],
  [
    'safeguarding_flag',
    (s) => sql`INSERT INTO safeguarding_flag (tenant_id, id, case_id, description, escalated_to, raised_by,
                                          raised_at, resolved_at, resolution)
      SELECT tenant_id, md5('f:' || k)::uuid, case_id, 'Possible financial abuse disclosed at a home visit.',
             gp_id, worker_id, first_contact_at + interval '3 days', resolved, CASE WHEN resolved IS NOT NULL THEN 'Adult social care involved.' END
        FROM bench_ref,
             LATERAL (SELECT CASE WHEN case_status = 'discharged' THEN discharged_at
                                  WHEN bench_u(k, 16) < 0.7 AND first_contact_at + interval '8 days' < ${s.asOf}::timestamptz
                                  THEN first_contact_at + interval '8 days' END AS resolved) r
       WHERE first_contact_at IS NOT NULL AND bench_u(k, 12) < 0.01`,
  ],
];

/** The hash function and the helper tables the steps read (dropped again by dropHelpers). */
export const HELPERS = {
  hash: sql`CREATE OR REPLACE FUNCTION bench_u(k bigint, salt int) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8(k * 31 + salt) & 2147483647)::double precision / 2147483648 $$`,
  tenants: (tenantIds: readonly string[]) => sql`CREATE UNLOGGED TABLE bench_tenant AS
    SELECT t::int - 1 AS t, id::uuid AS id FROM unnest(${[...tenantIds]}::text[]) WITH ORDINALITY AS x (id, t)`,
  // NHS numbers from the never-issued 999 range that pass modulus 11, numbered from 0 (DOMAIN.md 7).
  nhsNumbers: (count: number) => sql`CREATE UNLOGGED TABLE bench_nhs AS
    SELECT (row_number() OVER (ORDER BY n) - 1)::int AS j, '999' || lpad(n::text, 6, '0') || c AS nhs
      FROM generate_series(0, 999999) n,
           LATERAL (SELECT 11 - (10 * 9 + 9 * 9 + 8 * 9 + 7 * (n / 100000 % 10) + 6 * (n / 10000 % 10)
                                + 5 * (n / 1000 % 10) + 4 * (n / 100 % 10) + 3 * (n / 10 % 10) + 2 * (n % 10)) % 11 AS d) x,
           LATERAL (SELECT CASE d WHEN 11 THEN 0 ELSE d END AS c) y
     WHERE d <> 10
     ORDER BY n LIMIT ${count}`,
  referrals: (s: ShapeNumbers & { newSince: Date; start: Date; spanSeconds: number }) => sql`
    CREATE UNLOGGED TABLE bench_ref AS
    WITH base AS (
      SELECT bt.t, bt.id AS tenant_id, i, bt.t::bigint * 100000000 + i AS k,
             (i::bigint * 7919) % ${s.patientsPerTenant} AS pj,
             ${s.start}::timestamptz + (i + bench_u(bt.t::bigint * 100000000 + i, 1))
               * (${s.spanSeconds}::float8 / ${s.perTenant}) * interval '1 second' AS received_at
        FROM bench_tenant bt, generate_series(0, ${s.perTenant - 1}) i
    ), triaged AS (
      SELECT b.*, b.pj % ${s.practicesPerTenant} AS practice,
             CASE WHEN received_at >= ${s.newSince}::timestamptz THEN 'new'
                  WHEN bench_u(k, 2) < 0.72 THEN 'accepted' WHEN bench_u(k, 2) < 0.87 THEN 'declined'
                  WHEN bench_u(k, 2) < 0.96 THEN 'redirected' ELSE 'closed' END AS status,
             received_at + (1 + 3 * bench_u(k, 3)) * interval '1 day' AS triaged_at
        FROM base b
    ), allocated AS (
      SELECT r.*,
             r.status = 'accepted' AND r.triaged_at >= ${s.asOf}::timestamptz - interval '14 days'
               AND bench_u(k, 4) < 0.25 AS waiting,
             CASE WHEN r.status = 'accepted'
                  THEN least(r.triaged_at + 2 * bench_u(k, 5) * interval '1 day', ${s.asOf}::timestamptz - interval '1 minute')
             END AS allocated0
        FROM triaged r
    ), contacted AS (
      SELECT a.*, CASE WHEN waiting THEN NULL ELSE allocated0 END AS allocated_at,
             CASE WHEN waiting OR allocated0 IS NULL OR bench_u(k, 6) < 0.03
                    OR allocated0 + (1 + 7 * bench_u(k, 17)) * interval '1 day' >= ${s.asOf}::timestamptz THEN NULL
                  ELSE allocated0 + (1 + 7 * bench_u(k, 17)) * interval '1 day' END AS first_contact_at
        FROM allocated a
    ), ended AS (
      SELECT c.*,
             greatest(c.triaged_at + (15 + 85 * bench_u(k, 7)) * interval '1 day',
                      coalesce(c.first_contact_at, c.allocated_at) + interval '1 day') AS ends_at
        FROM contacted c
    ), final AS (
      SELECT e.*,
             CASE WHEN status <> 'accepted' THEN NULL WHEN waiting THEN 'waiting'
                  WHEN ends_at < ${s.asOf}::timestamptz THEN 'discharged' ELSE 'active' END AS case_status
        FROM ended e
    )
    SELECT t, tenant_id, k, md5('r:' || k)::uuid AS referral_id, md5('c:' || k)::uuid AS case_id,
           md5('p:' || t || ':' || pj)::uuid AS patient_id,
           md5('practice:' || t || ':' || practice)::uuid AS practice_id,
           md5('lw:' || t || ':' || ((practice + ${s.practicesPerTenant} * floor(bench_u(k, 21) * ${Math.ceil(s.linkWorkersPerTenant / s.practicesPerTenant)})::int) % ${s.linkWorkersPerTenant}))::uuid AS worker_id,
           md5('gp:' || t || ':' || practice)::uuid AS gp_id,
           received_at, status, CASE WHEN status <> 'new' THEN triaged_at END AS triaged_at,
           CASE WHEN bench_u(k, 18) < 0.07 THEN 'urgent' WHEN bench_u(k, 18) < 0.25 THEN 'soon' ELSE 'routine' END AS urgency,
           bench_u(k, 19) < 0.005 AS flagged,
           CASE WHEN k % 6 = (k / 6) % 6 THEN ARRAY[(${NEEDS})[1 + k % 6]]
                ELSE ARRAY[(${NEEDS})[1 + k % 6], (${NEEDS})[1 + (k / 6) % 6]] END AS needs,
           waiting, allocated_at, first_contact_at, case_status,
           CASE WHEN case_status = 'discharged' THEN ends_at END AS discharged_at,
           CASE WHEN case_status = 'active' AND first_contact_at IS NOT NULL
                  THEN ${s.asOf}::date + (bench_u(k, 20) * 19)::int - 5
                WHEN case_status = 'active' THEN allocated_at::date + 7 END AS next_contact_due
      FROM final`,
  // How many contacts each contacted case gets: 1 + floor(u * spread), then trimmed by one on enough cases
  // that the total is exactly `total`.
  contactPlan: (s: { asOf: Date; spread: number; total: number }) => sql`
    CREATE UNLOGGED TABLE bench_contact_plan AS
    WITH c AS (
      SELECT tenant_id, k, case_id, worker_id, first_contact_at,
             coalesce(discharged_at, ${s.asOf}::timestamptz) - first_contact_at AS span,
             1 + floor(bench_u(k, 8) * ${s.spread})::int AS n
        FROM bench_ref WHERE first_contact_at IS NOT NULL
    ), ranked AS (
      SELECT c.*, row_number() OVER (ORDER BY n > 1 DESC, bench_u(k, 10)) AS rk, sum(n) OVER () AS total
        FROM c
    )
    SELECT tenant_id, k, case_id, worker_id, first_contact_at, span,
           CASE WHEN rk <= total - ${s.total} THEN n - 1 ELSE n END AS n
      FROM ranked`,
  dropTables: sql`DROP TABLE IF EXISTS bench_tenant, bench_nhs, bench_ref, bench_contact_plan`,
  dropHash: sql`DROP FUNCTION IF EXISTS bench_u(bigint, int)`,
};
