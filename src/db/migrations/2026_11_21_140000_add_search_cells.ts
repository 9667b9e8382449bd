import { sql, type Kysely } from 'kysely';

// Directory search documents gain one grid-cell word per located service (see
// src/modules/directory/search/search-cells.ts). New and refreshed rows get it from refreshServiceSearch;
// this adds it to rows written before. The cell size (0.1° by 0.15°) and the word format must match
// search-cells.ts; this file keeps its own copy because migrations never import app code.

const cell = `'geo'
  || (CASE WHEN floor(latitude / 0.1::float8) < 0 THEN 'm' || (-floor(latitude / 0.1::float8))::bigint
      ELSE floor(latitude / 0.1::float8)::bigint::text END)
  || '_'
  || (CASE WHEN floor(longitude / 0.15::float8) < 0 THEN 'm' || (-floor(longitude / 0.15::float8))::bigint
      ELSE floor(longitude / 0.15::float8)::bigint::text END)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `UPDATE service_search SET document = document || array_to_tsvector(ARRAY[${cell}])
       WHERE latitude IS NOT NULL AND longitude IS NOT NULL`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `UPDATE service_search SET document = ts_delete(document, ${cell})
       WHERE latitude IS NOT NULL AND longitude IS NOT NULL`,
    )
    .execute(db);
}
