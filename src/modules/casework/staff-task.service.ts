import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TaskKind } from './casework.tables.ts';

// Staff tasks other modules raise: the referrals module raises an urgent 'clinician-review' task when a
// referral's free text holds urgent words (DOMAIN.md 2.3; hazard HZ-02), and care navigation an urgent
// 'red-flag-escalation' task naming the navigation (issue #5). Written in the caller's transaction, so the
// task exists exactly when what raised it does.

type Db = Kysely<Database>;

export interface NewStaffTask {
  kind: TaskKind;
  /** A short, fixed title chosen by code: never the person's words. */
  title: string;
  priority: 'routine' | 'urgent';
  /** Who must do it; null puts it in the queue of everyone who may (e.g. any clinician). */
  assignedTo: string | null;
  patientId: string | null;
  caseId: string | null;
  /** The care navigation whose red flag raised it, so the clinician can read what was recorded. */
  navigationId?: string | null;
  dueAt: Date | null;
  createdBy: string | null;
}

/**
 * Creates a staff task.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param task - what, how urgent, for whom, about whom
 * @returns the task's id
 */
export async function createStaffTask(trx: Db, tenantId: string, task: NewStaffTask): Promise<string> {
  const row = await trx
    .insertInto('staff_task')
    .values({
      tenant_id: tenantId,
      kind: task.kind,
      title: task.title,
      priority: task.priority,
      assigned_to: task.assignedTo,
      patient_id: task.patientId,
      case_id: task.caseId,
      navigation_id: task.navigationId ?? null,
      due_at: task.dueAt,
      created_by: task.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
