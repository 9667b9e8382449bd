import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  countPostcodeReferenceRows,
  lockPostcodeReference,
  replacePostcodeDistricts,
  replacePostcodeSectors,
  type CentroidRow,
} from './geo.repository.ts';

// Loads the shipped ONS district and sector centroids (src/modules/geo/data/, OGL v3; see its README).
// This is a data step run at start-up, not a schema migration (STYLE.md rule 24): the files can be
// refreshed without a new migration, and the next start reloads them.

export const GEO_DATA_DIR = join(import.meta.dirname, 'data');
export const DISTRICTS_FILE = join(GEO_DATA_DIR, 'postcode_districts.csv');
export const SECTORS_FILE = join(GEO_DATA_DIR, 'postcode_sectors.csv');
/** Every live LS (Leeds) postcode: the demo PCN's full-postcode table, and a test fixture. */
export const LEEDS_SAMPLE_FILE = join(GEO_DATA_DIR, 'postcodes_sample_LS.csv');

export interface PostcodeReferenceLoad {
  districts: number;
  sectors: number;
  /** False when the tables already held the same number of rows as the files. */
  loaded: boolean;
}

/** Data rows in a shipped CSV (no quoting, one record a line): cheap enough to run at every start. */
function countDataLines(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length - 1;
}

function parseCentroids(file: string, text: string, codeColumn: 'district' | 'sector'): CentroidRow[] {
  const records = parse<Record<string, string | undefined>>(text, { columns: true, skip_empty_lines: true });
  return records.map((record, index) => {
    const row = {
      code: record[codeColumn] ?? '',
      latitude: Number(record.lat),
      longitude: Number(record.lon),
      postcodes: Number(record.postcodes),
    };
    if (row.code === '' || ![row.latitude, row.longitude, row.postcodes].every(Number.isFinite)) {
      throw new Error(`${file} line ${index + 2} is not a valid ${codeColumn} row`);
    }
    return row;
  });
}

/**
 * Makes sure the postcode district and sector tables hold the shipped data. Set-based (one INSERT per
 * table); skipped when the row counts already match the files. Safe to call from several instances at once.
 * @param db - the database
 */
export async function ensurePostcodeReferenceData(db: Kysely<Database>): Promise<PostcodeReferenceLoad> {
  const [districtText, sectorText] = await Promise.all([
    readFile(DISTRICTS_FILE, 'utf8'),
    readFile(SECTORS_FILE, 'utf8'),
  ]);
  const expected = { districts: countDataLines(districtText), sectors: countDataLines(sectorText) };
  const matches = (counts: { districts: number; sectors: number }): boolean =>
    counts.districts === expected.districts && counts.sectors === expected.sectors;
  if (matches(await countPostcodeReferenceRows(db))) {
    return { ...expected, loaded: false };
  }
  const districts = parseCentroids(DISTRICTS_FILE, districtText, 'district');
  const sectors = parseCentroids(SECTORS_FILE, sectorText, 'sector');
  return db.transaction().execute(async (trx) => {
    await lockPostcodeReference(trx);
    // Another instance may have loaded them while this one waited for the lock.
    if (matches(await countPostcodeReferenceRows(trx))) {
      return { ...expected, loaded: false };
    }
    await replacePostcodeDistricts(trx, districts);
    await replacePostcodeSectors(trx, sectors);
    return { districts: districts.length, sectors: sectors.length, loaded: true };
  });
}
