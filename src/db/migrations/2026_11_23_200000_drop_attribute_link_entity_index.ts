import { sql, type Kysely } from 'kysely';

// attribute had two indexes on the entity an attribute describes: attribute_link_idx
// (tenant_id, link_entity, link_id) and attribute_link_id_idx (tenant_id, link_id). Every query that uses
// the first also gives link_id (a UUID, so one entity's attributes), which the second finds as fast, with
// link_entity checked on the few rows it returns. Dropping the first saves one index entry per attribute
// written: an ORUK import writes four to six attributes per service (issue #2).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS attribute_link_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS attribute_link_idx ON attribute (tenant_id, link_entity, link_id)`.execute(
    db,
  );
}
