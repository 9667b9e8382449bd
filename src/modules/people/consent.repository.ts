import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ConsentEvent, ShareConsent } from './people.model.ts';
import type { ConsentEventTable } from './people.tables.ts';

// SQL of consent events: appended, never changed; read as a history and as the sharing decisions in force.

type Db = Kysely<Database> | Transaction<Database>;

function toConsentEvent(r: Selectable<ConsentEventTable>): ConsentEvent {
  return {
    id: r.id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    kind: r.kind,
    organizationId: r.organization_id,
    purpose: r.purpose,
    granted: r.granted,
    method: r.method,
    wording: r.wording,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

/**
 * Appends a consent event (consent events are never changed).
 * @param db - the transaction
 * @param tenantId - the tenant
 * @param event - the event
 */
export async function insertConsentEvent(
  db: Db,
  tenantId: string,
  event: Omit<ConsentEvent, 'id' | 'recordedAt'>,
): Promise<ConsentEvent> {
  const row = await db
    .insertInto('consent_event')
    .values({
      tenant_id: tenantId,
      patient_id: event.patientId,
      referral_id: event.referralId,
      kind: event.kind,
      organization_id: event.organizationId,
      purpose: event.purpose,
      granted: event.granted,
      method: event.method,
      wording: event.wording,
      recorded_by: event.recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConsentEvent(row);
}

/**
 * A patient's consent events, newest first.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function selectConsentEvents(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<ConsentEvent[]> {
  const rows = await db
    .selectFrom('consent_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', patientId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toConsentEvent);
}

/**
 * The latest share-with-organisation decision per organisation and referral.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function selectShareConsents(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<ShareConsent[]> {
  const rows = await db
    .selectFrom('consent_event')
    .select(['organization_id', 'referral_id', 'granted', 'recorded_at'])
    .distinctOn(['organization_id', 'referral_id'])
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'share-with-organisation')
    .orderBy('organization_id')
    .orderBy('referral_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id ?? '',
    referralId: r.referral_id,
    granted: r.granted,
    recordedAt: r.recorded_at,
  }));
}
