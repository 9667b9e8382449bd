import type { ColumnType, Generated } from 'kysely';
import type { NavigationProtocolContent } from './protocol.model.ts';

// Kysely table types of the navigation module (migration create_navigation is the truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** DATE columns arrive as 'YYYY-MM-DD' strings (see src/db/connect.ts). */
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string, string>;

export type ProtocolStatus = 'draft' | 'approved' | 'retired';
export type NavigationChannel = 'desk' | 'phone' | 'online';
/** The red-flag screen's results: fixed in code (DOMAIN.md 2.3 design requirement 1). */
export type RedFlagResult = 'none' | 'call-999' | 'duty-gp-now' | 'same-day-gp' | 'nhs-111';
export type NavigationOutcome = 'signposted' | 'referred-link-worker' | 'gp' | 'declined' | 'red-flag';
/** DOMAIN.md 2.4's patient choice. */
export type PatientChoice = 'accepted_signpost' | 'chose_gp' | 'declined';
export type CopyChannel = 'sms' | 'email' | 'print' | 'none';
export type FollowUpAnswer = 'got_help' | 'couldnt_get_in' | 'not_eligible' | 'service_full' | 'didnt_go';

/** One option shown to the patient, as it stood at that moment (stored in options_offered). */
export interface OfferedOption {
  kind: 'protocol' | 'service';
  /** A protocol destination key, or a directory service id. */
  key: string;
  name: string;
  /** The directory capacity status shown, or null for protocol destinations. */
  capacity: string | null;
  rank: number;
}

export interface NavigationProtocolTable {
  tenant_id: string;
  id: Generated<string>;
  /** Null: the PCN-wide protocol; else one practice's own. */
  practice_id: string | null;
  version: number;
  status: ProtocolStatus;
  content: Json<NavigationProtocolContent>;
  change_summary: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
  updated_at: Timestamp;
  approved_by: string | null;
  /** Who signed it off, as written at the time (the shipped default names Signpost's source). */
  approved_by_name: string | null;
  approved_at: NullableTimestamp;
  approval_statement: string | null;
  review_due: NullableDate;
}

export interface NavigationRecordTable {
  tenant_id: string;
  id: Generated<string>;
  practice_id: string | null;
  navigator_user_id: string;
  channel: NavigationChannel;
  patient_id: string | null;
  patient_postcode: string | null;
  protocol_id: string;
  started_at: CreatedAt;
  red_flag_checked_at: NullableTimestamp;
  red_flag_outcome: Optional<RedFlagResult>;
  red_flag_key: Optional<string>;
  red_flag_source: Optional<'screen' | 'free-text'>;
  red_flag_words: Optional<string>;
  red_flag_at: NullableTimestamp;
  red_flag_handed_to: Optional<string>;
  escalation_task_id: Optional<string>;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  need_text: Optional<string>;
  options_offered: ColumnType<OfferedOption[] | null, string | null | undefined, string | null>;
  outcome: Optional<NavigationOutcome>;
  patient_choice: Optional<PatientChoice>;
  gp_reason: Optional<'patient-preferred' | 'needed'>;
  destination_kind: Optional<'protocol' | 'service'>;
  destination_key: Optional<string>;
  destination_name: Optional<string>;
  destination_capacity: Optional<string>;
  referral_id: Optional<string>;
  coded_event_id: Optional<string>;
  copy_channel: Optional<CopyChannel>;
  copy_text: Optional<string>;
  copy_recipient: Optional<string>;
  copy_message_id: Optional<string>;
  contact_consent: Optional<boolean>;
  completed_at: NullableTimestamp;
  follow_up: Optional<FollowUpAnswer>;
  version: ColumnType<number, number | undefined, number>;
}

export interface NavigationTables {
  navigation_protocol: NavigationProtocolTable;
  navigation_record: NavigationRecordTable;
}
