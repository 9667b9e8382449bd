import { sql, type Kysely } from 'kysely';

// The audit trail (src/modules/audit/README.md): one row per audited event, numbered 1, 2, 3... per tenant
// with no gaps, each row carrying the SHA-256 hash of the one before it, so a changed, removed or inserted
// row shows up in `npm run audit:verify`.
//
// Append-only in the database itself: a statement-level trigger raises on every UPDATE, DELETE and
// TRUNCATE, so no code path (a buggy repository, a `TRUNCATE tenant CASCADE`) can rewrite history. The
// table's owner can still disable the trigger, which is why production runs the application as a role
// that does not own the table and holds only SELECT and INSERT on it (see the README's deployment notes).
//
// No foreign key to app_user or organisation: the trail must outlive the accounts it names, and the actor
// may be anonymous or the system.

const HASH = `~ '^[0-9a-f]{64}$'`;

const statements = [
  `CREATE TABLE audit_event (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     seq bigint NOT NULL CHECK (seq > 0),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     occurred_at timestamptz NOT NULL DEFAULT now(),
     actor_user_id uuid,
     actor_name text CHECK (length(actor_name) <= 200),
     actor_role text CHECK (length(actor_role) <= 100),
     actor_organisation_id uuid,
     actor_organisation_name text CHECK (length(actor_organisation_name) <= 200),
     action text NOT NULL CHECK (action ~ '^[a-z][a-z-]{0,39}$'),
     outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
     subject_type text CHECK (subject_type ~ '^[a-z][a-z-]{0,39}$'),
     subject_id text CHECK (length(subject_id) <= 200),
     subject_label text CHECK (length(subject_label) <= 200),
     purpose text CHECK (length(purpose) <= 200),
     source_ip text CHECK (length(source_ip) <= 64),
     user_agent text CHECK (length(user_agent) <= 512),
     route text CHECK (length(route) <= 300),
     details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
     prev_hash text NOT NULL CHECK (prev_hash ${HASH}),
     hash text NOT NULL CHECK (hash ${HASH}),
     PRIMARY KEY (tenant_id, seq),
     UNIQUE (tenant_id, id),
     CHECK (subject_id IS NULL OR subject_type IS NOT NULL)
   )`,
  `CREATE INDEX audit_event_subject_idx ON audit_event (tenant_id, subject_type, subject_id, occurred_at)`,
  `CREATE INDEX audit_event_actor_idx ON audit_event (tenant_id, actor_user_id, occurred_at)`,
  `CREATE INDEX audit_event_time_idx ON audit_event (tenant_id, occurred_at)`,
  `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
       USING ERRCODE = 'insufficient_privilege';
   END $$`,
  // Statement-level, so even an UPDATE or DELETE that matches no row is refused.
  `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
     FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS audit_event').execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS audit_event_append_only()').execute(db);
}
