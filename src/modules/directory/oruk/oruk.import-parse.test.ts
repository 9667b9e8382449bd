import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRandom, generateServices, toOrukRecord } from '../../../../scripts/synthetic-directory.ts';
import { compileValidator, takeOrukService } from './oruk.import-parse.ts';
import { hasNoNul, parseOrukService } from './oruk.schema.ts';

// takeOrukService must judge and normalise every record exactly as parseOrukService does: the same verdict,
// the same value, the same reasons. Compared on the official examples and mocks, on synthetic services, and
// on thousands of damaged copies of them.

const fixtures = new URL('../../../../test/fixtures/oruk/', import.meta.url);
const mocks = 'OpenReferralUK+oruk-validator/OpenReferralApi/Mocks/';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'));
}

const officialServices = (): unknown[] => [
  readJson('OpenReferralUK+uk-profile/examples/service_full.json'),
  ...(readJson('OpenReferralUK+uk-profile/examples/service_list.json') as { contents: unknown[] }).contents,
  ...['Default', 'Warn', 'Test', 'Fail'].flatMap((variant) => [
    readJson(`${mocks}V3.0-UK-${variant}/service_full.json`),
    ...(readJson(`${mocks}V3.0-UK-${variant}/service_list.json`) as { contents: unknown[] }).contents,
  ]),
];

const tenantId = randomUUID();
const synthetic = [...generateServices(200, 11, { asOf: new Date('2026-11-01') })].map(
  (item) => JSON.parse(JSON.stringify(toOrukRecord(tenantId, item))) as Record<string, unknown>,
);

/** Both parsers on their own copy of the record (takeOrukService changes its input). */
function both(record: unknown): { fast: unknown; slow: unknown; input: unknown } {
  const input = structuredClone(record);
  return { fast: takeOrukService(input), slow: parseOrukService(structuredClone(record)), input };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a record a value sits, as [parent, key]. */
function places(value: Json, out: [Json[] | Record<string, Json>, string | number][] = []): typeof out {
  if (Array.isArray(value)) {
    value.forEach((child, k) => {
      out.push([value, k]);
      places(child, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push([value, key]);
      places(child, out);
    }
  }
  return out;
}

const damages: ((old: Json, random: () => number) => Json)[] = [
  () => null,
  () => 42,
  () => 'text',
  () => '',
  () => true,
  () => ({}),
  () => [],
  (old) => (typeof old === 'string' ? old.toUpperCase() : old),
  (old) => (typeof old === 'string' ? `${old}\u0000` : old),
  (old) => (typeof old === 'string' ? `${old} x` : old),
  () => 'not a url',
  () => 'someone@',
  () => '2026-02-30',
  () => '2026-13-01T00:00:00Z',
  () => 'ABCDEF01-2345-4678-9ABC-DEF012345678',
  () => 1.5,
  (_old, random) => ({ unknown_field: random(), id: randomUUID() }),
];

/** A copy of the record with 1 to 3 values damaged, a field removed or an unknown field added. */
function damaged(record: Json, random: () => number): Json {
  const copy = structuredClone(record);
  const spots = places(copy);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const [parent, key] = spots[Math.floor(random() * spots.length)] ?? [copy as Json[], 0];
    const roll = random();
    if (roll < 0.1 && !Array.isArray(parent)) {
      Reflect.deleteProperty(parent, key);
    } else if (roll < 0.2 && !Array.isArray(parent)) {
      parent[`extra_${n}`] = 'unknown';
    } else {
      const damage = damages[Math.floor(random() * damages.length)] ?? (() => null);
      (parent as Record<string | number, Json>)[key] = damage(
        (parent as Record<string | number, Json>)[key] ?? null,
        random,
      );
    }
  }
  return copy;
}

describe('takeOrukService', () => {
  it('accepts every official example and mock service as parseOrukService does', () => {
    for (const record of officialServices()) {
      const { fast, slow } = both(record);
      expect(fast).toEqual(slow);
    }
  });

  it('takes a valid record over in place (the fast path), with the value parseOrukService gives', () => {
    for (const record of synthetic) {
      const { fast, slow, input } = both(record);
      expect(fast).toEqual(slow);
      expect(fast).toEqual({ ok: true, value: input });
    }
  });

  it('deletes unknown fields and fields sent as null, and lowercases ids, as parseOrukService does', () => {
    const record = {
      id: 'ABCDEF01-2345-4678-9ABC-DEF012345678',
      name: 'Walking group',
      status: 'active',
      description: null,
      colour: 'green',
      organization: { id: randomUUID().toUpperCase(), name: 'Trust', description: 'A charity', email: null },
      phones: [{ id: randomUUID(), number: '0113 496 0000', extension: null, notes: 'unknown' }],
    };
    const { fast, slow, input } = both(record);
    expect(fast).toEqual(slow);
    expect(input).toEqual({
      id: 'abcdef01-2345-4678-9abc-def012345678',
      name: 'Walking group',
      status: 'active',
      organization: { id: record.organization.id.toLowerCase(), name: 'Trust', description: 'A charity' },
      phones: [{ id: record.phones[0]?.id, number: '0113 496 0000' }],
    });
  });

  it.each([
    ['a schedule interval that is not whole', { schedules: [{ id: randomUUID(), interval: 1.5 }] }],
    ['a URL', { url: 'not a url' }],
    ['an email address', { email: 'someone@' }],
    ['a date', { assured_date: '2026-02-30' }],
    ['a date-time', { last_modified: '2026-11-01T09:30:00' }],
    ['a status', { status: 'open' }],
    ['a location type', { service_at_locations: [{ id: randomUUID(), location: { id: randomUUID() } }] }],
    ['a number', { minimum_age: '18' }],
    ['text', { name: 'Walking\u0000group' }],
    ['an id', { id: 'service-1' }],
    ['a list', { phones: { id: randomUUID(), number: '0113 496 0000' } }],
    ['a required field sent as null', { name: null }],
  ])('rejects a bad value (%s) with the reasons parseOrukService gives', (_, change) => {
    const record = { ...(synthetic[0] as object), ...change };
    const { fast, slow } = both(record);
    expect(slow).toMatchObject({ ok: false });
    expect(fast).toEqual(slow);
  });

  it('gives the same verdict, value and reasons on thousands of damaged records', () => {
    const random = createRandom(2026);
    const sources = [...officialServices(), ...synthetic.slice(0, 50)] as Json[];
    let rejected = 0;
    for (let k = 0; k < 3000; k++) {
      const record = damaged(sources[k % sources.length] ?? null, random);
      const { fast, slow } = both(record);
      expect(fast, JSON.stringify(record)).toEqual(slow);
      rejected += (slow as { ok: boolean }).ok ? 0 : 1;
    }
    // Both kinds were met.
    expect(rejected).toBeGreaterThan(500);
    expect(rejected).toBeLessThan(2800);
  });

  it('refuses to compile a zod schema it cannot mirror exactly', () => {
    expect(() => compileValidator(z.object({ id: z.union([z.string(), z.number()]) }))).toThrow(
      /zod type union is not supported/,
    );
    expect(() => compileValidator(z.object({ n: z.string().pipe(z.string()) }))).toThrow(/transform/);
    const refined = z.object({ a: z.string() }).refine((v) => v.a !== 'b');
    expect(() => compileValidator(refined)).toThrow(/checks on a zod object/);
    expect(() => compileValidator(z.object({ a: z.array(z.string()).min(1) }))).toThrow(
      /checks on a zod array/,
    );
    expect(() => compileValidator(z.strictObject({ a: z.string() }))).toThrow(/plain z.object/);
    expect(() => compileValidator(z.looseObject({ a: z.string() }))).toThrow(/plain z.object/);
    // A format with the text refinement is not plain text: its own zod schema judges it.
    const email = compileValidator(z.object({ e: z.email().refine(hasNoNul) }));
    expect(email({ e: 'not an email' })).toBe(false);
  });
});
