import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { countPostcodeReferenceRows, upsertPostcodes } from './geo.repository.ts';
import { ensurePostcodeReferenceData, normalisePostcode, resolvePostcode } from './geo.service.ts';

describe('postcode reference data and resolvePostcode', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.close();
  });

  it('loads the shipped districts and sectors once, then skips', async () => {
    const first = await ensurePostcodeReferenceData(testDb.db);
    expect(first).toEqual({ districts: 2863, sectors: 10836, loaded: true });
    expect(await countPostcodeReferenceRows(testDb.db)).toEqual({ districts: 2863, sectors: 10836 });
    const second = await ensurePostcodeReferenceData(testDb.db);
    expect(second.loaded).toBe(false);
    const sector = await testDb.db
      .selectFrom('postcode_sector')
      .selectAll()
      .where('sector', '=', 'LS6 1')
      .executeTakeFirstOrThrow();
    expect(sector).toEqual({
      sector: 'LS6 1',
      district: 'LS6',
      latitude: 53.81134,
      longitude: -1.57036,
      postcodes: 233,
    });
  });

  it('reloads when a table has lost rows', async () => {
    await testDb.db.deleteFrom('postcode_sector').where('district', '=', 'LS6').execute();
    expect((await countPostcodeReferenceRows(testDb.db)).sectors).toBe(10836 - 5);
    expect((await ensurePostcodeReferenceData(testDb.db)).loaded).toBe(true);
    expect(await countPostcodeReferenceRows(testDb.db)).toEqual({ districts: 2863, sectors: 10836 });
  });

  it('falls back from full postcode to sector to district', async () => {
    // LS6 1AN is not in the (empty) full-postcode table yet: its sector answers.
    expect(await resolvePostcode(testDb.db, 'ls61an')).toEqual({
      ok: true,
      value: { postcode: 'LS6 1AN', latitude: 53.81134, longitude: -1.57036, precision: 'sector' },
    });
    // LS6 7 is not a live sector: the district answers.
    expect(await resolvePostcode(testDb.db, 'LS6 7ZZ')).toEqual({
      ok: true,
      value: { postcode: 'LS6 7ZZ', latitude: 53.8201, longitude: -1.57087, precision: 'district' },
    });
    expect(await resolvePostcode(testDb.db, ' ls6 ')).toMatchObject({
      ok: true,
      value: { postcode: 'LS6', precision: 'district' },
    });
    expect(await resolvePostcode(testDb.db, 'LS6 4')).toMatchObject({
      ok: true,
      value: { postcode: 'LS6 4', latitude: 53.83113, precision: 'sector' },
    });
  });

  it('uses the full postcode once one is imported', async () => {
    await upsertPostcodes(
      testDb.db,
      [{ postcode: 'LS6 1AN', latitude: 53.80781, longitude: -1.56074 }],
      'test',
    );
    expect(await resolvePostcode(testDb.db, 'LS6 1AN')).toEqual({
      ok: true,
      value: { postcode: 'LS6 1AN', latitude: 53.80781, longitude: -1.56074, precision: 'postcode' },
    });
  });

  it.each([
    ['not a postcode', 'InvalidPostcode', 'Enter a real postcode, like LS1 4AP'],
    ['', 'InvalidPostcode', 'Enter a postcode'],
    // Valid formats that the Great Britain-only ONS data does not hold.
    ['BT7 1NN', 'PostcodeNotFound', 'We could not find that postcode. Check it and try again'],
    ['GIR 0AA', 'PostcodeNotFound', 'We could not find that postcode. Check it and try again'],
    ['ZE9 9ZZ', 'PostcodeNotFound', 'We could not find that postcode. Check it and try again'],
  ])('rejects %j as %s', async (input, error, message) => {
    expect(await resolvePostcode(testDb.db, input)).toEqual({ ok: false, error, message });
  });

  it('normalises without the database', () => {
    expect(normalisePostcode('ls61an')).toBe('LS6 1AN');
    expect(normalisePostcode('ls6 1')).toBe('LS6 1');
    expect(normalisePostcode('nonsense')).toBeNull();
  });
});
