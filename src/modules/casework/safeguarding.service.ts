import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { enqueueEmail } from '../notify/notify.service.ts';
import type { SpCase } from './case.repository.ts';
import { acknowledgeFlags, insertFlag, resolveFlag } from './safeguarding.repository.ts';
import { createStaffTask } from './staff-task.service.ts';
import { completeTask, type StaffTask } from './task.repository.ts';

// Safeguarding (hazard HZ-08, "disclosure not acted on"): a concern raised on a case becomes a flag (the
// banner on every case page until it is resolved) and an urgent task for the named clinician, who is also
// emailed that something is waiting (no personal data in the email: they sign in to see it).

type Db = Kysely<Database>;

/**
 * Raises a safeguarding concern on a case and escalates it to a clinician.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param concern - the case, description, clinician, who raised it, and the site's address for the email
 * @returns the flag's and the task's ids
 */
export async function raiseConcern(
  trx: Db,
  tenantId: string,
  concern: {
    spCase: SpCase;
    description: string;
    clinicianId: string;
    actorUserId: string;
    publicBaseUrl: string;
  },
): Promise<{ flagId: string; taskId: string }> {
  const flagId = await insertFlag(trx, tenantId, {
    caseId: concern.spCase.id,
    description: concern.description,
    escalatedTo: concern.clinicianId,
    raisedBy: concern.actorUserId,
  });
  const taskId = await createStaffTask(trx, tenantId, {
    kind: 'safeguarding-escalation',
    assignedTo: concern.clinicianId,
    caseId: concern.spCase.id,
    patientId: concern.spCase.patientId,
    title: 'Safeguarding concern escalated to you',
    priority: 'urgent',
    dueAt: null,
    createdBy: concern.actorUserId,
  });
  const clinician = await findUserById(trx, tenantId, concern.clinicianId);
  if (clinician !== undefined) {
    const link = `${concern.publicBaseUrl.replace(/\/$/, '')}/app/tasks`;
    await enqueueEmail(trx, tenantId, {
      to: clinician.email,
      subject: 'Urgent: a safeguarding concern has been escalated to you in Signpost',
      text: `A social prescribing link worker has escalated a safeguarding concern to you.\n\nSign in to Signpost to see it: ${link}\n`,
      template: 'safeguarding-escalation',
    });
  }
  return { flagId, taskId };
}

/**
 * Resolves an open safeguarding flag of a case, with what was done.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the case, the flag, the resolution and when
 * @returns whether the case had that open flag
 */
export async function resolveConcern(
  trx: Db,
  tenantId: string,
  change: { caseId: string; flagId: string; resolution: string; now: Date },
): Promise<boolean> {
  return resolveFlag(trx, tenantId, change);
}

/**
 * Marks an open task of this person (or an unassigned clinical task they may pick up) done; finishing a
 * safeguarding escalation records that the clinician has seen the case's concerns.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the task, the person, whether they may pick up clinical tasks, and when
 * @returns the task, or undefined when it is not theirs to finish or already done
 */
export async function finishTask(
  trx: Db,
  tenantId: string,
  change: { taskId: string; userId: string; clinical: boolean; now: Date },
): Promise<StaffTask | undefined> {
  const task = await completeTask(trx, tenantId, change);
  if (task?.kind === 'safeguarding-escalation' && task.caseId !== null) {
    await acknowledgeFlags(trx, tenantId, {
      caseId: task.caseId,
      clinicianId: change.userId,
      now: change.now,
    });
  }
  return task;
}
