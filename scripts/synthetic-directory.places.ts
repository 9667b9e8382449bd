import { readFileSync } from 'node:fs';
import { SECTORS_FILE } from '../src/modules/geo/postcode-reference.service.ts';
import { ENGLISH_AREA_TOWNS } from './synthetic-directory.words.ts';

// Where synthetic services are placed, and the seeded PRNG that places them.

export interface Sector {
  sector: string;
  area: string;
  town: string;
  latitude: number;
  longitude: number;
  postcodes: number;
}

/** A small, fast, seedable PRNG (mulberry32): deterministic across runs and platforms. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * England's postcode sectors with at least 10 postcodes (drops PO-box sectors), from the shipped CSV.
 * @param file - the sector CSV (`sector,lat,lon,postcodes`)
 */
export function readEnglishSectors(file: string = SECTORS_FILE): Sector[] {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return lines.flatMap((line) => {
    const [sector = '', lat = '', lon = '', postcodes = ''] = line.split(',');
    const area = /^[A-Z]+/.exec(sector)?.[0] ?? '';
    const town = ENGLISH_AREA_TOWNS[area];
    const count = Number(postcodes);
    return town === undefined || count < 10
      ? []
      : [{ sector, area, town, latitude: Number(lat), longitude: Number(lon), postcodes: count }];
  });
}
