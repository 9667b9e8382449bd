import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type {
  CopyChannel,
  NavigationChannel,
  NavigationOutcome,
  NavigationRecordTable,
  OfferedOption,
  PatientChoice,
  RedFlagResult,
} from './navigation.tables.ts';

// SQL for navigation records (one per navigation at reception). Every change after the insert goes through
// updateNavigationAtVersion: optimistic locking on `version`, so a double submit or a back-button resubmit
// can never write a step twice. The database itself refuses anything out of order (see the migration).

type Db = Kysely<Database>;
type Row = Selectable<NavigationRecordTable>;

export interface NavigationRecord {
  id: string;
  practiceId: string | null;
  navigatorUserId: string;
  channel: NavigationChannel;
  patientId: string | null;
  patientPostcode: string | null;
  protocolId: string;
  startedAt: Date;
  redFlagCheckedAt: Date | null;
  redFlagOutcome: RedFlagResult | null;
  redFlagKey: string | null;
  redFlagSource: 'screen' | 'free-text' | null;
  redFlagWords: string | null;
  redFlagAt: Date | null;
  redFlagHandedTo: string | null;
  escalationTaskId: string | null;
  needs: string[];
  needText: string | null;
  optionsOffered: OfferedOption[] | null;
  outcome: NavigationOutcome | null;
  patientChoice: PatientChoice | null;
  gpReason: 'patient-preferred' | 'needed' | null;
  destinationKind: 'protocol' | 'service' | null;
  destinationKey: string | null;
  destinationName: string | null;
  destinationCapacity: string | null;
  referralId: string | null;
  codedEventId: string | null;
  copyChannel: CopyChannel | null;
  copyText: string | null;
  copyRecipient: string | null;
  copyMessageId: string | null;
  contactConsent: boolean | null;
  completedAt: Date | null;
  version: number;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : asDate(value));

function toNavigationRecord(r: Row): NavigationRecord {
  return {
    id: r.id,
    practiceId: r.practice_id,
    navigatorUserId: r.navigator_user_id,
    channel: r.channel,
    patientId: r.patient_id,
    patientPostcode: r.patient_postcode,
    protocolId: r.protocol_id,
    startedAt: asDate(r.started_at),
    redFlagCheckedAt: asDateOrNull(r.red_flag_checked_at),
    redFlagOutcome: r.red_flag_outcome,
    redFlagKey: r.red_flag_key,
    redFlagSource: r.red_flag_source,
    redFlagWords: r.red_flag_words,
    redFlagAt: asDateOrNull(r.red_flag_at),
    redFlagHandedTo: r.red_flag_handed_to,
    escalationTaskId: r.escalation_task_id,
    needs: r.needs,
    needText: r.need_text,
    optionsOffered: r.options_offered,
    outcome: r.outcome,
    patientChoice: r.patient_choice,
    gpReason: r.gp_reason,
    destinationKind: r.destination_kind,
    destinationKey: r.destination_key,
    destinationName: r.destination_name,
    destinationCapacity: r.destination_capacity,
    referralId: r.referral_id,
    codedEventId: r.coded_event_id,
    copyChannel: r.copy_channel,
    copyText: r.copy_text,
    copyRecipient: r.copy_recipient,
    copyMessageId: r.copy_message_id,
    contactConsent: r.contact_consent,
    completedAt: asDateOrNull(r.completed_at),
    version: r.version,
  };
}

export interface NewNavigationRecord {
  practiceId: string | null;
  navigatorUserId: string;
  channel: NavigationChannel;
  patientId: string | null;
  patientPostcode: string | null;
  protocolId: string;
  startedAt: Date;
}

/**
 * Starts a navigation record (no step recorded yet).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param row - who, where, about whom, with which protocol version
 * @returns its id
 */
export async function insertNavigationRecord(
  trx: Db,
  tenantId: string,
  row: NewNavigationRecord,
): Promise<string> {
  const { id } = await trx
    .insertInto('navigation_record')
    .values({
      tenant_id: tenantId,
      practice_id: row.practiceId,
      navigator_user_id: row.navigatorUserId,
      channel: row.channel,
      patient_id: row.patientId,
      patient_postcode: row.patientPostcode,
      protocol_id: row.protocolId,
      started_at: row.startedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A navigation record by id, or undefined.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the record's id
 */
export async function findNavigationRecord(
  db: Db,
  tenantId: string,
  id: string,
): Promise<NavigationRecord | undefined> {
  const row = await db
    .selectFrom('navigation_record')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toNavigationRecord(row);
}

/**
 * A navigation record, locked until the transaction ends (so two submits of one step queue up).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param id - the record's id
 */
export async function lockNavigationRecord(
  trx: Transaction<Database>,
  tenantId: string,
  id: string,
): Promise<NavigationRecord | undefined> {
  const row = await trx
    .selectFrom('navigation_record')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row === undefined ? undefined : toNavigationRecord(row);
}

export type NavigationChange = Omit<
  Updateable<NavigationRecordTable>,
  'tenant_id' | 'id' | 'version' | 'options_offered'
> & { options_offered?: OfferedOption[] };

/**
 * Changes a navigation record only if it is still at the version the change was based on.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the record, the version it was read at, and the columns to set
 * @returns false when the record has moved on (nothing was written)
 */
export async function updateNavigationAtVersion(
  trx: Db,
  tenantId: string,
  change: { id: string; version: number; set: NavigationChange },
): Promise<boolean> {
  const { options_offered: offered, ...rest } = change.set;
  const result = await trx
    .updateTable('navigation_record')
    .set({
      ...rest,
      ...(offered === undefined ? {} : { options_offered: JSON.stringify(offered) }),
      version: change.version + 1,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.id)
    .where('version', '=', change.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
