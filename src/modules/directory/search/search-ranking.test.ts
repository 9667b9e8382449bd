import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../geo/geo.service.ts';
import {
  CAPACITY_WEIGHTS,
  capacityCutoff,
  distanceFactor,
  EARTH_RADIUS_KM,
  listingNeedsChecking,
} from './search-ranking.ts';

describe('ranking weights', () => {
  it('orders capacity accepting > waitlist > unknown > paused > closed', () => {
    const w = CAPACITY_WEIGHTS;
    expect(w.accepting).toBeGreaterThan(w.waitlist);
    expect(w.waitlist).toBeGreaterThan(w.assessment_required);
    expect(w.assessment_required).toBeGreaterThan(w.unknown);
    expect(w.unknown).toBeGreaterThan(w.paused);
    expect(w.paused).toBeGreaterThan(w.closed);
    expect(w.closed).toBeGreaterThan(0);
  });

  it.each([
    [null, 1],
    [0, 1],
    [5, 0.5],
    [10, 1 / 3],
  ])('distance factor at %s km is %s', (km, factor) => {
    expect(distanceFactor(km)).toBeCloseTo(factor, 10);
  });

  it('decays with distance', () => {
    expect(distanceFactor(1)).toBeGreaterThan(distanceFactor(2));
  });

  it('uses the same Earth radius as the geo module', () => {
    const a = { latitude: 53.79631, longitude: -1.5641 };
    const b = { latitude: 51.5074, longitude: -0.1278 };
    const dLat = ((b.latitude - a.latitude) * Math.PI) / 180;
    const dLon = ((b.longitude - a.longitude) * Math.PI) / 180;
    const h =
      Math.sin(dLat / 2) ** 2 +
      Math.cos((a.latitude * Math.PI) / 180) *
        Math.cos((b.latitude * Math.PI) / 180) *
        Math.sin(dLon / 2) ** 2;
    expect(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h))).toBeCloseTo(haversineKm(a, b), 9);
  });
});

describe('capacityCutoff', () => {
  it('is the given number of days before now', () => {
    expect(capacityCutoff(new Date('2026-11-21T12:00:00Z'), 14).toISOString()).toBe(
      '2026-11-07T12:00:00.000Z',
    );
  });
});

describe('listingNeedsChecking', () => {
  const now = new Date('2026-11-21T09:30:00Z');
  it.each([
    [null, true],
    ['not a date', true],
    ['2026-11-21', false],
    ['2026-05-22', false],
    ['2026-05-21', true],
    ['2020-01-01', true],
  ])('assured %s -> %s with 183 days', (assured, expected) => {
    expect(listingNeedsChecking(assured, now, 183)).toBe(expected);
  });
});
