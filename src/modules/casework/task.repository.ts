import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TaskKind } from './casework.tables.ts';

// SQL for reading and finishing staff tasks (staff-task.service.ts creates them): work assigned to a
// person (safeguarding escalations), or waiting for anyone who may pick it up (clinician reviews).

type Db = Kysely<Database>;

export interface StaffTask {
  id: string;
  kind: TaskKind;
  assignedTo: string | null;
  caseId: string | null;
  patientId: string | null;
  /** The care navigation whose red flag raised it, if any. */
  navigationId: string | null;
  title: string;
  priority: 'routine' | 'urgent';
  dueAt: Date | null;
  doneAt: Date | null;
  createdAt: Date;
}

function toTask(r: {
  id: string;
  kind: TaskKind;
  assigned_to: string | null;
  case_id: string | null;
  patient_id: string | null;
  navigation_id: string | null;
  title: string;
  priority: 'routine' | 'urgent';
  due_at: Date | string | null;
  done_at: Date | null;
  created_at: Date;
}): StaffTask {
  return {
    id: r.id,
    kind: r.kind,
    assignedTo: r.assigned_to,
    caseId: r.case_id,
    patientId: r.patient_id,
    navigationId: r.navigation_id,
    title: r.title,
    priority: r.priority,
    dueAt: r.due_at === null ? null : new Date(r.due_at),
    doneAt: r.done_at,
    createdAt: r.created_at,
  };
}

const COLUMNS = [
  'id',
  'kind',
  'assigned_to',
  'case_id',
  'patient_id',
  'navigation_id',
  'title',
  'priority',
  'due_at',
  'done_at',
  'created_at',
] as const;

/** Kinds of task that, unassigned, wait for anyone who may pick up clinical tasks (tasks:clinical). */
export const CLINICAL_TASK_KINDS: readonly TaskKind[] = ['clinician-review', 'red-flag-escalation'];

/**
 * A person's open tasks, and (when they may pick them up) the open clinical tasks no one is assigned
 * to: urgent first, then by due time (undated last), then oldest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param who - the person, and whether they may pick up unassigned clinical tasks
 */
export async function listOpenTasksFor(
  db: Db,
  tenantId: string,
  who: { userId: string; clinical: boolean },
): Promise<StaffTask[]> {
  const rows = await db
    .selectFrom('staff_task')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('done_at', 'is', null)
    .where((eb) =>
      who.clinical
        ? eb.or([
            eb('assigned_to', '=', who.userId),
            eb.and([eb('assigned_to', 'is', null), eb('kind', 'in', [...CLINICAL_TASK_KINDS])]),
          ])
        : eb('assigned_to', '=', who.userId),
    )
    .orderBy((eb) => eb.case().when('priority', '=', 'urgent').then(0).else(1).end())
    .orderBy('due_at', (ob) => ob.asc().nullsLast())
    .orderBy('created_at')
    .limit(200)
    .execute();
  return rows.map(toTask);
}

/**
 * One task, or undefined.
 * @param db - the database
 * @param tenantId - the tenant
 * @param taskId - the task
 */
export async function findTaskById(db: Db, tenantId: string, taskId: string): Promise<StaffTask | undefined> {
  const row = await db
    .selectFrom('staff_task')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  return row === undefined ? undefined : toTask(row);
}

/**
 * A case's tasks, open first, newest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listTasksOfCase(db: Db, tenantId: string, caseId: string): Promise<StaffTask[]> {
  const rows = await db
    .selectFrom('staff_task')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy((eb) => eb.case().when('done_at', 'is', null).then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toTask);
}

/**
 * Marks an open task done: one assigned to this person, or (when they may) an unassigned clinical task,
 * which then records them as the one who did it.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the task, the person, whether they may pick up clinical tasks, and when
 * @returns the task, or undefined when it is not theirs to finish or already done
 */
export async function completeTask(
  trx: Db,
  tenantId: string,
  change: { taskId: string; userId: string; clinical: boolean; now: Date },
): Promise<StaffTask | undefined> {
  const row = await trx
    .updateTable('staff_task')
    .set((eb) => ({ done_at: change.now, assigned_to: eb.fn.coalesce('assigned_to', eb.val(change.userId)) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.taskId)
    .where('done_at', 'is', null)
    .where((eb) =>
      change.clinical
        ? eb.or([
            eb('assigned_to', '=', change.userId),
            eb.and([eb('assigned_to', 'is', null), eb('kind', 'in', [...CLINICAL_TASK_KINDS])]),
          ])
        : eb('assigned_to', '=', change.userId),
    )
    .returning(COLUMNS)
    .executeTakeFirst();
  return row === undefined ? undefined : toTask(row);
}
