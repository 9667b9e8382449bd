import type { BoundingBox } from '../../geo/geo.service.ts';

// Grid cells as words. Each located service's search document also holds one "word" naming the grid cell
// it is in (0.1° of latitude by 0.15° of longitude: about 11 km by 10 km in England). A text search with a
// radius then asks the GIN index for "these words AND any of the cells around the postcode", and the index
// intersects the text with a few small cell lists instead of two long word lists with a large box: common
// words in a dense city stay fast. The cells only narrow the candidates; the exact distance still decides.

export const CELL_LATITUDE_DEGREES = 0.1;
export const CELL_LONGITUDE_DEGREES = 0.15;
/** A search whose box spans more cells than this does without them (the box index is then better). */
export const MAX_SEARCH_CELLS = 64;

const part = (n: number): string => (n < 0 ? `m${-n}` : String(n));

/**
 * The cell word of a point. The SQL in search.repository.ts computes the same word with the same
 * floating-point division, so both sides always agree.
 * @param latitude - degrees
 * @param longitude - degrees
 */
export function cellWord(latitude: number, longitude: number): string {
  const row = Math.floor(latitude / CELL_LATITUDE_DEGREES);
  const column = Math.floor(longitude / CELL_LONGITUDE_DEGREES);
  return `geo${part(row)}_${part(column)}`;
}

/**
 * The cell words covering a bounding box, or null when there would be more than MAX_SEARCH_CELLS.
 * @param box - the search box
 */
export function cellWordsCovering(box: BoundingBox): string[] | null {
  const rows = [
    Math.floor(box.minLatitude / CELL_LATITUDE_DEGREES),
    Math.floor(box.maxLatitude / CELL_LATITUDE_DEGREES),
  ];
  const columns = [
    Math.floor(box.minLongitude / CELL_LONGITUDE_DEGREES),
    Math.floor(box.maxLongitude / CELL_LONGITUDE_DEGREES),
  ];
  const [r0 = 0, r1 = 0] = rows;
  const [c0 = 0, c1 = 0] = columns;
  if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_SEARCH_CELLS) {
    return null;
  }
  const words: string[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      words.push(`geo${part(r)}_${part(c)}`);
    }
  }
  return words;
}
