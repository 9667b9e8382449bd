import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

// Direct SQL of the demo caseload seed, and only this: the seed writes everything through the people,
// referrals and casework services (so the demo obeys their rules), but those stamp most rows with the
// database clock (now()), and a demo caseload spans fifteen months. These updates move the timestamps of
// rows a story has just written back to when the story says they happened. Nothing else is changed. They
// are raw SQL because the table types rightly forbid the application to update creation times, and each
// is one statement (data-modifying WITH clauses) because the seed runs them hundreds of times.

type Trx = Transaction<Database>;

/**
 * A new referral, the consents taken with it, a clinician-review task it raised and (when made for it)
 * its patient record: received at `at`.
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param intake - the referral, its patient, whether the record was made for it, and when
 */
export async function backdateIntake(
  trx: Trx,
  tenantId: string,
  intake: { referralId: string; patientId: string; patientCreated: boolean; at: Date },
): Promise<void> {
  const { referralId, patientId, at } = intake;
  await sql`
    WITH r AS (UPDATE referral SET received_at = ${at} WHERE tenant_id = ${tenantId} AND id = ${referralId}),
         c AS (UPDATE consent_event SET recorded_at = ${at}
                WHERE tenant_id = ${tenantId} AND referral_id = ${referralId}),
         t AS (UPDATE staff_task SET created_at = ${at}, due_at = ${at}
                WHERE tenant_id = ${tenantId} AND patient_id = ${patientId} AND kind = 'clinician-review'
                  AND created_at > ${at})
    UPDATE patient SET created_at = ${at}, updated_at = ${at}
     WHERE tenant_id = ${tenantId} AND id = ${patientId} AND ${intake.patientCreated}`.execute(trx);
}

/**
 * A triage decision made at `at`: the referral's triage time, the case's last change, the message back
 * and any coded event and consent it wrote.
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param triage - the referral and when it was decided
 */
export async function backdateTriage(
  trx: Trx,
  tenantId: string,
  triage: { referralId: string; at: Date },
): Promise<void> {
  const { referralId, at } = triage;
  await sql`
    WITH r AS (UPDATE referral SET triaged_at = ${at} WHERE tenant_id = ${tenantId} AND id = ${referralId}),
         c AS (UPDATE sp_case SET updated_at = ${at}
                WHERE tenant_id = ${tenantId} AND referral_id = ${referralId}),
         m AS (UPDATE message_back SET created_at = ${at}
                WHERE tenant_id = ${tenantId} AND referral_id = ${referralId}),
         e AS (UPDATE coded_event SET recorded_at = ${at}
                WHERE tenant_id = ${tenantId} AND referral_id = ${referralId})
    UPDATE consent_event SET recorded_at = ${at}
     WHERE tenant_id = ${tenantId} AND referral_id = ${referralId} AND NOT granted`.execute(trx);
}

/**
 * A case's contacts (recorded two hours after they happened), the first-contact code and message back (at
 * the first contact), and the case's last change (the last contact).
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function backdateContacts(trx: Trx, tenantId: string, caseId: string): Promise<void> {
  await sql`
    WITH cc AS (UPDATE case_contact SET recorded_at = occurred_at + interval '2 hours'
                 WHERE tenant_id = ${tenantId} AND case_id = ${caseId}),
         e AS (UPDATE coded_event SET recorded_at = occurred_at
                WHERE tenant_id = ${tenantId} AND case_id = ${caseId} AND event = 'first-contact'),
         m AS (UPDATE message_back m SET created_at = c.first_contact_at + interval '3 hours'
                 FROM sp_case c
                WHERE m.tenant_id = ${tenantId} AND m.case_id = ${caseId} AND m.stage = 'first-contact'
                  AND c.tenant_id = m.tenant_id AND c.id = m.case_id AND c.first_contact_at IS NOT NULL)
    UPDATE sp_case SET updated_at = coalesce(
             (SELECT max(occurred_at) + interval '2 hours' FROM case_contact
               WHERE tenant_id = ${tenantId} AND case_id = ${caseId}), updated_at)
     WHERE tenant_id = ${tenantId} AND id = ${caseId}`.execute(trx);
}

/**
 * A plan written at `at`: the plan, its goals and actions, and when each action was done.
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param plan - the case, when, and the actions done with the day they were done
 */
export async function backdatePlan(
  trx: Trx,
  tenantId: string,
  plan: { caseId: string; at: Date; done: { actionId: string; at: Date }[] },
): Promise<void> {
  const { caseId, at } = plan;
  const doneIds = plan.done.map((d) => d.actionId);
  const doneAts = plan.done.map((d) => d.at.toISOString());
  await sql`
    WITH p AS (UPDATE care_plan SET updated_at = ${at} WHERE tenant_id = ${tenantId} AND case_id = ${caseId}),
         g AS (UPDATE plan_goal SET created_at = ${at} WHERE tenant_id = ${tenantId} AND case_id = ${caseId})
    UPDATE plan_action
       SET created_at = ${at},
           done_at = CASE WHEN done_at IS NULL THEN NULL
                          ELSE (${doneAts}::timestamptz[])[array_position(${doneIds}::uuid[], id)] END
     WHERE tenant_id = ${tenantId} AND case_id = ${caseId}`.execute(trx);
}

/**
 * An onward referral made at `createdAt` whose statuses changed at the given times (each status appears
 * once in a demo path), with the consent to share recorded for it.
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param onward - the onward referral, the referral it belongs to, when it was made, and its status times
 */
export async function backdateOnward(
  trx: Trx,
  tenantId: string,
  onward: { id: string; referralId: string; createdAt: Date; statuses: { status: string; at: Date }[] },
): Promise<void> {
  const steps = [{ status: 'sent', at: onward.createdAt }, ...onward.statuses];
  const statuses = steps.map((s) => s.status);
  const ats = steps.map((s) => s.at.toISOString());
  const last = steps.at(-1)?.at ?? onward.createdAt;
  await sql`
    WITH o AS (UPDATE onward_referral SET created_at = ${onward.createdAt}, updated_at = ${last}
                WHERE tenant_id = ${tenantId} AND id = ${onward.id}
               RETURNING organization_id),
         e AS (UPDATE onward_referral_event e SET recorded_at = s.at
                 FROM unnest(${statuses}::text[], ${ats}::timestamptz[]) AS s (status, at)
                WHERE e.tenant_id = ${tenantId} AND e.onward_referral_id = ${onward.id} AND e.status = s.status)
    UPDATE consent_event SET recorded_at = ${onward.createdAt}
     WHERE tenant_id = ${tenantId} AND referral_id = ${onward.referralId}
       AND kind = 'share-with-organisation' AND recorded_at > ${onward.createdAt}
       AND organization_id IN (SELECT organization_id FROM o)`.execute(trx);
}

/**
 * A safeguarding concern raised at `at` (the flag and the clinician's task).
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param concern - the flag, the task and when
 */
export async function backdateConcern(
  trx: Trx,
  tenantId: string,
  concern: { flagId: string; taskId: string; at: Date },
): Promise<void> {
  await sql`
    WITH f AS (UPDATE safeguarding_flag SET raised_at = ${concern.at}
                WHERE tenant_id = ${tenantId} AND id = ${concern.flagId})
    UPDATE staff_task SET created_at = ${concern.at}
     WHERE tenant_id = ${tenantId} AND id = ${concern.taskId}`.execute(trx);
}

/**
 * A discharge at `at`: the discharge message back and the case's last change.
 * @param trx - the story step's transaction
 * @param tenantId - the tenant
 * @param discharge - the case and when
 */
export async function backdateDischarge(
  trx: Trx,
  tenantId: string,
  discharge: { caseId: string; at: Date },
): Promise<void> {
  await sql`
    WITH m AS (UPDATE message_back SET created_at = ${discharge.at}
                WHERE tenant_id = ${tenantId} AND case_id = ${discharge.caseId} AND stage = 'discharge')
    UPDATE sp_case SET updated_at = ${discharge.at}
     WHERE tenant_id = ${tenantId} AND id = ${discharge.caseId}`.execute(trx);
}

/**
 * Has a referral with this idempotency key been written (the demo caseload's last story, when seeding
 * finished)?
 * @param db - the database
 * @param tenantId - the tenant
 * @param key - the idempotency key
 */
export async function referralKeyExists(
  db: Kysely<Database>,
  tenantId: string,
  key: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('referral')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}
