import type { ColumnType, Generated } from 'kysely';

// Kysely table types of the referrals module (migration create_people_referrals_casework is the truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type ReferralSource =
  | 'clinician'
  | 'practice-staff'
  | 'care-navigator'
  | 'self'
  | 'council'
  | 'housing'
  | 'mental-health'
  | 'hospital-community'
  | 'vcse'
  | 'family-friend-carer'
  | 'other';
export type ReferralUrgency = 'routine' | 'soon' | 'urgent';
export type ReferralStatus = 'new' | 'accepted' | 'declined' | 'redirected' | 'closed';

export interface ReferralTable {
  tenant_id: string;
  id: Generated<string>;
  patient_id: string;
  source: ReferralSource;
  referrer_user_id: string | null;
  referrer_name: string | null;
  referrer_organisation: string | null;
  referrer_email: string | null;
  practice_id: string | null;
  reason: string;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  urgency: ColumnType<ReferralUrgency, ReferralUrgency | undefined, ReferralUrgency>;
  risk_information: string | null;
  consent_confirmed: boolean;
  status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
  flagged_for_clinician: ColumnType<boolean, boolean | undefined, boolean>;
  decline_reason: string | null;
  redirected_to: string | null;
  triage_note: string | null;
  triaged_by: string | null;
  triaged_at: Date | null;
  idempotency_key: string | null;
  received_at: CreatedAt;
  version: ColumnType<number, number | undefined, number>;
}

export interface ReferralsTables {
  referral: ReferralTable;
}
