import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { LEEDS_SAMPLE_FILE } from '../modules/geo/postcode-reference.service.ts';
import { hashString } from './demo-random.ts';
import type { DemoVenue } from './demo.types.ts';

// Real postcodes for invented venues: each venue gets a live postcode from its sector in the ONS Leeds
// sample (src/modules/geo/data/postcodes_sample_LS.csv), chosen by a hash of its key, so it never moves.

export interface PostcodePoint {
  postcode: string;
  latitude: number;
  longitude: number;
}

export interface VenuePostcodes {
  forVenue: (venue: DemoVenue) => PostcodePoint;
}

/**
 * Reads the Leeds postcode sample and returns a stable postcode chooser for venues.
 * @param file - the sample CSV (postcode,lat,lon)
 */
export async function loadVenuePostcodes(file = LEEDS_SAMPLE_FILE): Promise<VenuePostcodes> {
  const rows = parse<{ postcode: string; lat: string; lon: string }>(await readFile(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  const bySector = new Map<string, PostcodePoint[]>();
  for (const row of rows) {
    const sector = row.postcode.slice(0, -2);
    const list = bySector.get(sector) ?? [];
    list.push({ postcode: row.postcode, latitude: Number(row.lat), longitude: Number(row.lon) });
    bySector.set(sector, list);
  }
  return {
    forVenue: (venue) => {
      const list = bySector.get(venue.sector) ?? [];
      const point = list.at(hashString(venue.key) % Math.max(list.length, 1));
      if (point === undefined) {
        throw new Error(`No postcode in ${file} for sector ${venue.sector} (venue ${venue.key})`);
      }
      return point;
    },
  };
}
