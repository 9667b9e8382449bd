// Kysely table types of the audit module's tables (its migration is the source of truth).
import type { ColumnType } from 'kysely';
import type { AuditDetails } from './audit.model.ts';

/** Written once, never updated: `never` as the update type makes `updateTable('audit_event')` a type error. */
type Immutable<Select, Insert = Select> = ColumnType<Select, Insert, never>;

export interface AuditEventTable {
  tenant_id: Immutable<string>;
  /** bigint; src/db/connect.ts parses INT8 to a number. */
  seq: Immutable<number>;
  id: Immutable<string>;
  occurred_at: Immutable<Date>;
  actor_user_id: Immutable<string | null>;
  actor_name: Immutable<string | null>;
  actor_role: Immutable<string | null>;
  actor_organisation_id: Immutable<string | null>;
  actor_organisation_name: Immutable<string | null>;
  action: Immutable<string>;
  outcome: Immutable<string>;
  subject_type: Immutable<string | null>;
  subject_id: Immutable<string | null>;
  subject_label: Immutable<string | null>;
  purpose: Immutable<string | null>;
  source_ip: Immutable<string | null>;
  user_agent: Immutable<string | null>;
  route: Immutable<string | null>;
  /** jsonb: read back parsed; written as JSON text (an array would otherwise become a PostgreSQL array). */
  details: Immutable<AuditDetails, string>;
  prev_hash: Immutable<string>;
  hash: Immutable<string>;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
