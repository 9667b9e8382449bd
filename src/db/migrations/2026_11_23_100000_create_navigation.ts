import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from '../tenant-isolation.ts';

// Care navigation at reception (issue #5, DOMAIN.md section 2): the clinically owned protocol (red flags,
// quick picks, destinations and their wording) as versioned data with a sign-off, and one record per
// navigation. The red-flag screen is enforced here as well as in the service: a navigation cannot hold
// needs, options or an outcome until its red-flag check is recorded, and a recorded red flag (the
// escalation, DOMAIN.md 2.3 rule 4) can never be changed afterwards.

const tables: [string, string][] = [
  [
    'navigation_protocol',
    `CREATE TABLE navigation_protocol (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       practice_id uuid,
       version integer NOT NULL CHECK (version > 0),
       status text NOT NULL CHECK (status IN ('draft','approved','retired')),
       content jsonb NOT NULL,
       change_summary text,
       created_by uuid,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_by uuid,
       updated_at timestamptz NOT NULL DEFAULT now(),
       approved_by uuid,
       approved_by_name text,
       approved_at timestamptz,
       approval_statement text,
       review_due date,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id),
       CHECK (status = 'draft' OR approved_at IS NOT NULL)
     )`,
  ],
  [
    '',
    `CREATE UNIQUE INDEX navigation_protocol_version_idx ON navigation_protocol
       (tenant_id, coalesce(practice_id, '00000000-0000-0000-0000-000000000000'::uuid), version)`,
  ],
  [
    '',
    `CREATE UNIQUE INDEX navigation_protocol_one_draft_idx ON navigation_protocol
       (tenant_id, coalesce(practice_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status = 'draft'`,
  ],
  [
    'navigation_record',
    `CREATE TABLE navigation_record (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       practice_id uuid,
       navigator_user_id uuid NOT NULL,
       channel text NOT NULL CHECK (channel IN ('desk','phone','online')),
       patient_id uuid,
       patient_postcode text,
       protocol_id uuid NOT NULL,
       started_at timestamptz NOT NULL DEFAULT now(),
       red_flag_checked_at timestamptz,
       red_flag_outcome text
         CHECK (red_flag_outcome IN ('none','call-999','duty-gp-now','same-day-gp','nhs-111')),
       red_flag_key text,
       red_flag_source text CHECK (red_flag_source IN ('screen','free-text')),
       red_flag_words text,
       red_flag_at timestamptz,
       red_flag_handed_to text,
       escalation_task_id uuid,
       needs text[] NOT NULL DEFAULT '{}',
       need_text text,
       options_offered jsonb,
       outcome text CHECK (outcome IN ('signposted','referred-link-worker','gp','declined','red-flag')),
       patient_choice text CHECK (patient_choice IN ('accepted_signpost','chose_gp','declined')),
       gp_reason text CHECK (gp_reason IN ('patient-preferred','needed')),
       destination_kind text CHECK (destination_kind IN ('protocol','service')),
       destination_key text,
       destination_name text,
       destination_capacity text,
       referral_id uuid,
       coded_event_id uuid,
       copy_channel text CHECK (copy_channel IN ('sms','email','print','none')),
       copy_text text,
       copy_recipient text,
       copy_message_id uuid,
       contact_consent boolean,
       completed_at timestamptz,
       follow_up text CHECK (follow_up IN ('got_help','couldnt_get_in','not_eligible','service_full','didnt_go')),
       version integer NOT NULL DEFAULT 1,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id),
       FOREIGN KEY (tenant_id, patient_id) REFERENCES patient (tenant_id, id),
       FOREIGN KEY (tenant_id, protocol_id) REFERENCES navigation_protocol (tenant_id, id),
       CONSTRAINT navigation_red_flag_step_first CHECK (
         red_flag_checked_at IS NOT NULL
         OR (red_flag_outcome IS NULL AND outcome IS NULL AND options_offered IS NULL
             AND cardinality(needs) = 0 AND need_text IS NULL AND completed_at IS NULL)),
       CONSTRAINT navigation_red_flag_recorded CHECK (
         (red_flag_checked_at IS NULL) = (red_flag_outcome IS NULL)),
       CONSTRAINT navigation_red_flag_stops CHECK (
         (outcome = 'red-flag') = (red_flag_outcome IS NOT NULL AND red_flag_outcome <> 'none')
         OR outcome IS NULL),
       CONSTRAINT navigation_red_flag_words CHECK (
         red_flag_outcome IS NULL OR red_flag_outcome = 'none'
         OR (red_flag_key IS NOT NULL AND red_flag_source IS NOT NULL AND red_flag_words IS NOT NULL
             AND red_flag_at IS NOT NULL)),
       CONSTRAINT navigation_outcome_completes CHECK ((outcome IS NULL) = (completed_at IS NULL))
     )`,
  ],
  ['', `CREATE INDEX navigation_record_day_idx ON navigation_record (tenant_id, practice_id, started_at)`],
  [
    '',
    `CREATE INDEX navigation_record_navigator_idx ON navigation_record (tenant_id, navigator_user_id, started_at)`,
  ],
  [
    '',
    `CREATE FUNCTION navigation_red_flag_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       -- The check itself, once recorded, stays: 'none' may only become a red flag (free text later in
       -- the flow), and a red flag with its words, time and escalation never changes.
       IF OLD.red_flag_outcome IS NOT NULL AND (
            NEW.red_flag_checked_at IS DISTINCT FROM OLD.red_flag_checked_at
            OR NEW.red_flag_outcome IS NULL
            OR (OLD.red_flag_outcome <> 'none' AND (
                 NEW.red_flag_outcome IS DISTINCT FROM OLD.red_flag_outcome
                 OR NEW.red_flag_key IS DISTINCT FROM OLD.red_flag_key
                 OR NEW.red_flag_source IS DISTINCT FROM OLD.red_flag_source
                 OR NEW.red_flag_words IS DISTINCT FROM OLD.red_flag_words
                 OR NEW.red_flag_at IS DISTINCT FROM OLD.red_flag_at
                 OR NEW.outcome IS DISTINCT FROM OLD.outcome
                 OR NEW.completed_at IS DISTINCT FROM OLD.completed_at
                 OR (OLD.escalation_task_id IS NOT NULL
                     AND NEW.escalation_task_id IS DISTINCT FROM OLD.escalation_task_id)
                 OR (OLD.red_flag_handed_to IS NOT NULL
                     AND NEW.red_flag_handed_to IS DISTINCT FROM OLD.red_flag_handed_to)))) THEN
         RAISE EXCEPTION 'A recorded red-flag check cannot be changed' USING ERRCODE = 'check_violation';
       END IF;
       RETURN NEW;
     END $$`,
  ],
  [
    '',
    `CREATE TRIGGER navigation_red_flag_immutable BEFORE UPDATE ON navigation_record
       FOR EACH ROW EXECUTE FUNCTION navigation_red_flag_immutable()`,
  ],
  ['', `ALTER TABLE coded_event ADD COLUMN navigation_id uuid`],
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
  await sql`ALTER TABLE coded_event DROP COLUMN IF EXISTS navigation_id`.execute(db);
  await sql`DROP TABLE IF EXISTS navigation_record`.execute(db);
  await sql`DROP FUNCTION IF EXISTS navigation_red_flag_immutable()`.execute(db);
  await sql`DROP TABLE IF EXISTS navigation_protocol`.execute(db);
}
