import { sql, type Kysely } from 'kysely';

// Postcode geography. These three tables are REFERENCE data shared by every tenant (the ONS postcode
// geography is the same for everyone), so, unlike the directory tables, they carry no tenant_id.
// - postcode_district / postcode_sector: centroids shipped with the project (src/modules/geo/data/), loaded
//   at start-up by ensurePostcodeReferenceData (a data step, not part of this schema migration).
// - postcode: full postcodes, filled by `npm run import:postcodes` (ONS NSPL/ONSPD) or the demo seed.
//
// practice: a minimal GP practice record for the demo PCN. The accounts issue will fold it into the
// organisation tree (ICB > PCN > practice); until then it is tenant data like the directory.

const statements = [
  `CREATE TABLE postcode_district (
     district text PRIMARY KEY,
     latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
     longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
     postcodes integer NOT NULL CHECK (postcodes >= 0)
   )`,
  `CREATE TABLE postcode_sector (
     sector text PRIMARY KEY,
     district text NOT NULL,
     latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
     longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
     postcodes integer NOT NULL CHECK (postcodes >= 0)
   )`,
  `CREATE INDEX postcode_sector_district_idx ON postcode_sector (district)`,
  `CREATE TABLE postcode (
     postcode text PRIMARY KEY,
     latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
     longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
     source text NOT NULL,
     imported_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE practice (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL,
     ods_code text NOT NULL,
     name text NOT NULL,
     postcode text NOT NULL,
     latitude double precision,
     longitude double precision,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, id),
     UNIQUE (tenant_id, ods_code)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['practice', 'postcode', 'postcode_sector', 'postcode_district']) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
