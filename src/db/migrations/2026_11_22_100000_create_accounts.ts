import { sql, type Kysely } from 'kysely';

// Staff accounts. Organisations form a tree inside a tenant: ICB > PCN > practice; VCSE provider
// organisations stand beside it (no parent) and may own directory listings (directory `organization`).
// Users belong to one tenant and hold roles in organisations (role_assignment); a session acts in one of
// them at a time. Passwords are Argon2id hashes; session and single-use tokens are stored as SHA-256 hashes
// only, so a copy of the database cannot be used to sign in.

const ROLES = [
  'care_navigator',
  'link_worker',
  'clinician',
  'supervisor',
  'commissioner',
  'vcse_staff',
  'tenant_admin',
];

const statements = [
  `CREATE TABLE organisation (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL CHECK (kind IN ('icb', 'pcn', 'practice', 'vcse')),
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     ods_code text,
     parent_id uuid,
     practice_id uuid,
     directory_organization_id uuid,
     active boolean NOT NULL DEFAULT true,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, id),
     UNIQUE (tenant_id, ods_code),
     FOREIGN KEY (tenant_id, parent_id) REFERENCES organisation (tenant_id, id),
     FOREIGN KEY (tenant_id, practice_id) REFERENCES practice (tenant_id, id),
     FOREIGN KEY (tenant_id, directory_organization_id) REFERENCES organization (tenant_id, id),
     CHECK ((kind = 'practice') = (practice_id IS NOT NULL)),
     CHECK (kind = 'vcse' OR directory_organization_id IS NULL),
     CHECK (kind NOT IN ('icb', 'vcse') OR parent_id IS NULL)
   )`,
  `CREATE UNIQUE INDEX organisation_practice_idx ON organisation (tenant_id, practice_id)`,
  `CREATE TABLE app_user (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
     display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
     status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
     password_hash text,
     password_changed_at timestamptz,
     totp_secret text,
     totp_enabled_at timestamptz,
     totp_last_step bigint,
     failed_signins integer NOT NULL DEFAULT 0,
     locked_until timestamptz,
     oidc_issuer text,
     oidc_subject text,
     last_signed_in_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, id),
     UNIQUE (tenant_id, email),
     UNIQUE (tenant_id, oidc_issuer, oidc_subject),
     CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
   )`,
  `CREATE TABLE role_assignment (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     user_id uuid NOT NULL,
     organisation_id uuid NOT NULL,
     role text NOT NULL CHECK (role IN (${ROLES.map((r) => `'${r}'`).join(', ')})),
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (tenant_id, id),
     UNIQUE (tenant_id, user_id, organisation_id, role),
     FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE,
     FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation (tenant_id, id)
   )`,
  `CREATE INDEX role_assignment_organisation_idx ON role_assignment (tenant_id, organisation_id)`,
  `CREATE TABLE user_session (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     token_hash text NOT NULL,
     user_id uuid NOT NULL,
     stage text NOT NULL CHECK (stage IN ('second-factor', 'active')),
     role_assignment_id uuid,
     auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc')),
     created_at timestamptz NOT NULL DEFAULT now(),
     last_seen_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     source_ip text,
     user_agent text,
     PRIMARY KEY (token_hash),
     FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE,
     FOREIGN KEY (tenant_id, role_assignment_id) REFERENCES role_assignment (tenant_id, id) ON DELETE SET NULL
   )`,
  `CREATE INDEX user_session_user_idx ON user_session (tenant_id, user_id)`,
  `CREATE INDEX user_session_expires_idx ON user_session (expires_at)`,
  `CREATE TABLE auth_token (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     token_hash text NOT NULL,
     user_id uuid NOT NULL,
     purpose text NOT NULL CHECK (purpose IN ('password-reset', 'invitation')),
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     used_at timestamptz,
     PRIMARY KEY (token_hash),
     FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX auth_token_user_idx ON auth_token (tenant_id, user_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['auth_token', 'user_session', 'role_assignment', 'app_user', 'organisation']) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
