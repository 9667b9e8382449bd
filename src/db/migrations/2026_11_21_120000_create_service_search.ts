import { sql, type Kysely } from 'kysely';

// Directory search: a denormalised row per service (service_search), kept current by
// refreshServiceSearch in src/modules/directory/search/search.repository.ts, and a lexicon of the
// distinct words in the directory for typo tolerance (trigram similarity on surface words, not stems).
// pg_trgm and unaccent were created by the directory migration.

const statements = [
  `CREATE TABLE service_search (
     tenant_id uuid NOT NULL,
     service_id uuid NOT NULL,
     name text NOT NULL,
     status text NOT NULL,
     document tsvector NOT NULL,
     latitude double precision,
     longitude double precision,
     postcode text,
     locality text,
     needs text[] NOT NULL DEFAULT '{}',
     delivery_modes text[] NOT NULL DEFAULT '{}',
     taxonomy_term_ids uuid[] NOT NULL DEFAULT '{}',
     capacity_status text NOT NULL,
     capacity_updated_at timestamptz,
     capacity_wait_weeks integer,
     minimum_age numeric,
     maximum_age numeric,
     free boolean NOT NULL,
     assured_date date,
     refreshed_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, service_id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX service_search_document_idx ON service_search USING gin (document)`,
  `CREATE INDEX service_search_needs_idx ON service_search USING gin (needs)`,
  `CREATE INDEX service_search_taxonomy_idx ON service_search USING gin (taxonomy_term_ids)`,
  `CREATE INDEX service_search_geo_idx ON service_search (tenant_id, latitude, longitude)`,
  `CREATE TABLE search_lexicon (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     word text NOT NULL,
     lexeme text NOT NULL,
     PRIMARY KEY (tenant_id, word)
   )`,
  `CREATE INDEX search_lexicon_lexeme_idx ON search_lexicon (tenant_id, lexeme)`,
  `CREATE INDEX search_lexicon_word_trgm_idx ON search_lexicon USING gin (word gin_trgm_ops)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS search_lexicon').execute(db);
  await sql.raw('DROP TABLE IF EXISTS service_search').execute(db);
}
