import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

// Set-based writes for the directory tables. A whole batch of rows travels as ONE json parameter and
// is expanded with json_to_recordset, so there is no 65,535-parameter ceiling and one round trip per
// table. Updates only happen when a column really differs (IS DISTINCT FROM), which makes re-imports
// free: no new row versions, no updated_at change. Table and column names come from the constant specs
// below, never from input.

export type SqlType =
  'uuid' | 'text' | 'text[]' | 'numeric' | 'integer' | 'double precision' | 'date' | 'timestamptz';

export type DirectoryTable = Exclude<keyof Database, 'tenant'>;
export type WritableColumn<T extends DirectoryTable> = Exclude<
  keyof Database[T] & string,
  'tenant_id' | 'created_at' | 'updated_at'
>;
export type WritableRow<T extends DirectoryTable> = Omit<
  Insertable<Database[T]>,
  'tenant_id' | 'created_at' | 'updated_at'
>;

export interface TableSpec<T extends DirectoryTable> {
  table: T;
  columns: Record<WritableColumn<T>, SqlType>;
  /** Set `updated_at = now()` when a row really changes. */
  touchesUpdatedAt?: boolean;
}

export interface UpsertOptions<T extends DirectoryTable> {
  /** Write only these columns (default: every column of the spec); others keep their stored value. */
  columns?: readonly WritableColumn<T>[];
  /** The column returned for each inserted or changed row (default `id`). */
  returning?: WritableColumn<T>;
}

function ident(name: string): RawBuilder<unknown> {
  return sql.id(name);
}

/**
 * The rows sorted by id: every upsert locks the rows it meets in this order, so two transactions writing
 * overlapping rows at the same time wait for each other instead of deadlocking.
 */
function inIdOrder<R extends { id?: unknown }>(rows: readonly R[]): R[] {
  // Each key computed once, not once per comparison (a batch sorts thousands of rows).
  const keyed = rows.map((row) => ({ key: typeof row.id === 'string' ? row.id.toLowerCase() : '', row }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

/** One row an upsert inserted or changed. */
export interface UpsertedRow {
  id: string;
  /** The `returning` column (the id unless another column was asked for). */
  ret: string | null;
  /** True when the row is new; false when an existing row changed. */
  inserted: boolean;
}

/**
 * Inserts or updates rows by (tenant_id, id); a row identical to the stored one is left untouched.
 * @param db - a transaction (or the database)
 * @param spec - the table and its column types
 * @param tenantId - every row is written under this tenant
 * @param rows - the rows (ids must be unique within the call)
 * @param options - column subset and returned column
 * @returns every row inserted or changed (rows already stored exactly as sent are absent)
 */
export async function upsertRows<T extends DirectoryTable>(
  db: Kysely<Database>,
  spec: TableSpec<T>,
  tenantId: string,
  rows: readonly WritableRow<T>[],
  options: UpsertOptions<T> = {},
): Promise<UpsertedRow[]> {
  if (rows.length === 0) {
    return [];
  }
  const columns = options.columns ?? (Object.keys(spec.columns) as WritableColumn<T>[]);
  const updatable = columns.filter((c) => c !== 'id');
  const recordDef = sql.join(columns.map((c) => sql`${ident(c)} ${sql.raw(spec.columns[c])}`));
  const targetCols = sql.join([ident('tenant_id'), ...columns.map(ident)]);
  const selectCols = sql.join(columns.map((c) => sql`r.${ident(c)}`));
  const sets = updatable.map((c) => sql`${ident(c)} = excluded.${ident(c)}`);
  if (spec.touchesUpdatedAt === true) {
    sets.push(sql`updated_at = now()`);
  }
  const stored = sql.join(updatable.map((c) => sql`t.${ident(c)}`));
  const incoming = sql.join(updatable.map((c) => sql`excluded.${ident(c)}`));
  const returning = ident(options.returning ?? 'id');
  // xmax is 0 only on a row version this statement inserted; the DO UPDATE branch sets it to our
  // transaction id. Callers use it to skip looking for stale children of rows that did not exist.
  const result = await sql<UpsertedRow>`
    INSERT INTO ${ident(spec.table)} AS t (${targetCols})
    SELECT ${tenantId}::uuid, ${selectCols}
    FROM json_to_recordset(${JSON.stringify(inIdOrder(rows))}::json) AS r(${recordDef})
    ON CONFLICT (tenant_id, id) DO UPDATE SET ${sql.join(sets)}
    WHERE (${stored}) IS DISTINCT FROM (${incoming})
    RETURNING t.id::text AS id, t.${returning}::text AS ret, (t.xmax = 0) AS inserted`.execute(db);
  return result.rows;
}

/**
 * Deletes the rows of the given parents that are not in `keepIds` (children replaced wholesale).
 * @param db - a transaction
 * @param target - the table and the column that points at the parent
 * @param tenantId - the tenant
 * @param parentIds - parents whose children were re-sent
 * @param keepIds - ids of the children that were sent (and so stay)
 * @returns the parent id of every deleted row
 */
export async function deleteStaleRows(
  db: Kysely<Database>,
  target: { table: DirectoryTable; parentColumn: string },
  tenantId: string,
  parentIds: readonly string[],
  keepIds: readonly string[],
): Promise<string[]> {
  if (parentIds.length === 0) {
    return [];
  }
  const parent = ident(target.parentColumn);
  const result = await sql<{ parent: string }>`
    DELETE FROM ${ident(target.table)}
    WHERE tenant_id = ${tenantId}::uuid
      AND ${parent} = ANY(${parentIds}::uuid[])
      AND id <> ALL(${keepIds}::uuid[])
    RETURNING ${parent}::text AS parent`.execute(db);
  return result.rows.map((r) => r.parent);
}

/**
 * Deletes the attributes of the given linked entities that are not in `keepIds`.
 * @param db - a transaction
 * @param tenantId - the tenant
 * @param links - the entities whose attributes were re-sent
 * @param keepIds - ids of the attributes that were sent
 * @returns the link_id of every deleted attribute
 */
export async function deleteStaleAttributes(
  db: Kysely<Database>,
  tenantId: string,
  links: readonly { entity: string; id: string }[],
  keepIds: readonly string[],
): Promise<string[]> {
  if (links.length === 0) {
    return [];
  }
  // Filter on link_id = ANY (index attribute_link_idx) and then on the exact entity:id pair; a join
  // against unnest() lets the planner pick a nested loop over a sequential scan on a growing table.
  const result = await sql<{ link_id: string }>`
    DELETE FROM attribute
    WHERE tenant_id = ${tenantId}::uuid
      AND link_entity = ANY(${[...new Set(links.map((l) => l.entity))]}::text[])
      AND link_id = ANY(${links.map((l) => l.id)}::uuid[])
      AND (link_entity || ':' || link_id::text) = ANY(${links.map((l) => `${l.entity}:${l.id}`)}::text[])
      AND id <> ALL(${keepIds}::uuid[])
    RETURNING link_id::text AS link_id`.execute(db);
  return result.rows.map((r) => r.link_id);
}

/**
 * Which of these ids exist in a table for this tenant.
 * @param db - the database or a transaction
 * @param table - a directory table
 * @param tenantId - the tenant
 * @param ids - candidate ids
 */
export async function findExistingIds(
  db: Kysely<Database>,
  table: DirectoryTable,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const result = await sql<{ id: string }>`
    SELECT id::text AS id FROM ${ident(table)}
    WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

/**
 * Lets this transaction's COMMIT return before its WAL is flushed to disk (`synchronous_commit = off`
 * for this transaction only). A crash in the next fraction of a second can lose a batch that was
 * reported stored, but never leaves one half-written; an import can simply be run again. Saves the
 * flush wait (several milliseconds per batch) that would otherwise hold up the next batch.
 * @param trx - the batch's transaction
 */
export async function commitWithoutWaitingForFlush(trx: Transaction<Database>): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}

/**
 * Counts this transaction's inserted, updated and deleted services and service_at_locations in its own
 * `directory_count` row, so that transactions writing at the same time in different slots never wait for
 * each other's counter row (see the slot_directory_count migration).
 * @param trx - a transaction
 * @param slot - 0 to 15; writers that run at the same time each take a different one
 */
export async function countInSlot(trx: Transaction<Database>, slot: number): Promise<void> {
  await sql`SELECT set_config('signpost.count_slot', ${String(slot)}, true)`.execute(trx);
}
