import { sql, type Kysely } from 'kysely';

// Indexes for the casework pages (src/modules/casework), beyond those of create_people_referrals_casework:
// - sp_case_worker_allocated_idx: the caseload dashboard counts the people a link worker took on in the
//   last 12 months against caseload_capacity (225 a year). sp_case_caseload_idx has no allocated_at, so
//   that count would read every case the worker ever had from the heap (thousands at the benchmark's
//   1 million referrals); with this index it is an index-only range of about a year's cases.
// - safeguarding_flag_case_idx: every case page shows the case's flags (the banner while one is open),
//   and the dashboard finds open flags on the worker's open cases; the existing index is by clinician.
// - plan_goal_case_idx, plan_action_case_idx: the plan page lists all goals and actions of a case,
//   done ones included (plan_action_due_idx holds only actions not done).
// - staff_task_case_idx: the case page lists the case's tasks (staff_task_open_idx is by assignee).
// - onward_referral_event_referral_idx: the history of each onward referral, in order.

const indexes: [name: string, definition: string][] = [
  ['sp_case_worker_allocated_idx', 'sp_case (tenant_id, link_worker_id, allocated_at)'],
  ['safeguarding_flag_case_idx', 'safeguarding_flag (tenant_id, case_id, raised_at)'],
  ['plan_goal_case_idx', 'plan_goal (tenant_id, case_id, position)'],
  ['plan_action_case_idx', 'plan_action (tenant_id, case_id, due_date)'],
  ['staff_task_case_idx', 'staff_task (tenant_id, case_id)'],
  [
    'onward_referral_event_referral_idx',
    'onward_referral_event (tenant_id, onward_referral_id, recorded_at)',
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, definition] of indexes) {
    await sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) {
    await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
  }
}
