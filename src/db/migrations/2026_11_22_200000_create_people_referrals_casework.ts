import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from '../tenant-isolation.ts';

// Social prescribing (issue #4): patients (people module), referrals into social prescribing with triage
// (referrals module), and the link worker's casework with plans, onward referrals, safeguarding, coded
// events and the message back to the GP (casework module). Following the PRSB Social Prescribing
// Information Standard v1.1 and DOMAIN.md section 3. Every table is tenant data with row-level security.
// Append-only tables (consent_event, onward_referral_event, coded_event, safeguarding escalations) are
// never updated by the application; `version` columns carry optimistic locking.

const tables: [string, string][] = [
  [
    'patient',
    `CREATE TABLE patient (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       nhs_number char(10) CHECK (nhs_number ~ '^[0-9]{10}$'),
       nhs_number_status char(2) NOT NULL DEFAULT '03'
         CHECK (nhs_number_status IN ('01','02','03','04','05','06','07','08')),
       given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
       family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
       preferred_name text,
       date_of_birth date NOT NULL,
       gender text NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female','male','other','unknown')),
       ethnicity char(1) CHECK (ethnicity ~ '^[A-HJ-NPRSZ]$'),
       address_line1 text,
       address_line2 text,
       town text,
       postcode text,
       phone text,
       email text,
       preferred_contact text NOT NULL DEFAULT 'phone'
         CHECK (preferred_contact IN ('phone','sms','email','letter')),
       preferred_language text NOT NULL DEFAULT 'English',
       interpreter_needed boolean NOT NULL DEFAULT false,
       communication_needs text,
       practice_id uuid,
       consent_social_prescribing text NOT NULL DEFAULT 'not-asked'
         CHECK (consent_social_prescribing IN ('given','declined','withdrawn','not-asked')),
       consent_sms boolean NOT NULL DEFAULT false,
       consent_email boolean NOT NULL DEFAULT false,
       version integer NOT NULL DEFAULT 1,
       created_at timestamptz NOT NULL DEFAULT now(),
       created_by uuid,
       updated_at timestamptz NOT NULL DEFAULT now(),
       updated_by uuid,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id)
     )`,
  ],
  [
    '',
    `CREATE UNIQUE INDEX patient_nhs_number_idx ON patient (tenant_id, nhs_number) WHERE nhs_number IS NOT NULL`,
  ],
  ['', `CREATE INDEX patient_name_dob_idx ON patient (tenant_id, lower(family_name), date_of_birth)`],
  [
    'consent_event',
    `CREATE TABLE consent_event (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       patient_id uuid NOT NULL,
       referral_id uuid,
       kind text NOT NULL CHECK (kind IN ('social-prescribing','contact-sms','contact-email','share-with-organisation')),
       organization_id uuid,
       purpose text,
       granted boolean NOT NULL,
       method text NOT NULL CHECK (method IN ('verbal','written','online','not-recorded')),
       wording text,
       recorded_by uuid,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, patient_id) REFERENCES patient (tenant_id, id),
       CHECK ((kind = 'share-with-organisation') = (organization_id IS NOT NULL))
     )`,
  ],
  ['', `CREATE INDEX consent_event_patient_idx ON consent_event (tenant_id, patient_id, recorded_at)`],
  [
    'referral',
    `CREATE TABLE referral (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       patient_id uuid NOT NULL,
       source text NOT NULL CHECK (source IN ('clinician','practice-staff','care-navigator','self','council',
         'housing','mental-health','hospital-community','vcse','family-friend-carer','other')),
       referrer_user_id uuid,
       referrer_name text,
       referrer_organisation text,
       referrer_email text,
       practice_id uuid,
       reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
       needs text[] NOT NULL DEFAULT '{}',
       urgency text NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine','soon','urgent')),
       risk_information text,
       consent_confirmed boolean NOT NULL,
       status text NOT NULL DEFAULT 'new'
         CHECK (status IN ('new','accepted','declined','redirected','closed')),
       flagged_for_clinician boolean NOT NULL DEFAULT false,
       decline_reason text,
       redirected_to text,
       triage_note text,
       triaged_by uuid,
       triaged_at timestamptz,
       idempotency_key text,
       received_at timestamptz NOT NULL DEFAULT now(),
       version integer NOT NULL DEFAULT 1,
       PRIMARY KEY (tenant_id, id),
       UNIQUE (tenant_id, idempotency_key),
       FOREIGN KEY (tenant_id, patient_id) REFERENCES patient (tenant_id, id),
       FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX referral_triage_idx ON referral (tenant_id, status, received_at)`],
  ['', `CREATE INDEX referral_patient_idx ON referral (tenant_id, patient_id)`],
  ['', `CREATE INDEX referral_referrer_idx ON referral (tenant_id, referrer_user_id, received_at)`],
  [
    'sp_case',
    `CREATE TABLE sp_case (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       referral_id uuid NOT NULL,
       patient_id uuid NOT NULL,
       practice_id uuid,
       link_worker_id uuid,
       status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','active','discharged')),
       intensity text NOT NULL DEFAULT 'holistic' CHECK (intensity IN ('signposting','light','medium','holistic')),
       accepted_at timestamptz NOT NULL DEFAULT now(),
       allocated_at timestamptz,
       first_contact_at timestamptz,
       next_contact_due date,
       review_due date,
       discharged_at timestamptz,
       discharge_reason text,
       discharge_summary text,
       version integer NOT NULL DEFAULT 1,
       updated_at timestamptz NOT NULL DEFAULT now(),
       updated_by uuid,
       PRIMARY KEY (tenant_id, id),
       UNIQUE (tenant_id, referral_id),
       FOREIGN KEY (tenant_id, referral_id) REFERENCES referral (tenant_id, id),
       FOREIGN KEY (tenant_id, patient_id) REFERENCES patient (tenant_id, id),
       FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id),
       FOREIGN KEY (tenant_id, link_worker_id) REFERENCES app_user (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX sp_case_caseload_idx ON sp_case (tenant_id, link_worker_id, status, next_contact_due)`],
  ['', `CREATE INDEX sp_case_waiting_idx ON sp_case (tenant_id, status, accepted_at)`],
  [
    'case_contact',
    `CREATE TABLE case_contact (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       case_id uuid NOT NULL,
       occurred_at timestamptz NOT NULL,
       mode text NOT NULL CHECK (mode IN ('face-to-face','phone','video','home-visit','group')),
       duration_minutes integer CHECK (duration_minutes BETWEEN 0 AND 600),
       did_not_attend boolean NOT NULL DEFAULT false,
       notes text,
       recorded_by uuid,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX case_contact_case_idx ON case_contact (tenant_id, case_id, occurred_at)`],
  [
    'care_plan',
    `CREATE TABLE care_plan (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       case_id uuid NOT NULL,
       what_matters text,
       needs text[] NOT NULL DEFAULT '{}',
       needs_notes text,
       review_date date,
       agreed_at timestamptz,
       shared_with text[] NOT NULL DEFAULT '{}',
       person_central boolean NOT NULL DEFAULT false,
       from_conversations boolean NOT NULL DEFAULT false,
       outcomes_agreed boolean NOT NULL DEFAULT false,
       plan_shareable boolean NOT NULL DEFAULT false,
       review_arranged boolean NOT NULL DEFAULT false,
       version integer NOT NULL DEFAULT 1,
       updated_at timestamptz NOT NULL DEFAULT now(),
       updated_by uuid,
       PRIMARY KEY (tenant_id, case_id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id)
     )`,
  ],
  [
    'plan_goal',
    `CREATE TABLE plan_goal (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       case_id uuid NOT NULL,
       text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
       status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','achieved','stopped')),
       position integer NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id)
     )`,
  ],
  [
    'plan_action',
    `CREATE TABLE plan_action (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       goal_id uuid NOT NULL,
       case_id uuid NOT NULL,
       text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
       owner text NOT NULL,
       due_date date,
       done_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, goal_id) REFERENCES plan_goal (tenant_id, id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id)
     )`,
  ],
  [
    '',
    `CREATE INDEX plan_action_due_idx ON plan_action (tenant_id, case_id, due_date) WHERE done_at IS NULL`,
  ],
  [
    'onward_referral',
    `CREATE TABLE onward_referral (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       case_id uuid NOT NULL,
       service_id uuid NOT NULL,
       service_name text NOT NULL,
       organization_id uuid,
       kind text NOT NULL CHECK (kind IN ('signpost','referral')),
       reason text NOT NULL,
       capacity_at_referral text NOT NULL,
       status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent','accepted','declined','waitlisted',
         'attended','not_attended','completed','cancelled','expired')),
       status_reason text,
       waitlist_weeks integer,
       respond_by date,
       created_by uuid,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX onward_referral_case_idx ON onward_referral (tenant_id, case_id)`],
  [
    'onward_referral_event',
    `CREATE TABLE onward_referral_event (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       onward_referral_id uuid NOT NULL,
       status text NOT NULL,
       reason text,
       recorded_by uuid,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, onward_referral_id) REFERENCES onward_referral (tenant_id, id)
     )`,
  ],
  [
    'safeguarding_flag',
    `CREATE TABLE safeguarding_flag (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       case_id uuid NOT NULL,
       description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
       escalated_to uuid NOT NULL,
       raised_by uuid NOT NULL,
       raised_at timestamptz NOT NULL DEFAULT now(),
       acknowledged_at timestamptz,
       resolved_at timestamptz,
       resolution text,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, case_id) REFERENCES sp_case (tenant_id, id),
       FOREIGN KEY (tenant_id, escalated_to) REFERENCES app_user (tenant_id, id)
     )`,
  ],
  [
    '',
    `CREATE INDEX safeguarding_flag_open_idx ON safeguarding_flag (tenant_id, escalated_to) WHERE resolved_at IS NULL`,
  ],
  [
    'staff_task',
    `CREATE TABLE staff_task (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       kind text NOT NULL CHECK (kind IN ('safeguarding-escalation','first-contact','review','re-routing',
         'red-flag-escalation','clinician-review')),
       assigned_to uuid,
       case_id uuid,
       patient_id uuid,
       title text NOT NULL,
       priority text NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine','urgent')),
       due_at timestamptz,
       done_at timestamptz,
       created_by uuid,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id)
     )`,
  ],
  [
    '',
    `CREATE INDEX staff_task_open_idx ON staff_task (tenant_id, assigned_to, due_at) WHERE done_at IS NULL`,
  ],
  [
    'coded_event',
    `CREATE TABLE coded_event (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       patient_id uuid NOT NULL,
       practice_id uuid,
       case_id uuid,
       referral_id uuid,
       event text NOT NULL,
       snomed_code text NOT NULL,
       term text NOT NULL,
       occurred_at timestamptz NOT NULL,
       recorded_by uuid,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, patient_id) REFERENCES patient (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX coded_event_practice_idx ON coded_event (tenant_id, practice_id, occurred_at)`],
  [
    'message_back',
    `CREATE TABLE message_back (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       referral_id uuid NOT NULL,
       case_id uuid,
       stage text NOT NULL CHECK (stage IN ('accepted','declined','first-contact','discharge')),
       body_html text NOT NULL,
       coded jsonb NOT NULL,
       created_by uuid,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, referral_id) REFERENCES referral (tenant_id, id)
     )`,
  ],
  ['', `CREATE INDEX message_back_referral_idx ON message_back (tenant_id, referral_id, created_at)`],
  [
    'snomed_code',
    `CREATE TABLE snomed_code (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       event text NOT NULL,
       concept_id text NOT NULL CHECK (concept_id ~ '^[0-9]{6,18}$'),
       term text NOT NULL,
       confirmed boolean NOT NULL,
       enabled boolean NOT NULL,
       use_rule text NOT NULL,
       PRIMARY KEY (tenant_id, event)
     )`,
  ],
  [
    'casework_setting',
    `CREATE TABLE casework_setting (
       tenant_id uuid NOT NULL REFERENCES tenant(id) PRIMARY KEY,
       caseload_capacity integer NOT NULL DEFAULT 225 CHECK (caseload_capacity > 0),
       active_caseload_capacity integer NOT NULL DEFAULT 40 CHECK (active_caseload_capacity > 0),
       first_contact_working_days integer NOT NULL DEFAULT 5 CHECK (first_contact_working_days > 0),
       onward_response_days integer NOT NULL DEFAULT 14 CHECK (onward_response_days > 0)
     )`,
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, statement] of tables) {
    await sql.raw(statement).execute(db);
    if (table !== '') {
      await enableTenantIsolation(db, table);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const names = tables
    .map(([t]) => t)
    .filter((t) => t !== '')
    .reverse();
  for (const table of names) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
