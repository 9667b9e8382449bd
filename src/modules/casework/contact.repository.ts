import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ContactMode } from './casework.tables.ts';

// SQL for the contacts of a case (phone calls, meetings, home visits...), appended, never changed.

type Db = Kysely<Database>;

export interface CaseContact {
  id: string;
  occurredAt: Date;
  mode: ContactMode;
  durationMinutes: number | null;
  didNotAttend: boolean;
  notes: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

/**
 * Appends a contact to a case.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param contact - the case and the contact
 */
export async function insertContact(
  trx: Db,
  tenantId: string,
  contact: Omit<CaseContact, 'id' | 'recordedAt'> & { caseId: string },
): Promise<string> {
  const { id } = await trx
    .insertInto('case_contact')
    .values({
      tenant_id: tenantId,
      case_id: contact.caseId,
      occurred_at: contact.occurredAt,
      mode: contact.mode,
      duration_minutes: contact.durationMinutes,
      did_not_attend: contact.didNotAttend,
      notes: contact.notes,
      recorded_by: contact.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A case's contacts, newest first.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listContacts(db: Db, tenantId: string, caseId: string): Promise<CaseContact[]> {
  const rows = await db
    .selectFrom('case_contact')
    .select([
      'id',
      'occurred_at',
      'mode',
      'duration_minutes',
      'did_not_attend',
      'notes',
      'recorded_by',
      'recorded_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('occurred_at', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
    mode: r.mode,
    durationMinutes: r.duration_minutes,
    didNotAttend: r.did_not_attend,
    notes: r.notes,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

/**
 * How many contacts a case has (attended or not).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function countContacts(db: Db, tenantId: string, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_contact')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.n;
}
