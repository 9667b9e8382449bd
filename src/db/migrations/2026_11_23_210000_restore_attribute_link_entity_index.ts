import { sql, type Kysely } from 'kysely';

// Puts back attribute_link_idx (tenant_id, link_entity, link_id), dropped by 2026_11_23_200000 (issue #2).
// Without it, a large re-import got slower: while the planner's statistics still describe the small tables
// of the import's first batches, it chose to delete stale attributes by scanning every attribute of the
// tenant through attribute_term_idx instead of looking each entity up. The saving on first imports
// (one index entry fewer per attribute) was smaller than that loss.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS attribute_link_idx ON attribute (tenant_id, link_entity, link_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS attribute_link_idx`.execute(db);
}
