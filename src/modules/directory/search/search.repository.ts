import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { NEEDS } from '../vocabulary.ts';
import { CELL_LATITUDE_DEGREES, CELL_LONGITUDE_DEGREES } from './search-cells.ts';
import type { WordLookup } from './search-text.ts';

// The search index: `service_search` (one denormalised row per service) and `search_lexicon` (the
// distinct words of service names, organisation names, need labels and keywords and taxonomy term names:
// the words people search with, for spelling correction; description words still match, stemmed, but are
// not corrected, which keeps the refresh cheap). Both are derived data: refreshServiceSearch rebuilds the
// rows of the services it is given from the directory tables, so callers never write them.

// A need's searchable text: its label and the words people use for it, so "lonely" finds services
// tagged with the need `loneliness` even when their own text never says "lonely".
const needCodes = NEEDS.map((need) => need.code);
const needTexts = NEEDS.map((need) => `${need.label} ${need.keywords.join(' ')}`);

// A service is free when no cost option has a positive amount and `fees` is empty or says it is free.
// Feeds only list costs that exist, so a service with no cost information at all counts as free.
const FREE_FEES_PATTERN = '^\\s*(free|none|nil|no charge|no cost|£?\\s*0+(\\.0+)?)(\\W|$)';

/** Text without accents, as `unaccent` gives it; plain ASCII (most text) skips the dictionary. */
const plain = (text: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`(CASE WHEN octet_length(${text}) = char_length(${text}) THEN ${text} ELSE unaccent(${text}) END)`;

const cellPart = (n: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`(CASE WHEN ${n} < 0 THEN 'm' || (-${n})::bigint ELSE ${n}::bigint::text END)`;

/** The grid-cell word of a location (see search-cells.ts `cellWord`: the same arithmetic), or nothing. */
const cellLexeme = (
  latitude: RawBuilder<unknown>,
  longitude: RawBuilder<unknown>,
): RawBuilder<unknown> => sql`
  (CASE WHEN ${latitude} IS NULL OR ${longitude} IS NULL THEN ''::tsvector
   ELSE array_to_tsvector(ARRAY['geo'
     || ${cellPart(sql`floor(${latitude} / ${CELL_LATITUDE_DEGREES}::float8)`)} || '_'
     || ${cellPart(sql`floor(${longitude} / ${CELL_LONGITUDE_DEGREES}::float8)`)}]) END)`;

/** The batch size rebuildServiceSearch works in; import batches are the same order of size. */
export const REFRESH_BATCH_SIZE = 1000;

/**
 * Rebuilds the search rows of these services from the directory tables in one set-based statement and
 * adds any new words to the lexicon. Rows of services that no longer exist are already gone: service_search
 * references service ON DELETE CASCADE, so deleting a service deletes its row in the same transaction.
 * Call it inside the transaction that changed the services (the import does, after each batch).
 * @param db - the database or the current transaction
 * @param tenantId - the tenant that owns the services
 * @param serviceIds - the services that changed (duplicates are fine)
 */
export async function refreshServiceSearch(
  db: Kysely<Database>,
  tenantId: string,
  serviceIds: readonly string[],
): Promise<void> {
  if (serviceIds.length === 0) {
    return;
  }
  await refreshStatement(tenantId, serviceIds).execute(db);
}

/** The refresh statement (separate so that it can be explained). */
export function refreshStatement(tenantId: string, serviceIds: readonly string[]): RawBuilder<unknown> {
  // In id order, like the directory upserts, and the new words below in word order: two batches written at
  // the same time lock shared rows in the same order, so they wait for each other and never deadlock.
  const ids = [...new Set(serviceIds.map((id) => id.toLowerCase()))].sort();
  return sql`
    WITH vocab AS MATERIALIZED (
      SELECT code, terms FROM unnest(${needCodes}::text[], ${needTexts}::text[]) AS v(code, terms)
    ),
    src AS MATERIALIZED (
      SELECT s.id, s.name, s.status,
        ${plain(sql`s.name`)} AS text_a,
        concat_ws(' ', (SELECT string_agg(v.terms, ' ') FROM vocab v WHERE v.code = ANY (s.needs)),
          ${plain(sql`names.names`)}) AS text_b,
        ${plain(sql`s.description`)} AS description,
        ${plain(sql`org.name`)} AS organization_name,
        coalesce(terms.ids, '{}') AS term_ids,
        loc.latitude, loc.longitude, loc.postal_code, loc.city,
        s.needs, s.delivery_modes, s.capacity_status, s.capacity_updated_at, s.capacity_wait_weeks,
        s.minimum_age, s.maximum_age, s.assured_date,
        (NOT EXISTS (
           SELECT 1 FROM cost_option c
           WHERE c.tenant_id = s.tenant_id AND c.service_id = s.id AND c.amount > 0)
         AND (s.fees IS NULL OR btrim(s.fees) = '' OR s.fees ~* ${FREE_FEES_PATTERN})) AS free
      FROM unnest(${ids}::uuid[]) AS u(id)
      -- A LATERAL with LIMIT stays a primary-key lookup per id, even before the planner has statistics.
      CROSS JOIN LATERAL (
        SELECT * FROM service WHERE service.tenant_id = ${tenantId} AND service.id = u.id LIMIT 1
      ) s
      LEFT JOIN LATERAL (
        SELECT o.name FROM organization o WHERE o.tenant_id = s.tenant_id AND o.id = s.organization_id
      ) org ON true
      LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT a.taxonomy_term_id) AS ids
        FROM attribute a
        WHERE a.tenant_id = s.tenant_id AND a.link_entity = 'service' AND a.link_id = s.id
      ) terms ON true
      LEFT JOIN LATERAL (
        -- One look-up of the service's distinct terms, not one per attribute.
        SELECT string_agg(DISTINCT tt.name, ' ') AS names
        FROM taxonomy_term tt WHERE tt.tenant_id = s.tenant_id AND tt.id = ANY (terms.ids)
      ) names ON true
      LEFT JOIN LATERAL (
        SELECT l.latitude, l.longitude, ad.postal_code, ad.city
        FROM service_at_location sal
        JOIN location l ON l.tenant_id = sal.tenant_id AND l.id = sal.location_id
        LEFT JOIN LATERAL (
          SELECT a.postal_code, a.city FROM address a
          WHERE a.tenant_id = l.tenant_id AND a.location_id = l.id
          ORDER BY (a.address_type = 'physical') DESC, a.id
          LIMIT 1
        ) ad ON true
        WHERE sal.tenant_id = s.tenant_id AND sal.service_id = s.id
        ORDER BY (l.location_type = 'physical') DESC,
          (l.latitude IS NOT NULL AND l.longitude IS NOT NULL) DESC, sal.id
        LIMIT 1
      ) loc ON true
    ),
    -- Need keywords and term names repeat across services: each distinct text is parsed and stemmed once.
    text_b AS MATERIALIZED (
      SELECT d.text_b, setweight(to_tsvector('english', d.text_b), 'B') AS vector
      FROM (SELECT DISTINCT text_b FROM src) d
    ),
    upserted AS (
      INSERT INTO service_search (
        tenant_id, service_id, name, status, document, latitude, longitude, postcode, locality,
        needs, delivery_modes, taxonomy_term_ids, capacity_status, capacity_updated_at,
        capacity_wait_weeks, minimum_age, maximum_age, free, assured_date, refreshed_at)
      SELECT ${tenantId}, src.id, src.name, src.status,
        setweight(to_tsvector('english', src.text_a), 'A')
          || b.vector
          || setweight(to_tsvector('english', concat_ws(' ', src.description, src.organization_name)), 'C')
          || ${cellLexeme(sql`src.latitude`, sql`src.longitude`)},
        src.latitude, src.longitude, src.postal_code, src.city,
        src.needs, src.delivery_modes, src.term_ids, src.capacity_status, src.capacity_updated_at,
        src.capacity_wait_weeks, src.minimum_age, src.maximum_age, src.free, src.assured_date, now()
      FROM src JOIN text_b b ON b.text_b = src.text_b
      ON CONFLICT (tenant_id, service_id) DO UPDATE SET
        name = excluded.name, status = excluded.status, document = excluded.document,
        latitude = excluded.latitude, longitude = excluded.longitude, postcode = excluded.postcode,
        locality = excluded.locality, needs = excluded.needs, delivery_modes = excluded.delivery_modes,
        taxonomy_term_ids = excluded.taxonomy_term_ids, capacity_status = excluded.capacity_status,
        capacity_updated_at = excluded.capacity_updated_at,
        capacity_wait_weeks = excluded.capacity_wait_weeks, minimum_age = excluded.minimum_age,
        maximum_age = excluded.maximum_age, free = excluded.free, assured_date = excluded.assured_date,
        refreshed_at = excluded.refreshed_at
    ),
    words AS MATERIALIZED (
      -- One split over the batch's distinct texts (need keywords repeat) is far cheaper than one per row.
      SELECT DISTINCT word
      FROM (
        SELECT string_agg(DISTINCT t, ' ') AS t
        FROM (SELECT text_a AS t FROM src UNION ALL SELECT text_b FROM src
              UNION ALL SELECT organization_name FROM src) u
      ) x, regexp_split_to_table(lower(x.t), '[^a-z0-9]+') AS word
      WHERE length(word) BETWEEN 2 AND 40 AND word !~ '^[0-9]+$'
    )
    INSERT INTO search_lexicon (tenant_id, word, lexeme)
    SELECT ${tenantId}, word, lexeme
    FROM (
      SELECT w.word, (ts_lexize('english_stem', w.word))[1] AS lexeme FROM words w
      WHERE NOT EXISTS (SELECT 1 FROM search_lexicon l WHERE l.tenant_id = ${tenantId} AND l.word = w.word)
    ) w
    WHERE lexeme IS NOT NULL
    ORDER BY word
    ON CONFLICT DO NOTHING
  `;
}

/**
 * Rebuilds the whole index of a tenant: every service's row, and the lexicon from scratch (which drops
 * words whose services have gone). Run it after a bulk change made outside refreshServiceSearch.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @returns the number of services indexed
 */
export async function rebuildServiceSearch(db: Kysely<Database>, tenantId: string): Promise<number> {
  await db.deleteFrom('search_lexicon').where('tenant_id', '=', tenantId).execute();
  await sql`
    DELETE FROM service_search ss WHERE ss.tenant_id = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM service s WHERE s.tenant_id = ss.tenant_id AND s.id = ss.service_id)
  `.execute(db);
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const rows = await db
      .selectFrom('service')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(REFRESH_BATCH_SIZE)
      .execute();
    const last = rows.at(-1);
    if (last === undefined) {
      return total;
    }
    await refreshServiceSearch(
      db,
      tenantId,
      rows.map((row) => row.id),
    );
    total += rows.length;
    after = last.id;
  }
}

/**
 * Looks the words of a query up: whether each is a stop word, in how many services it appears (up to
 * `rareBelow`), and, for rare or unknown words, the lexicon words with another stem that look like it.
 * @param db - the database
 * @param tenantId - the tenant
 * @param words - lower-case query words (see tokenizeSearchText)
 * @param options - `rareBelow`: count documents up to this; `candidates`: corrections to return per word
 */
export async function lookUpSearchWords(
  db: Kysely<Database>,
  tenantId: string,
  words: readonly string[],
  options: { rareBelow: number; candidates: number },
): Promise<WordLookup[]> {
  if (words.length === 0) {
    return [];
  }
  const { rows } = await lookUpStatement(tenantId, words, options).execute(db);
  const lookups = new Map<string, WordLookup>();
  for (const row of rows) {
    let lookup = lookups.get(row.word);
    if (lookup === undefined) {
      lookup = { word: row.word, documents: row.documents, stopWord: row.stop_word, candidates: [] };
      lookups.set(row.word, lookup);
    }
    if (row.candidate !== null && row.similarity !== null) {
      lookup.candidates.push({ word: row.candidate, similarity: row.similarity });
    }
  }
  return [...lookups.values()];
}

/** The lexicon lookup statement (separate so that it can be explained). */
export function lookUpStatement(
  tenantId: string,
  words: readonly string[],
  options: { rareBelow: number; candidates: number },
): RawBuilder<{
  word: string;
  stop_word: boolean;
  documents: number;
  candidate: string | null;
  similarity: number | null;
}> {
  // One row per word. Each word's document count is its own subquery on a bound parameter, so the planner
  // sees the actual word: a common one is counted by a sequential scan that stops at the limit, a rare one
  // through the GIN index, and neither reads a whole posting list.
  const rows = words.map(
    (word, i) => sql`(${i}::int, ${word}::text, (
      SELECT count(*)::int FROM (
        SELECT 1 FROM service_search ss
        WHERE ss.tenant_id = ${tenantId} AND ss.document @@ plainto_tsquery('english', ${word})
        LIMIT ${options.rareBelow}) d))`,
  );
  return sql<{
    word: string;
    stop_word: boolean;
    documents: number;
    candidate: string | null;
    similarity: number | null;
  }>`
    WITH k AS MATERIALIZED (
      SELECT w.ord, w.word, w.documents, (ts_lexize('english_stem', w.word))[1] AS stem,
        coalesce(cardinality(ts_lexize('english_stem', w.word)), 0) = 0 AS stop_word
      FROM (VALUES ${sql.join(rows)}) AS w(ord, word, documents)
    )
    SELECT k.word, k.stop_word, k.documents, c.word AS candidate, c.similarity
    FROM k
    LEFT JOIN LATERAL (
      SELECT l.word, similarity(l.word, k.word) AS similarity
      FROM search_lexicon l
      WHERE k.documents < ${options.rareBelow} AND NOT k.stop_word
        AND l.tenant_id = ${tenantId} AND l.word % k.word AND l.lexeme <> k.stem
      ORDER BY similarity(l.word, k.word) DESC, l.word
      LIMIT ${options.candidates}
    ) c ON true
    ORDER BY k.ord, c.similarity DESC NULLS LAST
  `;
}
