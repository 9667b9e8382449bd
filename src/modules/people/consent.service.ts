import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { insertConsentEvent, selectConsentEvents, selectShareConsents } from './consent.repository.ts';
import type { ConsentEvent, ConsentRecord, ShareConsent } from './people.model.ts';
import { updateConsentFlags } from './people.repository.ts';

// Consent (DOMAIN.md 8.5): every decision is appended as a consent event (who, when, method, the words
// shown) and the patient's current flags follow in the same transaction. Sharing with a VCSE organisation
// is per referral and can be withdrawn. Re-exported by people.service.ts, the module's service API.

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Records a consent decision: appends a consent_event (who, when, method, the wording shown) and, for
 * social prescribing, text message and email consent, sets the patient's current flag, in the caller's
 * transaction.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 * @param record - the decision, how it was given and the words shown
 * @param actorUserId - who recorded it (null for the person themselves, online)
 */
export async function recordConsent(
  trx: Transaction<Database>,
  tenantId: string,
  patientId: string,
  record: ConsentRecord,
  actorUserId: string | null,
): Promise<ConsentEvent> {
  const { change } = record;
  const granted = change.kind === 'social-prescribing' ? change.decision === 'given' : change.granted;
  const event = await insertConsentEvent(trx, tenantId, {
    patientId,
    referralId: change.kind === 'share-with-organisation' ? change.referralId : (record.referralId ?? null),
    kind: change.kind,
    organizationId: change.kind === 'share-with-organisation' ? change.organizationId : null,
    purpose:
      change.kind === 'share-with-organisation' ? (change.purpose ?? 'social-prescribing-support') : null,
    granted,
    method: record.method,
    wording: record.wording,
    recordedBy: actorUserId,
  });
  switch (change.kind) {
    case 'social-prescribing':
      await updateConsentFlags(trx, tenantId, patientId, { socialPrescribing: change.decision });
      break;
    case 'contact-sms':
      await updateConsentFlags(trx, tenantId, patientId, { sms: granted });
      break;
    case 'contact-email':
      await updateConsentFlags(trx, tenantId, patientId, { email: granted });
      break;
    case 'share-with-organisation':
      break;
  }
  return event;
}

/**
 * Every consent decision about a patient, newest first (the consent history).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function listConsentEvents(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<ConsentEvent[]> {
  return selectConsentEvents(db, tenantId, patientId);
}

/**
 * The share-with-organisation consents in force: the latest decision per organisation and referral.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function listShareConsents(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<ShareConsent[]> {
  return selectShareConsents(db, tenantId, patientId);
}

/**
 * May the person's details be shared with this organisation for this referral? True only when the latest
 * decision for that organisation and referral is "given" (consent is per referral and can be withdrawn).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param check - the patient, the directory organisation and the referral
 */
export async function hasShareConsent(
  db: Db,
  tenantId: string,
  check: { patientId: string; organizationId: string; referralId: string },
): Promise<boolean> {
  const consents = await selectShareConsents(db, tenantId, check.patientId);
  return consents.some(
    (c) => c.organizationId === check.organizationId && c.referralId === check.referralId && c.granted,
  );
}
