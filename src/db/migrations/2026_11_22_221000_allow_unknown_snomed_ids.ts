import { sql, type Kysely } from 'kysely';

// DOMAIN.md 3.4 lists SNOMED CT events whose terms are confirmed but whose concept IDs are not (the PCSP
// events). The code table must hold them switched off without inventing an ID, so concept_id may be
// empty, but only while the row is neither confirmed nor enabled: a code that can be written to a GP
// record always has an ID.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE snomed_code ALTER COLUMN concept_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE snomed_code ADD CONSTRAINT snomed_code_usable_has_id
    CHECK (concept_id IS NOT NULL OR (NOT confirmed AND NOT enabled))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE snomed_code DROP CONSTRAINT snomed_code_usable_has_id`.execute(db);
  await sql`DELETE FROM snomed_code WHERE concept_id IS NULL`.execute(db);
  await sql`ALTER TABLE snomed_code ALTER COLUMN concept_id SET NOT NULL`.execute(db);
}
