import { describe, expect, it } from 'vitest';
import { boundingBox, haversineKm, type Coordinates } from './distance.ts';

// Reference coordinates: ONS NSPL postcode centroids (src/modules/geo/data) and well-known landmarks.
const leedsStation: Coordinates = { latitude: 53.79515, longitude: -1.54666 }; // LS1 4DY
const londonKingsCross: Coordinates = { latitude: 51.5308, longitude: -0.1238 }; // N1C 4QP
const leedsCentre: Coordinates = { latitude: 53.8008, longitude: -1.5491 };
const londonCentre: Coordinates = { latitude: 51.5074, longitude: -0.1278 }; // Charing Cross
const headingley: Coordinates = { latitude: 53.80781, longitude: -1.56074 }; // LS6 1AN
const edinburgh: Coordinates = { latitude: 55.9533, longitude: -3.1883 };

describe('haversineKm', () => {
  it.each<[string, Coordinates, Coordinates, number, number]>([
    // Leeds to London is about 272 km as the crow flies (city centre to Charing Cross).
    ['Leeds to London', leedsCentre, londonCentre, 272.4, 0.5],
    ["Leeds station to King's Cross", leedsStation, londonKingsCross, 269.4, 0.5],
    ['Leeds station to LS6 1AN', leedsStation, headingley, 1.69, 0.02],
    ['Leeds to Edinburgh', leedsStation, edinburgh, 261.9, 0.5],
    // One degree of latitude is 111.2 km on a sphere of the mean Earth radius.
    ['one degree of latitude', { latitude: 53, longitude: -1 }, { latitude: 54, longitude: -1 }, 111.2, 0.1],
  ])('%s', (_name, a, b, expected, tolerance) => {
    expect(Math.abs(haversineKm(a, b) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(headingley, headingley)).toBe(0);
    expect(haversineKm(leedsStation, londonKingsCross)).toBeCloseTo(
      haversineKm(londonKingsCross, leedsStation),
      9,
    );
  });

  it('handles antipodal points without NaN', () => {
    const d = haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(d).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('boundingBox', () => {
  it('contains every point on the circle of the given radius', () => {
    const box = boundingBox(headingley, 10);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      // A point about 9.9 km away in this direction (small-distance approximation).
      const dLat = (9.9 / 111.2) * Math.cos(rad);
      const dLon = ((9.9 / 111.2) * Math.sin(rad)) / Math.cos((headingley.latitude * Math.PI) / 180);
      const p = { latitude: headingley.latitude + dLat, longitude: headingley.longitude + dLon };
      expect(haversineKm(headingley, p)).toBeLessThan(10);
      expect(p.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(p.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(p.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(p.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
  });
});
