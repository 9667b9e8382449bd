import { sql, type Kysely } from 'kysely';

// directory_count.changes moves on every statement that really inserts, updates or deletes a counted row,
// so the ORUK API can tell when the page boundaries it keeps for the unfiltered service list
// (src/modules/directory/oruk/oruk-list-pages.ts) are stale. An import's ON CONFLICT DO UPDATE ... WHERE
// changed that changes nothing updates no row, so it does not move it.

const COUNTED = ['service', 'service_at_location'] as const;

const statements = [
  `ALTER TABLE directory_count ADD COLUMN changes bigint NOT NULL DEFAULT 0`,
  `CREATE OR REPLACE FUNCTION directory_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO directory_count (tenant_id, entity, n, changes)
       SELECT tenant_id, TG_TABLE_NAME, count(*), 1 FROM inserted_rows GROUP BY tenant_id
     ON CONFLICT (tenant_id, entity)
       DO UPDATE SET n = directory_count.n + excluded.n, changes = directory_count.changes + 1;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION directory_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE directory_count c SET n = c.n - d.n, changes = c.changes + 1
       FROM (SELECT tenant_id, count(*) AS n FROM deleted_rows GROUP BY tenant_id) d
       WHERE c.tenant_id = d.tenant_id AND c.entity = TG_TABLE_NAME;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION directory_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE directory_count c SET changes = c.changes + 1
       FROM (SELECT DISTINCT tenant_id FROM updated_rows) u
       WHERE c.tenant_id = u.tenant_id AND c.entity = TG_TABLE_NAME;
     RETURN NULL;
   END $$`,
  ...COUNTED.map(
    (table) => `CREATE TRIGGER ${table}_count_update AFTER UPDATE ON ${table}
       REFERENCING NEW TABLE AS updated_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_count_updated()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of COUNTED) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_count_update ON ${table}`).execute(db);
  }
  await sql.raw('DROP FUNCTION IF EXISTS directory_count_updated()').execute(db);
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION directory_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO directory_count (tenant_id, entity, n)
           SELECT tenant_id, TG_TABLE_NAME, count(*) FROM inserted_rows GROUP BY tenant_id
         ON CONFLICT (tenant_id, entity) DO UPDATE SET n = directory_count.n + excluded.n;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION directory_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE directory_count c SET n = c.n - d.n
           FROM (SELECT tenant_id, count(*) AS n FROM deleted_rows GROUP BY tenant_id) d
           WHERE c.tenant_id = d.tenant_id AND c.entity = TG_TABLE_NAME;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql.raw('ALTER TABLE directory_count DROP COLUMN changes').execute(db);
}
