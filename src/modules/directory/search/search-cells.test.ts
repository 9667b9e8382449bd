import { describe, expect, it } from 'vitest';
import { boundingBox } from '../../geo/geo.service.ts';
import { cellWord, cellWordsCovering, MAX_SEARCH_CELLS } from './search-cells.ts';

describe('cellWord', () => {
  it.each([
    [53.7963, -1.5474, 'geo537_m11'],
    [51.5074, -0.1278, 'geo515_m1'],
    [52.2053, 0.1218, 'geo522_0'],
    [-33.8688, 151.2093, 'geom339_1008'],
  ])('%s, %s is in %s', (lat, lon, word) => {
    expect(cellWord(lat, lon)).toBe(word);
  });
});

describe('cellWordsCovering', () => {
  it('covers every point within the radius', () => {
    const origin = { latitude: 53.7963, longitude: -1.5474 };
    const cells = new Set(cellWordsCovering(boundingBox(origin, 10)));
    expect(cells.size).toBeGreaterThan(0);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      for (const km of [0, 3, 7, 9.99]) {
        const rad = (bearing * Math.PI) / 180;
        const lat = origin.latitude + (km / 6371.0088) * (180 / Math.PI) * Math.cos(rad);
        const lon =
          origin.longitude +
          ((km / 6371.0088) * (180 / Math.PI) * Math.sin(rad)) / Math.cos((origin.latitude * Math.PI) / 180);
        expect(cells.has(cellWord(lat, lon))).toBe(true);
      }
    }
  });

  it('gives up on boxes wider than MAX_SEARCH_CELLS cells', () => {
    const origin = { latitude: 53.8, longitude: -1.55 };
    expect(cellWordsCovering(boundingBox(origin, 10))?.length).toBeLessThanOrEqual(9);
    expect(cellWordsCovering(boundingBox(origin, 200))).toBeNull();
    expect(MAX_SEARCH_CELLS).toBeGreaterThanOrEqual(9);
  });
});
