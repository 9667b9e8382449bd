import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { NavigationProtocolTable } from './navigation.tables.ts';
import { protocolContentSchema, type NavigationProtocolContent } from './protocol.model.ts';

type Db = Kysely<Database>;
type ProtocolRow = Selectable<NavigationProtocolTable>;

// Versions as the protocol pages show them, and the writes of drafts and sign-offs. One draft per scope
// (the PCN, or one practice) is kept by a unique index; a version number is never reused in a scope.

/** A protocol version of any status, as the protocol pages show it. */
export interface ProtocolVersion {
  id: string;
  practiceId: string | null;
  version: number;
  status: ProtocolRow['status'];
  content: NavigationProtocolContent;
  changeSummary: string | null;
  createdAt: Date;
  updatedAt: Date;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  approvalStatement: string | null;
  reviewDue: string | null;
}

/**
 * A navigation_protocol row as a version.
 * @param row - the row
 */
export function toProtocolVersion(row: ProtocolRow): ProtocolVersion {
  return {
    id: row.id,
    practiceId: row.practice_id,
    version: row.version,
    status: row.status,
    content: protocolContentSchema.parse(row.content),
    changeSummary: row.change_summary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    approvalStatement: row.approval_statement,
    reviewDue: row.review_due,
  };
}

const NO_PRACTICE = '00000000-0000-0000-0000-000000000000';

/**
 * Every version of a tenant's protocol, PCN-wide first, newest first in each scope.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function listProtocolVersions(db: Db, tenantId: string): Promise<ProtocolVersion[]> {
  const rows = await db
    .selectFrom('navigation_protocol')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy(sql`practice_id NULLS FIRST`)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toProtocolVersion);
}

/**
 * The draft of a scope, if there is one.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param practiceId - the practice, or null for the PCN-wide protocol
 */
export async function findDraftInScope(
  db: Db,
  tenantId: string,
  practiceId: string | null,
): Promise<ProtocolVersion | undefined> {
  const row = await db
    .selectFrom('navigation_protocol')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'draft')
    .where((eb) => (practiceId === null ? eb('practice_id', 'is', null) : eb('practice_id', '=', practiceId)))
    .executeTakeFirst();
  return row === undefined ? undefined : toProtocolVersion(row);
}

/**
 * Inserts a draft as the scope's next version; nothing when the scope already has a draft.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param draft - its scope, first content, author and summary
 * @returns the new draft's id, or undefined when the scope already had one
 */
export async function insertDraft(
  trx: Transaction<Database>,
  tenantId: string,
  draft: {
    practiceId: string | null;
    content: NavigationProtocolContent;
    createdBy: string;
    changeSummary: string;
  },
): Promise<string | undefined> {
  const result = await sql<{ id: string }>`
    INSERT INTO navigation_protocol
      (tenant_id, practice_id, version, status, content, change_summary, created_by, updated_by)
    SELECT ${tenantId}::uuid, ${draft.practiceId}::uuid, coalesce(max(version), 0) + 1, 'draft',
      ${JSON.stringify(draft.content)}::jsonb, ${draft.changeSummary}, ${draft.createdBy}::uuid,
      ${draft.createdBy}::uuid
    FROM navigation_protocol
    WHERE tenant_id = ${tenantId}::uuid
      AND coalesce(practice_id, ${NO_PRACTICE}::uuid) = coalesce(${draft.practiceId}::uuid, ${NO_PRACTICE}::uuid)
    ON CONFLICT DO NOTHING
    RETURNING id`.execute(trx);
  return result.rows[0]?.id;
}

/**
 * A version, locked for a change until the transaction ends.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param id - the version's id
 */
export async function lockProtocolVersion(
  trx: Transaction<Database>,
  tenantId: string,
  id: string,
): Promise<ProtocolVersion | undefined> {
  const row = await trx
    .selectFrom('navigation_protocol')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row === undefined ? undefined : toProtocolVersion(row);
}

/**
 * Saves a draft's content (the caller has locked it and checked it is a draft).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param change - the draft, its new content, who changed it and the summary of changes so far
 */
export async function updateDraftContent(
  trx: Transaction<Database>,
  tenantId: string,
  change: { id: string; content: NavigationProtocolContent; updatedBy: string; changeSummary: string },
): Promise<void> {
  await trx
    .updateTable('navigation_protocol')
    .set({
      content: JSON.stringify(change.content),
      updated_by: change.updatedBy,
      updated_at: sql<Date>`clock_timestamp()`,
      change_summary: change.changeSummary,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.id)
    .where('status', '=', 'draft')
    .execute();
}

/**
 * Marks a draft approved and retires the version its scope had in force; returns the retired ids.
 * @param trx - the transaction (the caller has locked the draft)
 * @param tenantId - the tenant
 * @param approval - the draft, its scope, and the sign-off
 */
export async function markDraftApproved(
  trx: Transaction<Database>,
  tenantId: string,
  approval: {
    id: string;
    practiceId: string | null;
    approvedBy: string;
    approvedByName: string;
    approvalStatement: string;
    reviewDue: string;
  },
): Promise<string[]> {
  const retired = await trx
    .updateTable('navigation_protocol')
    .set({ status: 'retired' })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'approved')
    .where((eb) =>
      approval.practiceId === null
        ? eb('practice_id', 'is', null)
        : eb('practice_id', '=', approval.practiceId),
    )
    .returning('id')
    .execute();
  await trx
    .updateTable('navigation_protocol')
    .set({
      status: 'approved',
      approved_by: approval.approvedBy,
      approved_by_name: approval.approvedByName,
      approved_at: sql<Date>`clock_timestamp()`,
      approval_statement: approval.approvalStatement,
      review_due: approval.reviewDue,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', approval.id)
    .where('status', '=', 'draft')
    .execute();
  return retired.map((r) => r.id);
}

/**
 * Deletes a draft (never an approved or retired version: navigation records name those).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param id - the draft's id
 * @returns whether a draft was deleted
 */
export async function deleteDraft(
  trx: Transaction<Database>,
  tenantId: string,
  id: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('navigation_protocol')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
