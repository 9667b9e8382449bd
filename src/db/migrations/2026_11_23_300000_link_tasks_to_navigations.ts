import { sql, type Kysely } from 'kysely';

// A red flag at reception raises an urgent task for the duty clinicians (issue #5, DOMAIN.md 2.3 rule 4).
// The task names the navigation it came from, so the clinician who picks it up can read what the navigator
// recorded: the patient's exact words, the time, the flag and the handover. Tasks raised before this
// migration are linked through the navigation's escalation_task_id (red flags are few: one update).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE staff_task ADD COLUMN navigation_id uuid`.execute(db);
  await sql`ALTER TABLE staff_task ADD CONSTRAINT staff_task_navigation_fk
    FOREIGN KEY (tenant_id, navigation_id) REFERENCES navigation_record (tenant_id, id)`.execute(db);
  await sql`UPDATE staff_task SET navigation_id = n.id FROM navigation_record n
    WHERE n.tenant_id = staff_task.tenant_id AND n.escalation_task_id = staff_task.id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE staff_task DROP COLUMN IF EXISTS navigation_id`.execute(db);
}
