import { sql, type Kysely } from 'kysely';

// The triage queue (src/modules/referrals/triage.repository.ts) lists new referrals flagged ones first,
// then urgent, then soon, then oldest, 50 at a time with keyset paging. referral_triage_idx
// (tenant_id, status, received_at) finds the new referrals but not in that order, so every page would sort
// all of them (tens of thousands at the benchmark's 1 million referrals). This partial index holds only
// new referrals, in exactly the queue's order, so a page is a short index range scan whatever the size.
// The expressions must match the query's ORDER BY character for character.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS referral_triage_queue_idx ON referral (
    tenant_id,
    (NOT flagged_for_clinician),
    (CASE urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END),
    received_at,
    id
  ) WHERE status = 'new'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS referral_triage_queue_idx`.execute(db);
}
