import { sql, type Kysely } from 'kysely';

// directory_count gets one row per (tenant, entity, slot) instead of one per (tenant, entity), so that two
// import batches written at the same time on two connections do not queue behind each other's counter row
// (a trigger holds the row it updated until its transaction commits). A writer chooses its slot with
// `SET LOCAL signpost.count_slot = k` (src/modules/directory/directory-count.repository.ts); every other
// write counts in slot 0. Readers add the slots up: `n` stays exact and `changes` still only ever grows.

const slot = `coalesce(nullif(current_setting('signpost.count_slot', true), ''), '0')::smallint`;

const upStatements = [
  `ALTER TABLE directory_count ADD COLUMN slot smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 15)`,
  `ALTER TABLE directory_count DROP CONSTRAINT directory_count_pkey`,
  `ALTER TABLE directory_count ADD PRIMARY KEY (tenant_id, entity, slot)`,
  `CREATE OR REPLACE FUNCTION directory_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO directory_count (tenant_id, entity, slot, n, changes)
       SELECT tenant_id, TG_TABLE_NAME, ${slot}, count(*), 1 FROM inserted_rows GROUP BY tenant_id
     ON CONFLICT (tenant_id, entity, slot)
       DO UPDATE SET n = directory_count.n + excluded.n, changes = directory_count.changes + 1;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION directory_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO directory_count (tenant_id, entity, slot, n, changes)
       SELECT tenant_id, TG_TABLE_NAME, ${slot}, -count(*), 1 FROM deleted_rows GROUP BY tenant_id
     ON CONFLICT (tenant_id, entity, slot)
       DO UPDATE SET n = directory_count.n + excluded.n, changes = directory_count.changes + 1;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION directory_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO directory_count (tenant_id, entity, slot, n, changes)
       SELECT DISTINCT tenant_id, TG_TABLE_NAME, ${slot}, 0, 1 FROM updated_rows
     ON CONFLICT (tenant_id, entity, slot) DO UPDATE SET changes = directory_count.changes + 1;
     RETURN NULL;
   END $$`,
];

const downStatements = [
  `INSERT INTO directory_count (tenant_id, entity, slot, n, changes)
     SELECT tenant_id, entity, 0, sum(n), sum(changes) FROM directory_count WHERE slot <> 0
     GROUP BY tenant_id, entity
   ON CONFLICT (tenant_id, entity, slot)
     DO UPDATE SET n = directory_count.n + excluded.n, changes = directory_count.changes + excluded.changes`,
  `DELETE FROM directory_count WHERE slot <> 0`,
  `ALTER TABLE directory_count DROP CONSTRAINT directory_count_pkey`,
  `ALTER TABLE directory_count DROP COLUMN slot`,
  `ALTER TABLE directory_count ADD PRIMARY KEY (tenant_id, entity)`,
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
  `CREATE OR REPLACE FUNCTION directory_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE directory_count c SET changes = c.changes + 1
       FROM (SELECT DISTINCT tenant_id FROM updated_rows) u
       WHERE c.tenant_id = u.tenant_id AND c.entity = TG_TABLE_NAME;
     RETURN NULL;
   END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) {
    await sql.raw(statement).execute(db);
  }
}
