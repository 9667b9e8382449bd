import type { ColumnType, Generated } from 'kysely';

// Kysely table types of the people module (migration create_people_referrals_casework is the truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** DATE columns arrive as 'YYYY-MM-DD' strings (see src/db/connect.ts). */
type DateOnly = ColumnType<string, string, string>;

export type NhsNumberStatus = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08';
export type Gender = 'female' | 'male' | 'other' | 'unknown';
export type PreferredContact = 'phone' | 'sms' | 'email' | 'letter';
export type SocialPrescribingConsent = 'given' | 'declined' | 'withdrawn' | 'not-asked';
export type ConsentKind = 'social-prescribing' | 'contact-sms' | 'contact-email' | 'share-with-organisation';
export type ConsentMethod = 'verbal' | 'written' | 'online' | 'not-recorded';

export interface PatientTable {
  tenant_id: string;
  id: Generated<string>;
  nhs_number: string | null;
  nhs_number_status: ColumnType<NhsNumberStatus, NhsNumberStatus | undefined, NhsNumberStatus>;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: DateOnly;
  gender: ColumnType<Gender, Gender | undefined, Gender>;
  ethnicity: string | null;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  preferred_contact: ColumnType<PreferredContact, PreferredContact | undefined, PreferredContact>;
  preferred_language: ColumnType<string, string | undefined, string>;
  interpreter_needed: ColumnType<boolean, boolean | undefined, boolean>;
  communication_needs: string | null;
  practice_id: string | null;
  consent_social_prescribing: ColumnType<
    SocialPrescribingConsent,
    SocialPrescribingConsent | undefined,
    SocialPrescribingConsent
  >;
  consent_sms: ColumnType<boolean, boolean | undefined, boolean>;
  consent_email: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ConsentEventTable {
  tenant_id: string;
  id: Generated<string>;
  patient_id: string;
  referral_id: string | null;
  kind: ConsentKind;
  organization_id: string | null;
  purpose: string | null;
  granted: boolean;
  method: ConsentMethod;
  wording: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface PeopleTables {
  patient: PatientTable;
  consent_event: ConsentEventTable;
}
