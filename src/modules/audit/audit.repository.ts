import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.ts';
import {
  normalizeAuditEntry,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecord,
  type AuditSubjectType,
  type NormalizedAuditEntry,
} from './audit.model.ts';
import type { AuditEventTable } from './audit.tables.ts';

// All SQL of the audit trail. Writers append under a per-tenant advisory lock, so the chain never forks.

/** Rows per INSERT statement: 20 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;
export const MAX_SEARCH_LIMIT = 1000;

export function auditRowToRecord(row: Selectable<AuditEventTable>): AuditRecord {
  return {
    tenantId: row.tenant_id,
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    actorOrganisationId: row.actor_organisation_id,
    actorOrganisationName: row.actor_organisation_name,
    action: row.action,
    outcome: row.outcome,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectLabel: row.subject_label,
    purpose: row.purpose,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    route: row.route,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one entry to the tenant's audit trail.
 * @param db - the database, or the transaction of the write being recorded: then the entry commits or
 * rolls back with it (and the tenant's other audit writers wait for that commit, so record last)
 * @param tenantId - the tenant whose trail it is
 * @param entry - what happened
 * @returns the stored entry, with its seq and hashes
 */
export async function recordAudit(
  db: Kysely<Database>,
  tenantId: string,
  entry: AuditEntry,
): Promise<AuditRecord> {
  // One entry in, one out (recordAuditBatch throws otherwise).
  const [record] = await recordAuditBatch(db, tenantId, [entry]);
  return record;
}

/**
 * Appends several entries, in order, under one lock: e.g. one 'read' per person shown on a list page, so
 * "who looked at this person" finds every view by searching one subject.
 * @param db - the database, or the transaction of the write being recorded (see recordAudit)
 * @param tenantId - the tenant whose trail it is
 * @param entries - what happened, oldest first
 */
export async function recordAuditBatch(
  db: Kysely<Database>,
  tenantId: string,
  entries: readonly AuditEntry[],
): Promise<AuditRecord[]> {
  // Checked before any SQL, so a bad entry never takes the lock.
  const normalized = entries.map(normalizeAuditEntry);
  if (normalized.length === 0) {
    return [];
  }
  const tenant = tenantId.toLowerCase();
  if (db.isTransaction) {
    return appendEntries(db, tenant, normalized);
  }
  return db.transaction().execute((trx) => appendEntries(trx, tenant, normalized));
}

async function appendEntries(
  trx: Kysely<Database>,
  tenantId: string,
  entries: NormalizedAuditEntry[],
): Promise<AuditRecord[]> {
  // A statement of its own: under READ COMMITTED each statement sees what was committed before it
  // started, so the head read below must start after the lock is granted.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${tenantId}`}))`.execute(trx);
  const head = await sql<{ now: Date; seq: number | null; hash: string | null }>`
    SELECT date_trunc('milliseconds', clock_timestamp()) AS now, h.seq, h.hash
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT seq, hash FROM audit_event WHERE tenant_id = ${tenantId} ORDER BY seq DESC LIMIT 1
    ) AS h ON true`.execute(trx);
  // The LEFT JOIN always yields one row; seq and hash are null before the tenant's first entry.
  const [start] = head.rows;
  let seq = start.seq ?? 0;
  let prevHash = start.hash ?? GENESIS_HASH;
  const records = entries.map((entry): AuditRecord => {
    seq += 1;
    const fields = { ...entry, tenantId, seq, id: randomUUID(), occurredAt: entry.occurredAt ?? start.now };
    const hash = hashAuditEntry(prevHash, fields);
    const record = { ...fields, prevHash, hash };
    prevHash = hash;
    return record;
  });
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('audit_event')
      .values(records.slice(i, i + INSERT_CHUNK).map(auditRecordToRow))
      .execute();
  }
  return records;
}

/**
 * An entry as its audit_event row.
 * @param r - the entry
 */
export function auditRecordToRow(r: AuditRecord): Required<Insertable<AuditEventTable>> {
  return {
    tenant_id: r.tenantId,
    seq: r.seq,
    id: r.id,
    occurred_at: r.occurredAt,
    actor_user_id: r.actorUserId,
    actor_name: r.actorName,
    actor_role: r.actorRole,
    actor_organisation_id: r.actorOrganisationId,
    actor_organisation_name: r.actorOrganisationName,
    action: r.action,
    outcome: r.outcome,
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    subject_label: r.subjectLabel,
    purpose: r.purpose,
    source_ip: r.sourceIp,
    user_agent: r.userAgent,
    route: r.route,
    details: JSON.stringify(r.details),
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

export interface AuditSearch {
  subjectType?: AuditSubjectType;
  subjectId?: string;
  actorUserId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** Occurred at or after. */
  from?: Date;
  /** Occurred before. */
  to?: Date;
  /** Page size, 1 to MAX_SEARCH_LIMIT. */
  limit: number;
  /** Keyset: entries with a seq below this (the previous page's nextBefore). */
  before?: number;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Pass as `before` for the next (older) page; undefined on the last page. */
  nextBefore: number | undefined;
}

/**
 * One page of a tenant's audit trail, newest first (by seq: the order entries were recorded).
 * @param db - the database
 * @param tenantId - the tenant
 * @param search - filters, page size and keyset position
 * @throws RangeError when the limit is out of range
 */
export async function searchAudit(
  db: Kysely<Database>,
  tenantId: string,
  search: AuditSearch,
): Promise<AuditPage> {
  if (!Number.isInteger(search.limit) || search.limit < 1 || search.limit > MAX_SEARCH_LIMIT) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`);
  }
  let query = db.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId);
  if (search.subjectType !== undefined) {
    query = query.where('subject_type', '=', search.subjectType);
  }
  if (search.subjectId !== undefined) {
    query = query.where('subject_id', '=', search.subjectId);
  }
  if (search.actorUserId !== undefined) {
    query = query.where('actor_user_id', '=', search.actorUserId);
  }
  if (search.action !== undefined) {
    query = query.where('action', '=', search.action);
  }
  if (search.outcome !== undefined) {
    query = query.where('outcome', '=', search.outcome);
  }
  if (search.from !== undefined) {
    query = query.where('occurred_at', '>=', search.from);
  }
  if (search.to !== undefined) {
    query = query.where('occurred_at', '<', search.to);
  }
  if (search.before !== undefined) {
    query = query.where('seq', '<', search.before);
  }
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(search.limit + 1)
    .execute();
  const records = rows.slice(0, search.limit).map(auditRowToRecord);
  return {
    records,
    nextBefore: rows.length > search.limit ? records.at(-1)?.seq : undefined,
  };
}

/**
 * Every tenant that has audit entries, in id order: a loose index scan of the primary key, so it costs
 * one index probe per tenant however long the trails are.
 * @param db - the database
 */
export async function listAuditedTenantIds(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ tenant_id: string }>`
    WITH RECURSIVE t AS (
      (SELECT tenant_id FROM audit_event ORDER BY tenant_id LIMIT 1)
      UNION ALL
      SELECT (SELECT a.tenant_id FROM audit_event a WHERE a.tenant_id > t.tenant_id ORDER BY a.tenant_id LIMIT 1)
      FROM t WHERE t.tenant_id IS NOT NULL
    )
    SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL`.execute(db);
  return result.rows.map((r) => r.tenant_id);
}

/**
 * Entries of one tenant's trail in seq order after a given seq: the verifier's batches.
 * @param db - the database
 * @param tenantId - the tenant
 * @param afterSeq - the last seq already read (0 to start)
 * @param limit - batch size
 */
export async function readAuditChain(
  db: Kysely<Database>,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(auditRowToRecord);
}
