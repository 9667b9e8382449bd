import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findUsableCode, type CodedEventName } from './snomed-codes.ts';

// Coded events for GP systems (SNOMED CT): written only through recordCodedEvent, which asks the tenant's
// code table first, so an unconfirmed or disabled code never reaches coded_event (DOMAIN.md 3.4).

type Db = Kysely<Database>;

export interface CodedEventInput {
  event: CodedEventName;
  patientId: string;
  practiceId: string | null;
  caseId: string | null;
  referralId: string | null;
  occurredAt: Date;
  recordedBy: string | null;
  /** The care navigation that recorded it (issue #5). */
  navigationId?: string | null;
}

export type CodedEventResult =
  | { written: true; id: string; code: string; term: string }
  | { written: false; reason: 'UnknownEvent' | 'Unconfirmed' | 'Disabled' };

/**
 * Writes a coded event if the code table allows it (confirmed, enabled, with an ID); else writes nothing
 * and says why.
 * @param trx - the transaction of the change the event records
 * @param tenantId - the tenant
 * @param input - the event, the person and when it happened
 */
export async function recordCodedEvent(
  trx: Db,
  tenantId: string,
  input: CodedEventInput,
): Promise<CodedEventResult> {
  const code = await findUsableCode(trx, tenantId, input.event);
  if (!code.ok) {
    return { written: false, reason: code.error };
  }
  const row = await trx
    .insertInto('coded_event')
    .values({
      tenant_id: tenantId,
      patient_id: input.patientId,
      practice_id: input.practiceId,
      case_id: input.caseId,
      referral_id: input.referralId,
      navigation_id: input.navigationId ?? null,
      event: input.event,
      snomed_code: code.value.conceptId,
      term: code.value.term,
      occurred_at: input.occurredAt,
      recorded_by: input.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { written: true, id: row.id, code: code.value.conceptId, term: code.value.term };
}

export interface CodedEventRecord {
  id: string;
  patientId: string;
  practiceId: string | null;
  event: string;
  snomedCode: string;
  term: string;
  occurredAt: Date;
}

/**
 * A practice's coded events in a date range (inclusive, by the day in England), oldest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param filter - the practice and the first and last day ('YYYY-MM-DD')
 */
export async function listCodedEvents(
  db: Db,
  tenantId: string,
  filter: { practiceId: string; from: string; to: string },
): Promise<CodedEventRecord[]> {
  const rows = await db
    .selectFrom('coded_event')
    .select(['id', 'patient_id', 'practice_id', 'event', 'snomed_code', 'term', 'occurred_at'])
    .where('tenant_id', '=', tenantId)
    .where('practice_id', '=', filter.practiceId)
    // Day bounds in England as instants, so the (tenant_id, practice_id, occurred_at) index serves the range.
    .where('occurred_at', '>=', sql<Date>`(${filter.from}::date)::timestamp AT TIME ZONE 'Europe/London'`)
    .where('occurred_at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    practiceId: r.practice_id,
    event: r.event,
    snomedCode: r.snomed_code,
    term: r.term,
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
  }));
}

/**
 * Coded events of one case (or referral), oldest first: the case page and the tests read them.
 * @param db - the database
 * @param tenantId - the tenant
 * @param by - the case or the referral
 */
export async function listCodedEventsOf(
  db: Db,
  tenantId: string,
  by: { caseId: string } | { referralId: string },
): Promise<CodedEventRecord[]> {
  let query = db
    .selectFrom('coded_event')
    .select(['id', 'patient_id', 'practice_id', 'event', 'snomed_code', 'term', 'occurred_at'])
    .where('tenant_id', '=', tenantId);
  query =
    'caseId' in by ? query.where('case_id', '=', by.caseId) : query.where('referral_id', '=', by.referralId);
  const rows = await query.orderBy('occurred_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    practiceId: r.practice_id,
    event: r.event,
    snomedCode: r.snomed_code,
    term: r.term,
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
  }));
}
