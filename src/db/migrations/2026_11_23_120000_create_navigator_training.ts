import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from '../tenant-isolation.ts';

// Navigator training (issue #5, "Training and competency"): one row per attempt at a scenario card. An
// attempt walks the same steps as the live flow (red-flag check first, then needs, then the choice), so its
// step can only move forward, and its answers only fill in the order the steps come. Once an attempt is
// completed it is the navigator's training record: it can never be changed or deleted.

const tables: [string, string][] = [
  [
    'training_attempt',
    `CREATE TABLE training_attempt (
       tenant_id uuid NOT NULL REFERENCES tenant(id),
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       user_id uuid NOT NULL,
       scenario_key text NOT NULL CHECK (scenario_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
       protocol_id uuid NOT NULL,
       started_at timestamptz NOT NULL DEFAULT now(),
       step text NOT NULL DEFAULT 'red-flags' CHECK (step IN ('red-flags','needs','choose','done')),
       red_flag_answer text
         CHECK (red_flag_answer IN ('none','call-999','duty-gp-now','same-day-gp','nhs-111')),
       red_flag_key text,
       red_flag_source text CHECK (red_flag_source IN ('screen','free-text')),
       need_picks text[] NOT NULL DEFAULT '{}',
       need_text text,
       chosen_destination text,
       correct boolean,
       missed_red_flag boolean,
       completed_at timestamptz,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id),
       FOREIGN KEY (tenant_id, protocol_id) REFERENCES navigation_protocol (tenant_id, id),
       CONSTRAINT training_red_flag_step_first CHECK (
         step = 'red-flags' OR red_flag_answer IS NOT NULL),
       CONSTRAINT training_red_flag_named CHECK (
         (red_flag_answer IS NULL OR red_flag_answer = 'none')
         = (red_flag_key IS NULL AND red_flag_source IS NULL)),
       CONSTRAINT training_needs_before_choice CHECK (
         step IN ('red-flags','needs') OR red_flag_answer <> 'none' OR cardinality(need_picks) > 0),
       CONSTRAINT training_done_scored CHECK (
         (step = 'done') = (completed_at IS NOT NULL)
         AND (completed_at IS NULL) = (correct IS NULL)
         AND (completed_at IS NULL) = (missed_red_flag IS NULL)),
       CONSTRAINT training_done_answered CHECK (
         completed_at IS NULL OR red_flag_answer <> 'none' OR chosen_destination IS NOT NULL)
     )`,
  ],
  [
    '',
    `CREATE INDEX training_attempt_user_idx ON training_attempt (tenant_id, user_id, scenario_key, started_at)`,
  ],
  [
    '',
    `CREATE FUNCTION training_attempt_completed_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF OLD.completed_at IS NOT NULL THEN
         RAISE EXCEPTION 'A completed training attempt cannot be changed: % is not allowed', TG_OP
           USING ERRCODE = 'check_violation';
       END IF;
       IF TG_OP = 'UPDATE' AND (NEW.user_id IS DISTINCT FROM OLD.user_id
            OR NEW.scenario_key IS DISTINCT FROM OLD.scenario_key
            OR NEW.protocol_id IS DISTINCT FROM OLD.protocol_id
            OR NEW.started_at IS DISTINCT FROM OLD.started_at
            OR (OLD.red_flag_answer IS NOT NULL AND OLD.red_flag_answer <> 'none'
                AND NEW.red_flag_answer IS DISTINCT FROM OLD.red_flag_answer)) THEN
         RAISE EXCEPTION 'A training attempt keeps its scenario, navigator and red flag'
           USING ERRCODE = 'check_violation';
       END IF;
       IF TG_OP = 'DELETE' THEN
         RETURN OLD;
       END IF;
       RETURN NEW;
     END $$`,
  ],
  [
    '',
    `CREATE TRIGGER training_attempt_completed_is_final BEFORE UPDATE OR DELETE ON training_attempt
       FOR EACH ROW EXECUTE FUNCTION training_attempt_completed_is_final()`,
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
  await sql`DROP TABLE IF EXISTS training_attempt`.execute(db);
  await sql`DROP FUNCTION IF EXISTS training_attempt_completed_is_final()`.execute(db);
}
