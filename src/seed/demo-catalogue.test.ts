import { describe, expect, it } from 'vitest';
import { DELIVERY_MODES, NEED_CODES, REFERRAL_ROUTES } from '../modules/directory/vocabulary.ts';
import { parsePostcodeQuery } from '../modules/geo/postcode.ts';
import { DEMO_AREAS, DEMO_PRACTICES, findVenue, NEIGHBOURHOODS } from './demo-areas.data.ts';
import { demoClock } from './demo-capacity.ts';
import { DEMO_ORGANISATIONS, demoServices } from './demo-catalogue.ts';
import { DemoRandom, demoId } from './demo-random.ts';
import { SERVICE_TYPE_CODES } from './demo-service-types.data.ts';

describe('the demo catalogue', () => {
  const services = demoServices();

  it('is the same every time it is expanded', () => {
    expect(demoServices()).toEqual(services);
  });

  it('has over 300 services with unique keys and names, from 60 to 90 organisations', () => {
    expect(services.length).toBeGreaterThanOrEqual(300);
    expect(new Set(services.map((s) => s.key)).size).toBe(services.length);
    expect(new Set(services.map((s) => s.name)).size).toBe(services.length);
    expect(DEMO_ORGANISATIONS.length).toBeGreaterThanOrEqual(60);
    expect(DEMO_ORGANISATIONS.length).toBeLessThanOrEqual(90);
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.name)).size).toBe(DEMO_ORGANISATIONS.length);
  });

  it('uses only the directory vocabularies and known service types and venues', () => {
    for (const s of services) {
      expect(
        s.needs.every((n) => NEED_CODES.includes(n)),
        s.key,
      ).toBe(true);
      expect(
        s.deliveryModes.every((m) => DELIVERY_MODES.includes(m)),
        s.key,
      ).toBe(true);
      expect(
        s.referralRoutes.every((r) => REFERRAL_ROUTES.includes(r)),
        s.key,
      ).toBe(true);
      expect(SERVICE_TYPE_CODES, s.key).toContain(s.serviceType);
      expect(s.schedules.length, s.key).toBeGreaterThan(0);
      expect(`${s.name} ${s.description} ${s.accessCriteria}`, s.key).not.toMatch(/\{(area|venue|org)\}/);
      if (s.venue !== null) {
        expect(() => findVenue(s.venue ?? '')).not.toThrow();
      }
      if (s.minimumAge !== undefined && s.maximumAge !== undefined) {
        expect(s.minimumAge, s.key).toBeLessThan(s.maximumAge);
      }
    }
  });

  it('covers every need, and every neighbourhood has befriending', () => {
    expect(new Set(services.flatMap((s) => s.needs))).toEqual(new Set(NEED_CODES));
    for (const area of NEIGHBOURHOODS) {
      const local = services.filter((s) => s.venue !== null && findVenue(s.venue).area.key === area.key);
      expect(local.filter((s) => s.serviceType === 'befriending').length, area.key).toBeGreaterThan(0);
    }
  });

  it('places venues and practices in real Leeds postcode sectors', () => {
    const venues = [...DEMO_AREAS.flatMap((a) => a.venues), ...DEMO_PRACTICES.map((p) => p.venue)];
    expect(new Set(venues.map((v) => v.key)).size).toBe(venues.length);
    for (const v of venues) {
      expect(parsePostcodeQuery(v.sector)).toMatchObject({ ok: true, value: { kind: 'sector' } });
      expect(v.sector.startsWith('LS')).toBe(true);
    }
  });
});

describe('demo determinism helpers', () => {
  it('gives the same ids and random streams for the same keys, and different ones per tenant', () => {
    expect(demoId('t1', 'service', 'a')).toBe(demoId('t1', 'service', 'a'));
    expect(demoId('t1', 'service', 'a')).not.toBe(demoId('t2', 'service', 'a'));
    const a = new DemoRandom('x');
    const b = new DemoRandom('x');
    expect([a.next(), a.int(1, 6), a.pick(['p', 'q', 'r'])]).toEqual([
      b.next(),
      b.int(1, 6),
      b.pick(['p', 'q', 'r']),
    ]);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('fixes the clock to the seeding day', () => {
    const morning = demoClock(new Date('2026-11-21T00:05:00Z'));
    const evening = demoClock(new Date('2026-11-21T23:55:00Z'));
    expect(morning.daysAgo(3, 30)).toEqual(evening.daysAgo(3, 30));
    expect(morning.daysAgo(3, 30).toISOString()).toBe('2026-11-18T08:30:00.000Z');
    expect(morning.assuredDate(new DemoRandom('s'))).toBe(evening.assuredDate(new DemoRandom('s')));
  });
});
