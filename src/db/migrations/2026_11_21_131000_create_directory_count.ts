import { sql, type Kysely } from 'kysely';

// Row counts per tenant, kept exact by statement-level triggers, so an unfiltered ORUK list
// (`/oruk/services`, `/oruk/service_at_locations`) reads its `total_items` in one index lookup instead of
// counting 200,000 rows on every page request. The triggers see only rows really inserted or deleted
// (transition tables), so an import's INSERT ... ON CONFLICT DO UPDATE of existing rows changes nothing,
// and rows removed by ON DELETE CASCADE are counted because the cascade is a statement of its own.
// (2026_11_21_132000 adds a `changes` counter.)

const COUNTED = ['service', 'service_at_location'] as const;

const statements = [
  `CREATE TABLE directory_count (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     entity text NOT NULL,
     n bigint NOT NULL,
     PRIMARY KEY (tenant_id, entity)
   )`,
  `CREATE FUNCTION directory_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO directory_count (tenant_id, entity, n)
       SELECT tenant_id, TG_TABLE_NAME, count(*) FROM inserted_rows GROUP BY tenant_id
     ON CONFLICT (tenant_id, entity) DO UPDATE SET n = directory_count.n + excluded.n;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION directory_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE directory_count c SET n = c.n - d.n
       FROM (SELECT tenant_id, count(*) AS n FROM deleted_rows GROUP BY tenant_id) d
       WHERE c.tenant_id = d.tenant_id AND c.entity = TG_TABLE_NAME;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION directory_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     DELETE FROM directory_count WHERE entity = TG_TABLE_NAME;
     RETURN NULL;
   END $$`,
  ...COUNTED.flatMap((table) => [
    `CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table}
       REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_count_inserted()`,
    `CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table}
       REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_count_deleted()`,
    `CREATE TRIGGER ${table}_count_truncate AFTER TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION directory_count_truncated()`,
    `INSERT INTO directory_count (tenant_id, entity, n)
       SELECT tenant_id, '${table}', count(*) FROM ${table} GROUP BY tenant_id`,
  ]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of COUNTED) {
    for (const event of ['insert', 'delete', 'truncate']) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_count_${event} ON ${table}`).execute(db);
    }
  }
  for (const fn of ['inserted', 'deleted', 'truncated']) {
    await sql.raw(`DROP FUNCTION IF EXISTS directory_count_${fn}()`).execute(db);
  }
  await sql.raw('DROP TABLE IF EXISTS directory_count').execute(db);
}
