import type { ColumnType, Generated } from 'kysely';
import type { Role } from './roles.ts';

// Kysely table types of the accounts module (its migration, create_accounts, is the source of truth).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganisationKind = 'icb' | 'pcn' | 'practice' | 'vcse';
export type UserStatus = 'invited' | 'active' | 'disabled';

export interface AccountOrganisationTable {
  tenant_id: string;
  id: Generated<string>;
  kind: OrganisationKind;
  name: string;
  ods_code: string | null;
  parent_id: string | null;
  practice_id: string | null;
  directory_organization_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AppUserTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  status: UserStatus;
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  failed_signins: Generated<number>;
  locked_until: Date | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  last_signed_in_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoleAssignmentTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  role: Role;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface UserSessionTable {
  tenant_id: string;
  token_hash: string;
  user_id: string;
  stage: 'second-factor' | 'active';
  role_assignment_id: string | null;
  auth_method: 'password' | 'oidc';
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date | string;
  source_ip: string | null;
  user_agent: string | null;
}

export interface AuthTokenTable {
  tenant_id: string;
  token_hash: string;
  user_id: string;
  purpose: 'password-reset' | 'invitation';
  created_at: CreatedAt;
  expires_at: Date | string;
  used_at: Date | null;
}

export interface AccountsTables {
  organisation: AccountOrganisationTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  user_session: UserSessionTable;
  auth_token: AuthTokenTable;
}
