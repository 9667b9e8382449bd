import { describe, expect, it } from 'vitest';
import { parseOrukService } from '../src/modules/directory/oruk/oruk.schema.ts';
import { checkImportable } from '../src/modules/directory/service-graph.checks.ts';
import { NEED_CODES } from '../src/modules/directory/vocabulary.ts';
import { generateServices, readEnglishSectors, toOrukRecord } from '../scripts/synthetic-directory.ts';

// The synthetic directory behind `npm run generate:directory` and `npm run bench:search`.

const asOf = new Date('2026-11-21T00:00:00Z');
const TENANT = '7f1f2b4e-7c2a-4c55-9f1e-3a7d2c1b0e9a';
const take = (
  count: number,
  seed: number,
): ReturnType<typeof generateServices> extends Iterable<infer T> ? T[] : never => [
  ...generateServices(count, seed, { asOf }),
];

describe('synthetic directory', () => {
  it('is deterministic: the same seed gives the same services, another seed different ones', () => {
    expect(take(50, 7)).toEqual(take(50, 7));
    expect(take(50, 8).map((s) => s.service.id)).not.toEqual(take(50, 7).map((s) => s.service.id));
  });

  it('gives every service a distinct id', () => {
    const ids = take(2000, 1).map((s) => s.service.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places services in England only, at real sector centroids give or take a kilometre', () => {
    const sectors = readEnglishSectors();
    expect(sectors.some((s) => s.area === 'LS')).toBe(true);
    expect(sectors.some((s) => ['EH', 'G', 'CF', 'SA', 'BT'].includes(s.area))).toBe(false);
    for (const { service } of take(300, 3)) {
      const location = service.service_at_locations?.[0]?.location;
      const sector = location?.addresses?.[0]?.postal_code.slice(0, -2);
      const centroid = sectors.find((s) => s.sector === sector);
      expect(centroid).toBeDefined();
      expect(Math.abs((location?.latitude ?? 0) - (centroid?.latitude ?? 99))).toBeLessThan(0.01);
      expect(Math.abs((location?.longitude ?? 0) - (centroid?.longitude ?? 99))).toBeLessThan(0.02);
    }
  });

  it('produces valid, importable ORUK services whose Signpost fields travel as attributes', () => {
    for (const item of take(300, 5)) {
      const parsed = parseOrukService(toOrukRecord(TENANT, item));
      expect(parsed.ok && checkImportable(TENANT, parsed.value)).toEqual([]);
      expect(item.signpost?.needs?.every((need) => NEED_CODES.includes(need))).toBe(true);
    }
  });
});
