import type { ColumnType, Generated } from 'kysely';

// Kysely table types of the casework module (migration create_people_referrals_casework is the truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** DATE columns arrive as 'YYYY-MM-DD' strings (see src/db/connect.ts). */
type DateOnly = ColumnType<string, string, string>;

export type CaseStatus = 'waiting' | 'active' | 'discharged';
export type Intensity = 'signposting' | 'light' | 'medium' | 'holistic';
export type ContactMode = 'face-to-face' | 'phone' | 'video' | 'home-visit' | 'group';
export type OnwardStatus =
  | 'sent'
  | 'accepted'
  | 'declined'
  | 'waitlisted'
  | 'attended'
  | 'not_attended'
  | 'completed'
  | 'cancelled'
  | 'expired';
export type TaskKind =
  | 'safeguarding-escalation'
  | 'first-contact'
  | 'review'
  | 're-routing'
  | 'red-flag-escalation'
  | 'clinician-review';
export type MessageBackStage = 'accepted' | 'declined' | 'first-contact' | 'discharge';

export interface SpCaseTable {
  tenant_id: string;
  id: Generated<string>;
  referral_id: string;
  patient_id: string;
  practice_id: string | null;
  link_worker_id: string | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  intensity: ColumnType<Intensity, Intensity | undefined, Intensity>;
  accepted_at: CreatedAt;
  allocated_at: Date | null;
  first_contact_at: Date | null;
  next_contact_due: DateOnly | null;
  review_due: DateOnly | null;
  discharged_at: Date | null;
  discharge_reason: string | null;
  discharge_summary: string | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CaseContactTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  occurred_at: Date | string;
  mode: ContactMode;
  duration_minutes: number | null;
  did_not_attend: ColumnType<boolean, boolean | undefined, boolean>;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface CarePlanTable {
  tenant_id: string;
  case_id: string;
  what_matters: string | null;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  needs_notes: string | null;
  review_date: DateOnly | null;
  agreed_at: Date | null;
  shared_with: ColumnType<string[], string[] | undefined, string[]>;
  person_central: ColumnType<boolean, boolean | undefined, boolean>;
  from_conversations: ColumnType<boolean, boolean | undefined, boolean>;
  outcomes_agreed: ColumnType<boolean, boolean | undefined, boolean>;
  plan_shareable: ColumnType<boolean, boolean | undefined, boolean>;
  review_arranged: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PlanGoalTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  text: string;
  status: ColumnType<'active' | 'achieved' | 'stopped', 'active' | 'achieved' | 'stopped' | undefined>;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface PlanActionTable {
  tenant_id: string;
  id: Generated<string>;
  goal_id: string;
  case_id: string;
  text: string;
  owner: string;
  due_date: DateOnly | null;
  done_at: Date | null;
  created_at: CreatedAt;
}

export interface OnwardReferralTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  service_id: string;
  service_name: string;
  organization_id: string | null;
  kind: 'signpost' | 'referral';
  reason: string;
  capacity_at_referral: string;
  status: ColumnType<OnwardStatus, OnwardStatus | undefined, OnwardStatus>;
  status_reason: string | null;
  waitlist_weeks: number | null;
  respond_by: DateOnly | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OnwardReferralEventTable {
  tenant_id: string;
  id: Generated<string>;
  onward_referral_id: string;
  status: OnwardStatus;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface SafeguardingFlagTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  description: string;
  escalated_to: string;
  raised_by: string;
  raised_at: CreatedAt;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  resolution: string | null;
}

export interface StaffTaskTable {
  tenant_id: string;
  id: Generated<string>;
  kind: TaskKind;
  assigned_to: string | null;
  case_id: string | null;
  patient_id: string | null;
  /** The care navigation whose red flag raised it (issue #5), if any. */
  navigation_id: ColumnType<string | null, string | null | undefined, string | null>;
  title: string;
  priority: ColumnType<'routine' | 'urgent', 'routine' | 'urgent' | undefined, 'routine' | 'urgent'>;
  due_at: Date | string | null;
  done_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CodedEventTable {
  tenant_id: string;
  id: Generated<string>;
  patient_id: string;
  practice_id: string | null;
  case_id: string | null;
  referral_id: string | null;
  /** The care navigation that recorded it (issue #5), if any. */
  navigation_id: ColumnType<string | null, string | null | undefined, string | null>;
  event: string;
  snomed_code: string;
  term: string;
  occurred_at: Date | string;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface MessageBackTable {
  tenant_id: string;
  id: Generated<string>;
  referral_id: string;
  case_id: string | null;
  stage: MessageBackStage;
  body_html: string;
  coded: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SnomedCodeTable {
  tenant_id: string;
  event: string;
  concept_id: string | null;
  term: string;
  confirmed: boolean;
  enabled: boolean;
  use_rule: string;
}

export interface CaseworkSettingTable {
  tenant_id: string;
  caseload_capacity: ColumnType<number, number | undefined, number>;
  active_caseload_capacity: ColumnType<number, number | undefined, number>;
  first_contact_working_days: ColumnType<number, number | undefined, number>;
  onward_response_days: ColumnType<number, number | undefined, number>;
}

export interface CaseworkTables {
  sp_case: SpCaseTable;
  case_contact: CaseContactTable;
  care_plan: CarePlanTable;
  plan_goal: PlanGoalTable;
  plan_action: PlanActionTable;
  onward_referral: OnwardReferralTable;
  onward_referral_event: OnwardReferralEventTable;
  safeguarding_flag: SafeguardingFlagTable;
  staff_task: StaffTaskTable;
  coded_event: CodedEventTable;
  message_back: MessageBackTable;
  snomed_code: SnomedCodeTable;
  casework_setting: CaseworkSettingTable;
}
